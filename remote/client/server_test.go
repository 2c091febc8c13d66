package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/remote/pb"
	"github.com/remotemedia/remotemedia/remote/wire"
)

// testServer is a minimal remotemedia.v1 streaming server for the client's
// tests: it runs the session's manifest with the engine and answers each
// output with a ChunkResult in output order. Hooks let a test make it hang
// or die mid-stream.
type testServer struct {
	pb.UnimplementedStreamingPipelineServiceServer
	reg   *node.Registry
	token string // required bearer token, when set

	// answerBelow > 0: only the outputs of chunks before it are sent; the
	// server reads on but answers nothing else.
	answerBelow int
	chunks      atomic.Int64
	sessions    atomic.Int64
	answered    atomic.Int64  // 1 + the highest sequence answered
	onChunk     func(n int64) // called after each chunk is read
	// dieAt > 0: once that many chunks are read and every answer is sent,
	// the handler fails, ending the stream with an error status.
	dieAt int64
}

func (s *testServer) StreamPipeline(stream grpc.BidiStreamingServer[pb.StreamRequest, pb.StreamResponse]) error {
	s.sessions.Add(1)
	ctx := stream.Context()
	if s.token != "" {
		md, _ := metadata.FromIncomingContext(ctx)
		if got := md.Get("authorization"); len(got) != 1 || got[0] != "Bearer "+s.token {
			return stream.Send(errorResponse(pb.ErrorType_ERROR_TYPE_AUTHENTICATION, "", "bad token", ""))
		}
	}
	req, err := stream.Recv()
	if err != nil {
		return err
	}
	initMsg := req.GetInit()
	if initMsg == nil {
		return stream.Send(errorResponse(pb.ErrorType_ERROR_TYPE_VALIDATION, "", "StreamInit required", ""))
	}
	data, err := wire.ManifestJSON(initMsg.GetManifest())
	if err != nil {
		return stream.Send(errorResponse(pb.ErrorType_ERROR_TYPE_VALIDATION, "", err.Error(), ""))
	}
	cfg := core.NewConfig().WithRegistry(s.reg)
	m, err := core.ParseManifest(data, cfg)
	if err != nil {
		return stream.Send(errorResponse(pb.ErrorType_ERROR_TYPE_VALIDATION, "", err.Error(), ""))
	}
	p, err := core.NewPipeline(m, cfg)
	if err != nil {
		return stream.Send(errorResponse(pb.ErrorType_ERROR_TYPE_VALIDATION, "", err.Error(), ""))
	}
	run, err := p.Start(ctx)
	if err != nil {
		return err
	}
	if err := stream.Send(&pb.StreamResponse{Response: &pb.StreamResponse_Ready{Ready: &pb.StreamReady{SessionId: "test"}}}); err != nil {
		run.Cancel()
		_ = run.Wait()
		return err
	}
	var sent atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	var sendErr error
	go func() { // results
		defer wg.Done()
		for o := range run.Outputs() {
			if s.answerBelow > 0 && (o.Input >= s.answerBelow || o.Input == core.EndOfStream) {
				continue
			}
			seq := uint64(o.Input)
			if o.Input == core.EndOfStream {
				seq = uint64(sent.Load()) // after every chunk
			}
			buf, err := wire.FromFrame(o.Frame)
			if err == nil {
				err = stream.Send(&pb.StreamResponse{Response: &pb.StreamResponse_Result{Result: &pb.ChunkResult{
					Sequence: seq, DataOutputs: map[string]*pb.DataBuffer{o.Sink: buf}}}})
			}
			if err == nil && o.Input != core.EndOfStream {
				s.answered.Store(int64(o.Input) + 1)
			}
			if err != nil && sendErr == nil {
				sendErr = err
				run.Cancel()
			}
		}
	}()
	for {
		req, err := stream.Recv()
		if err != nil {
			run.Cancel()
			break
		}
		if c := req.GetDataChunk(); c != nil {
			f, err := wire.ToFrame(c.GetBuffer())
			if err == nil {
				err = run.Send(ctx, f)
			}
			sent.Add(1)
			n := s.chunks.Add(1)
			if s.onChunk != nil {
				s.onChunk(n)
			}
			if n == s.dieAt {
				for s.answered.Load() < int64(s.answerBelow) {
					time.Sleep(time.Millisecond)
				}
				run.Cancel()
				wg.Wait()
				_ = run.Wait()
				return status.Error(codes.Internal, "server crashed")
			}
			if err != nil {
				break
			}
			continue
		}
		if req.GetControl().GetCommand() == pb.StreamControl_COMMAND_CLOSE {
			run.CloseInput()
			break
		}
	}
	wg.Wait()
	if err := run.Wait(); err != nil {
		var ne *core.NodeError
		if errors.As(err, &ne) {
			return stream.Send(errorResponse(pb.ErrorType_ERROR_TYPE_NODE_EXECUTION, ne.Node, ne.Err.Error(), fmt.Sprintf(`{"sequence": %d}`, ne.Input)))
		}
		return err
	}
	if sendErr != nil {
		return sendErr
	}
	return stream.Send(&pb.StreamResponse{Response: &pb.StreamResponse_Closed{Closed: &pb.StreamClosed{SessionId: "test"}}})
}

