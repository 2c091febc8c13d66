package bindings

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/remote/segment"
)

// Operations of a call into a Python segment transport
// (remotemedia.ray._placement), after the factory's opNew made it.
const (
	opSegmentSend  = 10 // ival: batch id; addr, nbytes: the encoded request
	opSegmentEnd   = 11 // ival: batch id
	opSegmentClose = 12 // ival: 1 when the stream did not end cleanly
)

// Local nodes of placed segments, by token, for SegmentDeliver.
var segmentNodes = struct {
	sync.Mutex
	next int64
	m    map[int64]*segment.Node
}{m: map[int64]*segment.Node{}}

// AddSegmentType registers a placed segment as the node type name: each
// instance (one per run) asks the Python factory for a transport (a call
// with opNew, its token for SegmentDeliver) and sends it its batches.
func (r *Registry) AddSegmentType(name string, factory uintptr, segmentName string, batchFrames, batchWaitMs, batchesInFlight int) (err error) {
	defer guard(&err)
	if factory == 0 {
		return fmt.Errorf("register %q: null factory", name)
	}
	fac := borrowed(factory)
	opts := segment.Options{Name: segmentName, BatchFrames: batchFrames,
		BatchWait: time.Duration(batchWaitMs) * time.Millisecond, BatchesInFlight: batchesInFlight}
	// A segment waits on Ray, not on Python: it keeps a worker of its own.
	decl := fmt.Sprintf(`{"summary": %q, "releases_gil": true}`, "a placed segment: "+segmentName)
	spec, err := r.reg.ForeignSpec(name, node.RuntimePython, []byte(decl),
		func(node.Params) (node.Node, error) { return newSegmentNode(fac, name, opts) })
	if err != nil {
		return fmt.Errorf("register %q: %w", name, err)
	}
	return r.reg.Replace(spec)
}

func newSegmentNode(factory pyObject, typeName string, opts segment.Options) (node.Node, error) {
	n := segment.NewNode(opts)
	segmentNodes.Lock()
	segmentNodes.next++
	token := segmentNodes.next
	segmentNodes.m[token] = n
	segmentNodes.Unlock()
	obj, err := factory.invoke(&callArgs{op: opNew, aux: typeName, token: token}, true, nil)
	if err != nil {
		dropSegmentNode(token)
		return nil, pyError(err)
	}
	n.SetTransport(&pyTransport{obj: obj, token: token})
	return n, nil
}

func dropSegmentNode(token int64) {
	segmentNodes.Lock()
	delete(segmentNodes.m, token)
	segmentNodes.Unlock()
}

// pyTransport is a segment.Transport whose calls go to a Python object.
type pyTransport struct {
	obj   pyObject
	token int64
}

func (t *pyTransport) Send(batch int64, req []byte) error {
	a := &callArgs{op: opSegmentSend, ival: batch, nbytes: int64(len(req)), token: t.token}
	if len(req) > 0 {
		a.addr = uintptr(unsafe.Pointer(&req[0]))
	}
	err := t.obj.call(a) // Python copies the request during the call
	runtime.KeepAlive(req)
	return pyError(err)
}

func (t *pyTransport) End(batch int64) error {
	return pyError(t.obj.call(&callArgs{op: opSegmentEnd, ival: batch, token: t.token}))
}

func (t *pyTransport) Close(aborted bool) {
	a := &callArgs{op: opSegmentClose, token: t.token}
	if aborted {
		a.ival = 1
	}
	_ = t.obj.call(a)
	t.obj.release()
	dropSegmentNode(t.token)
}

// SegmentDeliver hands a batch's result (n bytes at addr, copied) to the
// local node of token; a non-empty errText says why there is none.
func SegmentDeliver(token, batch int64, addr uintptr, n int, errText string) (err error) {
	defer guard(&err)
	segmentNodes.Lock()
	sn := segmentNodes.m[token]
	segmentNodes.Unlock()
	if sn == nil {
		return nil // the run is over: a late answer
	}
	if errText != "" {
		sn.Deliver(batch, nil, errors.New(errText))
		return nil
	}
	b, err := copyFrom(addr, n)
	if err != nil {
		return err
	}
	sn.Deliver(batch, b, nil)
	return nil
}

// CompileSegment compiles a placed segment's sub-pipeline for its host:
// as Compile, with marks on (OpenSegmentSession needs them).
func CompileSegment(r *Registry, manifestJSON string, queueSize int, skipErrors bool) (p *Pipeline, err error) {
	defer guard(&err)
	return compile(r, manifestJSON, core.NewConfig().WithMarks(true), queueSize, skipErrors)
}

// SegmentSession runs one stream of a segment where it is placed (a Ray
// actor); see segment.Session. Its last result stays readable through
// ResultAddr and ResultLen until the next call.
type SegmentSession struct {
	s      *segment.Session
	result []byte
}

// OpenSegmentSession starts a session of a pipeline from CompileSegment.
func OpenSegmentSession(p *Pipeline) (s *SegmentSession, err error) {
	defer guard(&err)
	ss, err := segment.Open(p.p)
	if err != nil {
		return nil, err
	}
	return &SegmentSession{s: ss}, nil
}

// Push runs one encoded batch (n bytes at addr, copied) and keeps its
// encoded result.
func (s *SegmentSession) Push(addr uintptr, n int) (err error) {
	defer guard(&err)
	req, err := copyFrom(addr, n)
	if err != nil {
		return err
	}
	s.result, err = s.s.Push(req)
	return err
}

// Close ends the stream and keeps the result with the flush outputs.
func (s *SegmentSession) Close() (err error) {
	defer guard(&err)
	s.result, err = s.s.Close()
	return err
}

// Abort stops the session's run.
func (s *SegmentSession) Abort() (err error) {
	defer guard(&err)
	s.s.Abort()
	return nil
}

// ResultAddr and ResultLen locate the last result, for Python to copy.
func (s *SegmentSession) ResultAddr() uintptr {
	if len(s.result) == 0 {
		return 0
	}
	return uintptr(unsafe.Pointer(&s.result[0]))
}

func (s *SegmentSession) ResultLen() int { return len(s.result) }

// PlacementsJSON validates a manifest against r and returns the placement
// of each placed node, by id, with defaults filled in, as JSON.
func PlacementsJSON(r *Registry, manifestJSON string) (out string, err error) {
	defer guard(&err)
	m, err := core.ParseManifest([]byte(manifestJSON), core.NewConfig().WithRegistry(r.reg))
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(m.Placements())
	return string(b), err
}
