package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
	"github.com/remotemedia/remotemedia/remote/wire"
)

// session is one StreamPipeline call. Two goroutines share it: the handler
// writes every response (a gRPC stream has one writer), and the reader
// receives requests and feeds the run, so a pipeline that is full never
// stops outputs from being sent.
type session struct {
	id       string
	stream   pb.StreamingPipelineService_StreamPipelineServer
	srv      *Server
	run      *core.Stream
	sources  []string
	seqs     sequences
	events   chan event    // reader -> handler
	done     chan struct{} // closed when the handler returns
	lastRecv atomic.Int64  // unix nanoseconds of the latest request
	closing  atomic.Bool   // CLOSE received: flushing, no idle timeout
	fed      atomic.Uint64 // chunks fed to the run
}

// event is what the reader tells the handler: a response to send, or that
// the session ends (cancelled by the client, or the client went away).
type event struct {
	resp *pb.StreamResponse
	end  bool
}

// StreamPipeline implements the streaming session (docs/REMOTE.md).
func (s *Server) StreamPipeline(stream pb.StreamingPipelineService_StreamPipelineServer) error {
	select {
	case s.slots <- struct{}{}:
	default:
		return status.Errorf(codes.ResourceExhausted, "the server already has %d sessions open, its limit (--max-sessions)", s.opts.MaxSessions)
	}
	s.sessions.Add(1)
	s.opts.Metrics.sessionStarted()
	began := time.Now()
	defer func() {
		s.opts.Metrics.sessionEnded(time.Since(began).Seconds())
		s.sessions.Add(-1)
		<-s.slots
	}()

	ss := &session{
		id: "s" + strconv.FormatUint(s.nextID.Add(1), 10), stream: stream, srv: s,
		events: make(chan event, 4), done: make(chan struct{}),
	}
	defer close(ss.done)
	ss.touch()
	first, started := make(chan *pb.StreamRequest, 1), make(chan struct{})
	go ss.receive(first, started)

	init, err := ss.awaitInit(first)
	if init == nil {
		return err
	}
	p, err := s.pipelineFor(init.GetManifest())
	if err == nil && len(init.GetDataInputs()) > 0 {
		err = errors.New("StreamInit.data_inputs is not supported: send the values as DataChunks")
	}
	if err != nil {
		return ss.send(streamError(initErrorType(err), pb.StreamErrorType_STREAM_ERROR_UNSPECIFIED, "", err.Error(), nil))
	}
	ctx, cancel := context.WithCancel(stream.Context())
	defer cancel()
	run, err := p.Start(ctx)
	if err != nil {
		return ss.send(streamError(errorType(err), pb.StreamErrorType_STREAM_ERROR_UNSPECIFIED, "", err.Error(), nil))
	}
	defer s.endRun(run)
	ss.run, ss.sources = run, run.Sources()
	if err := ss.send(&pb.StreamResponse{Response: &pb.StreamResponse_Ready{Ready: &pb.StreamReady{SessionId: ss.id}}}); err != nil {
		return err
	}
	close(started) // the reader may feed the run now
	return ss.serve(ctx)
}

func initErrorType(err error) pb.ErrorType {
	var le *limitError
	if errors.As(err, &le) {
		return pb.ErrorType_ERROR_TYPE_RESOURCE_LIMIT
	}
	return pb.ErrorType_ERROR_TYPE_VALIDATION
}

// awaitInit waits for the first request, which must be a StreamInit.
func (ss *session) awaitInit(first chan *pb.StreamRequest) (*pb.StreamInit, error) {
	timer := time.NewTimer(ss.srv.opts.IdleTimeout)
	defer timer.Stop()
	select {
	case req := <-first:
		if init := req.GetInit(); init != nil {
			return init, nil
		}
		return nil, ss.send(streamError(pb.ErrorType_ERROR_TYPE_VALIDATION, pb.StreamErrorType_STREAM_ERROR_INIT_REQUIRED, "",
			"the first message of a stream must be a StreamInit", nil))
	case ev := <-ss.events:
		return nil, ss.sendEvent(ev)
	case <-timer.C:
		return nil, ss.send(ss.timeoutError())
	case <-ss.stream.Context().Done():
		return nil, ss.stream.Context().Err()
	}
}

func (ss *session) timeoutError() *pb.StreamResponse {
	return streamError(pb.ErrorType_ERROR_TYPE_RESOURCE_LIMIT, pb.StreamErrorType_STREAM_ERROR_TIMEOUT, "",
		fmt.Sprintf("no message for %s, the server's idle timeout (--idle-timeout)", ss.srv.opts.IdleTimeout), nil)
}