func errorResponse(t pb.ErrorType, nodeID, msg, ctx string) *pb.StreamResponse {
	return &pb.StreamResponse{Response: &pb.StreamResponse_Error{Error: &pb.ErrorResponse{
		ErrorType: t, FailingNodeId: nodeID, Message: msg, Context: ctx}}}
}

// serve starts ts on a loopback port; the returned stop ends it at once
// (as a killed server would, connections reset).
func serve(t testing.TB, ts *testServer) (addr string, stop func()) {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer()
	pb.RegisterStreamingPipelineServiceServer(srv, ts)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(lis)
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			srv.Stop()
			<-done
		})
	}
	t.Cleanup(stop)
	return lis.Addr().String(), stop
}

// serverRegistry is the default registry plus test nodes only the server has.
func serverRegistry() *node.Registry {
	reg := node.Default().Clone()
	for _, spec := range []node.Spec{sumAtEndSpec(), failOnSpec()} {
		if err := reg.Register(spec); err != nil {
			panic(err)
		}
	}
	return reg
}

// SumAtEnd passes each integer through and emits their sum at end of stream.
func sumAtEndSpec() node.Spec {
	return node.Spec{Type: "SumAtEnd", Runtime: node.RuntimeGo, New: func(node.Params) (node.Node, error) { return &sumAtEnd{}, nil }}
}

type sumAtEnd struct{ sum int64 }

func (n *sumAtEnd) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	v, err := intValue(in)
	if err != nil {
		return err
	}
	n.sum += v
	return out.Emit(in)
}

func (n *sumAtEnd) Flush(_ context.Context, out node.Emitter) error {
	return out.Emit(frame.JSON(n.sum))
}

// FailOn fails on the integer "value".
func failOnSpec() node.Spec {
	return node.Spec{Type: "FailOn", Runtime: node.RuntimeGo,
		Params: []node.Param{{Name: "value", Type: node.TypeInteger, Required: true}},
		New: func(p node.Params) (node.Node, error) {
			bad := p.Int("value")
			return node.Func(func(_ context.Context, in *frame.Frame) (*frame.Frame, error) {
				v, err := intValue(in)
				if err == nil && v == bad {
					err = fmt.Errorf("refusing %d", v)
				}
				return in, err
			}), nil
		}}
}

func intValue(f *frame.Frame) (int64, error) {
	switch v := f.JSONValue().(type) {
	case int:
		return int64(v), nil
	case int64:
		return v, nil
	case interface{ Int64() (int64, error) }:
		return v.Int64()
	}
	return 0, fmt.Errorf("want an integer, got %v", f.JSONValue())
}
