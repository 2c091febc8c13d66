package wasmhost

import "sync"

// Bounds on how much guest stdout/stderr is kept: the start (where a Go
// panic says what went wrong) and the end (where it says where), never a
// way for a guest to grow host memory.
const (
	headSize = 1 << 10
	tailSize = 3 << 10
)

// output keeps the first headSize and the last tailSize bytes written to
// it, so a trap is reported with the guest's own last words.
type output struct {
	mu      sync.Mutex
	head    []byte
	tail    []byte
	dropped bool
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := len(p)
	if room := headSize - len(o.head); room > 0 {
		take := min(room, len(p))
		o.head = append(o.head, p[:take]...)
		p = p[take:]
	}
	if len(p) >= tailSize {
		o.dropped = o.dropped || len(o.tail) > 0 || len(p) > tailSize
		o.tail = append(o.tail[:0], p[len(p)-tailSize:]...)
		return n, nil
	}
	if over := len(o.tail) + len(p) - tailSize; over > 0 {
		o.dropped = true
		o.tail = append(o.tail[:0], o.tail[over:]...)
	}
	o.tail = append(o.tail, p...)
	return n, nil
}

// take returns what was kept and forgets it.
func (o *output) take() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	s := string(o.head)
	if o.dropped {
		s += "\n[...]\n"
	}
	s += string(o.tail)
	o.head, o.tail, o.dropped = o.head[:0], o.tail[:0], false
	return s
}