func (ss *session) send(resp *pb.StreamResponse) error {
	ss.srv.opts.Metrics.errorSent(resp)
	return ss.stream.Send(resp)
}

func (ss *session) sendEvent(ev event) error {
	if ev.resp != nil {
		return ss.send(ev.resp)
	}
	return nil
}

// sendQueuedEvents sends the responses already waiting in events; end
// reports an event that ends the session (as in serve's loop).
func (ss *session) sendQueuedEvents() (end bool, err error) {
	for {
		select {
		case ev := <-ss.events:
			if err := ss.sendEvent(ev); err != nil || ev.end {
				return true, err
			}
		default:
			return false, nil
		}
	}
}

func (ss *session) touch() { ss.lastRecv.Store(time.Now().UnixNano()) }

// serve sends outputs and the reader's responses until the run ends.
func (ss *session) serve(ctx context.Context) error {
	idle := time.NewTicker(min(ss.srv.opts.IdleTimeout/4, time.Second))
	defer idle.Stop()
	outputs := ss.run.Outputs()
	for {
		select {
		case out, ok := <-outputs:
			if !ok {
				// The reader may have queued responses for chunks it read
				// before CLOSE; the run ending must not drop them.
				if end, err := ss.sendQueuedEvents(); end || err != nil {
					return err
				}
				return ss.finish()
			}
			if err := ss.sendOutput(out); err != nil {
				return err
			}
		case ev := <-ss.events:
			if err := ss.sendEvent(ev); err != nil || ev.end {
				return err
			}
		case <-idle.C:
			if !ss.closing.Load() && time.Since(time.Unix(0, ss.lastRecv.Load())) > ss.srv.opts.IdleTimeout {
				return ss.send(ss.timeoutError())
			}
		case <-ctx.Done():
			return status.FromContextError(ctx.Err()).Err()
		}
	}
}

func (ss *session) sendOutput(out core.Output) error {
	buf, err := wire.FromFrame(out.Frame)
	seq := ss.seqs.of(out.Input)
	if err != nil {
		ss.run.Cancel()
		return ss.send(streamError(pb.ErrorType_ERROR_TYPE_INTERNAL, pb.StreamErrorType_STREAM_ERROR_EXECUTION, out.Sink,
			"the output cannot be sent: "+err.Error(), &seq))
	}
	ss.srv.opts.Metrics.chunkOut()
	return ss.send(&pb.StreamResponse{Response: &pb.StreamResponse_Result{Result: &pb.ChunkResult{
		Sequence: seq, DataOutputs: map[string]*pb.DataBuffer{out.Sink: buf}, TotalItemsProcessed: ss.fed.Load(),
	}}})
}

// finish reports how the run ended: StreamClosed after CLOSE, else the error.
func (ss *session) finish() error {
	err := ss.run.Wait()
	var ne *core.NodeError
	switch {
	case err == nil:
		return ss.send(&pb.StreamResponse{Response: &pb.StreamResponse_Closed{Closed: &pb.StreamClosed{SessionId: ss.id, Reason: "closed by the client"}}})
	case errors.As(err, &ne):
		seq := ss.seqs.of(ne.Input)
		return ss.send(streamError(pb.ErrorType_ERROR_TYPE_NODE_EXECUTION, pb.StreamErrorType_STREAM_ERROR_EXECUTION, ne.Node, err.Error(), &seq))
	case errors.Is(err, core.ErrCancelled):
		return nil
	}
	return ss.send(streamError(pb.ErrorType_ERROR_TYPE_INTERNAL, pb.StreamErrorType_STREAM_ERROR_EXECUTION, "", err.Error(), nil))
}

// tell hands an event to the handler unless it has already returned.
func (ss *session) tell(ev event) bool {
	select {
	case ss.events <- ev:
		return true
	case <-ss.done:
		return false
	}
}

// receive reads every request. The first goes to the handler on first;
// the reader then waits until the run has started or the handler has
// returned, and feeds chunks to the run.
func (ss *session) receive(first chan<- *pb.StreamRequest, started <-chan struct{}) {
	req, err := ss.stream.Recv()
	if err != nil {
		ss.tell(event{end: true})
		return
	}
	ss.touch()
	first <- req
	select {
	case <-started:
	case <-ss.done:
		return
	}
	for {
		req, err := ss.stream.Recv()
		if err == io.EOF {
			// The client half-closed without CLOSE: the same, a flush.
			ss.closing.Store(true)
			ss.run.CloseInput()
			return
		}
		if err != nil {
			ss.tell(event{end: true})
			return
		}
		ss.touch()
		if !ss.handle(req) {
			return
		}
	}
}

