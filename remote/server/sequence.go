package server

import (
	"sync"

	"github.com/remotemedia/remotemedia/core"
)

// sequences maps the engine's input indexes back to the clients' chunk
// sequences. Clients number chunks 0, 1, 2, ... (or from any start, with no
// gaps), so only chunks that break that pattern take memory: a long stream
// does not grow the map.
type sequences struct {
	mu      sync.Mutex
	started bool
	base    uint64         // sequence of input 0
	odd     map[int]uint64 // inputs whose sequence is not base+index
	last    uint64         // sequence of the latest chunk
}

func (s *sequences) record(index int, seq uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.started {
		s.started, s.base = true, seq-uint64(index)
	}
	if seq != s.base+uint64(index) {
		if s.odd == nil {
			s.odd = map[int]uint64{}
		}
		s.odd[index] = seq
	}
	s.last = seq
}

// of is the sequence of input index; outputs produced while flushing
// (core.EndOfStream) take the last chunk's.
func (s *sequences) of(index int) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if index == core.EndOfStream {
		return s.last
	}
	if seq, ok := s.odd[index]; ok {
		return seq
	}
	return s.base + uint64(index)
}
