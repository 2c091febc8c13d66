package server

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"

	"google.golang.org/protobuf/proto"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
	"github.com/remotemedia/remotemedia/remote/wire"
)

// ProtocolVersion is the one protocol version served.
const ProtocolVersion = "v1"

// ExecutePipeline runs a manifest on one input per named source (an empty
// key feeds every source) and returns each sink's last output.
func (s *Server) ExecutePipeline(ctx context.Context, req *pb.ExecuteRequest) (*pb.ExecuteResponse, error) {
	res, err := s.execute(ctx, req)
	if err != nil {
		var ne *core.NodeError
		resp := &pb.ErrorResponse{ErrorType: initErrorType(err), Message: err.Error()}
		if errors.As(err, &ne) {
			resp.ErrorType, resp.FailingNodeId = errorType(err), ne.Node
		}
		var bad *badInput
		if errors.As(err, &bad) {
			resp.ErrorType, resp.FailingNodeId = pb.ErrorType_ERROR_TYPE_TYPE_VALIDATION, bad.node
		}
		return &pb.ExecuteResponse{Outcome: &pb.ExecuteResponse_Error{Error: resp}}, nil
	}
	return &pb.ExecuteResponse{Outcome: &pb.ExecuteResponse_Result{Result: res}}, nil
}

// badInput is a data input that names no source or does not convert.
type badInput struct {
	node string
	err  error
}

func (e *badInput) Error() string { return "data_inputs[" + e.node + "]: " + e.err.Error() }

func (s *Server) execute(ctx context.Context, req *pb.ExecuteRequest) (*pb.ExecutionResult, error) {
	p, err := s.pipelineFor(req.GetManifest())
	if err != nil {
		return nil, err
	}
	run, err := p.Start(ctx)
	if err != nil {
		return nil, err
	}
	defer s.endRun(run)
	sources := run.Sources()
	// Feed in a fixed order (map order is random) so outputs are reproducible.
	keys := make([]string, 0, len(req.GetDataInputs()))
	for k := range req.GetDataInputs() {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	frames := make([]*frame.Frame, len(keys))
	for i, k := range keys {
		if k != "" && !slices.Contains(sources, k) {
			return nil, &badInput{k, errors.New("not a source node of the pipeline")}
		}
		buf := req.GetDataInputs()[k]
		if n := proto.Size(buf); n > s.opts.MaxFrameBytes {
			return nil, &limitError{fmt.Sprintf("data_inputs[%s] has %d bytes, more than the server's limit of %d (--max-frame-bytes)", k, n, s.opts.MaxFrameBytes)}
		}
		if frames[i], err = wire.ToFrame(buf); err != nil {
			return nil, &badInput{k, err}
		}
	}
	go func() {
		defer run.CloseInput()
		for i, k := range keys {
			var err error
			if k == "" {
				err = run.Send(ctx, frames[i])
			} else {
				err = run.SendTo(ctx, k, frames[i])
			}
			if err != nil {
				return // the run has stopped; Wait says why
			}
		}
	}()
	outputs := map[string]*pb.DataBuffer{}
	for out := range run.Outputs() {
		buf, err := wire.FromFrame(out.Frame)
		if err != nil {
			return nil, err
		}
		outputs[out.Sink] = buf
	}
	if err := run.Wait(); err != nil {
		return nil, err
	}
	return &pb.ExecutionResult{DataOutputs: outputs, Status: pb.ExecutionStatus_EXECUTION_STATUS_SUCCESS}, nil
}

// GetVersion names the protocol, the engine build and the allowed node types.
func (s *Server) GetVersion(_ context.Context, req *pb.VersionRequest) (*pb.VersionResponse, error) {
	runtime := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		runtime = bi.Main.Version
	}
	return &pb.VersionResponse{
		VersionInfo: &pb.VersionInfo{
			ProtocolVersion: ProtocolVersion, RuntimeVersion: runtime,
			SupportedNodeTypes: s.allowed, SupportedProtocols: []string{ProtocolVersion},
		},
		Compatible: true,
	}, nil
}
