//go:build js && wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// A session is one streaming run (Pipeline.Start) that JavaScript feeds
// frame by frame:
//
//	start({manifest: Uint8Array, skipErrors?, host?, onOutput, onEnd})
//	    -> Promise<Uint8Array> JSON {"ok": true, "session": n, "sinks": [...]} | error envelope
//	push(n, Uint8Array wire v1 frame) -> false once the session has ended
//	close(n)  -> ends the input: nodes flush, then the session ends
//	cancel(n) -> stops it; it ends with code "cancelled"
//
// onOutput(sink id, Uint8Array wire v1 frame, input index | null) is called
// for each sink output as it is produced, and onEnd(Uint8Array envelope)
// once, after the last output: {"ok": true, "metrics", "skipped"} or the
// error envelope run gives. Frames cross as bytes both ways; nothing on the
// way is JSON but the frames' own small meta headers.
type session struct {
	id       int
	stream   *core.Stream
	inbox    *inbox
	pushed   int // frames pushed so far: the next input's index
	onOutput js.Value
	onEnd    js.Value
	sinkIDs  map[string]js.Value // made once, so outputs do not copy strings
}

// sessionTable holds the running sessions by id.
type sessionTable struct {
	mu   sync.Mutex
	m    map[int]*session
	next int
}

var sessions = sessionTable{m: map[int]*session{}}

func (t *sessionTable) add(s *session) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.next++
	s.id = t.next
	t.m[s.id] = s
}

func (t *sessionTable) get(id js.Value) *session {
	if id.Type() != js.TypeNumber {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[id.Int()]
}

func (t *sessionTable) remove(s *session) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, s.id)
}

func (t *sessionTable) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.m)
}

func startFunc(_ js.Value, args []js.Value) any {
	req := argument(args, 0)
	return goPromise(func() js.Value { return bytesToJS(startSession(req)) })
}

// startSession builds the pipeline and every node, starts the run, and
// returns the start envelope. Node Init errors come later, through onEnd.
func startSession(v js.Value) (env []byte) {
	defer func() {
		if r := recover(); r != nil {
			env = errorEnvelope(fmt.Errorf("engine panic: %v", r))
		}
	}()
	if v.Type() != js.TypeObject {
		return errorEnvelope(errors.New("start: want a request object"))
	}
	onOutput, onEnd := v.Get("onOutput"), v.Get("onEnd")
	if onOutput.Type() != js.TypeFunction || onEnd.Type() != js.TypeFunction {
		return errorEnvelope(errors.New("start: onOutput and onEnd must be functions"))
	}
	manifest, err := bytesFromJS(v.Get("manifest"))
	if err != nil {
		return errorEnvelope(fmt.Errorf("start: manifest: %w", err))
	}
	p, err := buildPipeline(manifest, v.Get("host"), v.Get("skipErrors").Truthy())
	if err != nil {
		return errorEnvelope(err)
	}
	stream, err := p.Start(context.Background())
	if err != nil {
		return errorEnvelope(err)
	}
	s := &session{stream: stream, inbox: newInbox(), onOutput: onOutput, onEnd: onEnd, sinkIDs: map[string]js.Value{}}
	for _, id := range p.Sinks() {
		s.sinkIDs[id] = js.ValueOf(id)
	}
	sessions.add(s)
	go s.serve()
	return startEnvelope(s.id, p.Sinks())
}

func pushFunc(_ js.Value, args []js.Value) any {
	s := sessions.get(argument(args, 0))
	if s == nil {
		return false
	}
	b, err := bytesFromJS(argument(args, 1))
	var f *frame.Frame
	if err == nil {
		f, err = frame.Decode(b)
	}
	if err == nil && !s.inbox.put(f) {
		err = errQueueFull
	}
	if err != nil {
		s.inbox.fail(&core.InputError{Err: fmt.Errorf("inputs[%d]: %w", s.pushed, err)})
		return true
	}
	s.pushed++
	return true
}

func closeFunc(_ js.Value, args []js.Value) any {
	if s := sessions.get(argument(args, 0)); s != nil {
		s.inbox.close()
		return true
	}
	return false
}

func cancelFunc(_ js.Value, args []js.Value) any {
	if s := sessions.get(argument(args, 0)); s != nil {
		s.stream.Cancel()
		return true
	}
	return false
}

// serve runs on its own goroutine for the session's life: it hands every
// output to onOutput, waits for the run, and calls onEnd.
func (s *session) serve() {
	var end error
	defer func() {
		if r := recover(); r != nil {
			s.stream.Cancel()
			end = fmt.Errorf("engine panic: %v", r)
		}
		sessions.remove(s)
		s.finish(end)
	}()
	fed := make(chan error, 1)
	go func() { fed <- s.feed() }()
	var buf []byte
	var outErr error
	for out := range s.stream.Outputs() {
		if outErr != nil {
			continue // drain, so every node can finish
		}
		if buf, outErr = s.deliver(buf[:0], out); outErr != nil {
			s.stream.Cancel()
		}
	}
	runErr := s.stream.Wait()
	// A run that stopped early leaves the feeder waiting.
	s.inbox.close()
	end = core.StreamError(runErr, <-fed, outErr)
}

// feed sends what JavaScript pushes, in order, until the input ends.
func (s *session) feed() error {
	defer s.stream.CloseInput()
	var batch []*frame.Frame
	for {
		frames, ended, err := s.inbox.take(batch)
		if len(frames) > 0 {
			if sendErr := s.stream.SendBatch(context.Background(), frames); sendErr != nil {
				return nil // the run has stopped, and its own error says why
			}
			clear(frames)
			batch = frames
		}
		if ended {
			if err != nil {
				s.stream.Cancel()
			}
			return err
		}
	}
}

// deliver hands one output to JavaScript as wire v1 bytes, encoded into buf.
func (s *session) deliver(buf []byte, out core.Output) ([]byte, error) {
	buf, err := frame.AppendEncode(buf, out.Frame)
	if err != nil {
		return buf, fmt.Errorf("sink %s: %w", out.Sink, err)
	}
	input := js.Null()
	if out.Input != core.EndOfStream {
		input = js.ValueOf(out.Input)
	}
	if _, err := invoke(s.onOutput, s.sinkIDs[out.Sink], bytesToJS(buf), input); err != nil {
		return buf, fmt.Errorf("onOutput: %w", err)
	}
	return buf, nil
}

func (s *session) finish(err error) {
	env := sessionEndEnvelope(s.stream)
	if err != nil {
		env = errorEnvelope(err)
	}
	// onEnd only posts a message; if it throws there is no one left to tell.
	_, _ = invoke(s.onEnd, bytesToJS(env))
}