// handle acts on one request after StreamInit; false ends the reader.
func (ss *session) handle(req *pb.StreamRequest) bool {
	switch r := req.GetRequest().(type) {
	case *pb.StreamRequest_DataChunk:
		return ss.feed(r.DataChunk)
	case *pb.StreamRequest_AudioChunk:
		c := r.AudioChunk
		return ss.feed(&pb.DataChunk{NodeId: c.GetNodeId(), Sequence: c.GetSequence(), TimestampMs: c.GetTimestampMs(),
			Buffer: &pb.DataBuffer{DataType: &pb.DataBuffer_Audio{Audio: c.GetBuffer()}}})
	case *pb.StreamRequest_Control:
		switch r.Control.GetCommand() {
		case pb.StreamControl_COMMAND_CLOSE:
			ss.closing.Store(true)
			ss.run.CloseInput()
			return true
		case pb.StreamControl_COMMAND_CANCEL:
			ss.run.Cancel()
			ss.tell(event{end: true})
			return false
		}
		return ss.tell(event{resp: streamError(pb.ErrorType_ERROR_TYPE_VALIDATION, pb.StreamErrorType_STREAM_ERROR_UNSPECIFIED, "",
			"StreamControl needs a command: COMMAND_CLOSE or COMMAND_CANCEL", nil)})
	case *pb.StreamRequest_Init:
		return ss.tell(event{resp: streamError(pb.ErrorType_ERROR_TYPE_VALIDATION, pb.StreamErrorType_STREAM_ERROR_UNSPECIFIED, "",
			"StreamInit was already received: a stream runs one pipeline", nil)})
	}
	return ss.tell(event{resp: streamError(pb.ErrorType_ERROR_TYPE_VALIDATION, pb.StreamErrorType_STREAM_ERROR_UNSPECIFIED, "",
		"empty StreamRequest", nil)})
}

// feed checks one chunk and sends its frame to the run. A bad chunk is an
// error response for that chunk's sequence; the session goes on.
func (ss *session) feed(c *pb.DataChunk) bool {
	seq := c.GetSequence()
	f, typ, streamType, err := ss.chunkFrame(c)
	if err != nil {
		return ss.tell(event{resp: streamError(typ, streamType, c.GetNodeId(), err.Error(), &seq)})
	}
	index := int(ss.fed.Load())
	ss.seqs.record(index, seq)
	if c.GetNodeId() == "" {
		err = ss.run.Send(ss.stream.Context(), f)
	} else {
		err = ss.run.SendTo(ss.stream.Context(), c.GetNodeId(), f)
	}
	if err != nil {
		// The run has stopped; the handler reports why.
		return false
	}
	ss.fed.Add(1)
	ss.srv.opts.Metrics.chunkIn()
	return true
}

func (ss *session) chunkFrame(c *pb.DataChunk) (*frame.Frame, pb.ErrorType, pb.StreamErrorType, error) {
	const (
		validation = pb.ErrorType_ERROR_TYPE_VALIDATION
		unspec     = pb.StreamErrorType_STREAM_ERROR_UNSPECIFIED
	)
	if ss.closing.Load() {
		return nil, validation, unspec, errors.New("the stream was closed (COMMAND_CLOSE): no more chunks")
	}
	if id := c.GetNodeId(); id != "" && !slices.Contains(ss.sources, id) {
		return nil, validation, unspec, fmt.Errorf("node_id %q is not a source node of the pipeline (sources: %v)", id, ss.sources)
	}
	if ss.seqs.started && c.GetSequence() <= ss.seqs.last {
		return nil, validation, pb.StreamErrorType_STREAM_ERROR_INVALID_SEQUENCE,
			fmt.Errorf("sequence %d does not follow %d: sequences must increase", c.GetSequence(), ss.seqs.last)
	}
	if len(c.GetNamedBuffers()) > 0 {
		return nil, validation, unspec, errors.New("named_buffers (multi-input chunks) are not supported: send one buffer per chunk")
	}
	if c.GetBuffer() == nil {
		return nil, validation, unspec, errors.New("the chunk has no buffer")
	}
	if n := proto.Size(c.GetBuffer()); n > ss.srv.opts.MaxFrameBytes {
		return nil, pb.ErrorType_ERROR_TYPE_RESOURCE_LIMIT, pb.StreamErrorType_STREAM_ERROR_BUFFER_OVERFLOW,
			fmt.Errorf("the buffer has %d bytes, more than the server's limit of %d (--max-frame-bytes)", n, ss.srv.opts.MaxFrameBytes)
	}
	f, err := wire.ToFrame(c.GetBuffer())
	if err != nil {
		return nil, pb.ErrorType_ERROR_TYPE_TYPE_VALIDATION, unspec, err
	}
	return f, 0, unspec, nil
}
