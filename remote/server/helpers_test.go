package server

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
	"github.com/remotemedia/remotemedia/remote/wire"
)

// calculator doubles and adds 10: x -> 2x+10.
func calculator() *pb.PipelineManifest {
	return &pb.PipelineManifest{
		Version:  "v1",
		Metadata: &pb.ManifestMetadata{Name: "calc"},
		Nodes: []*pb.NodeManifest{
			{Id: "multiply", NodeType: "MultiplyNode", Params: `{"multiplier":2}`},
			{Id: "add", NodeType: "AddNode", Params: `{"addend":10}`},
		},
		Connections: []*pb.Connection{{From: "multiply", To: "add"}},
	}
}

type testServer struct {
	*Server
	addr string
}

// serve starts a server on a loopback port; it stops when the test ends.
func serve(t testing.TB, opts Options) *testServer {
	t.Helper()
	s, err := New(opts)
	require.NoError(t, err)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan struct{})
	go func() { defer close(done); _ = s.Serve(lis) }()
	t.Cleanup(func() { s.Stop(); <-done })
	return &testServer{s, lis.Addr().String()}
}

func (ts *testServer) dial(t testing.TB) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(ts.addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func withToken(ctx context.Context, token string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
}

// open starts a stream and sends StreamInit; it returns the stream after
// reading StreamReady.
func open(t testing.TB, ctx context.Context, conn *grpc.ClientConn, m *pb.PipelineManifest) pb.StreamingPipelineService_StreamPipelineClient {
	t.Helper()
	st, err := pb.NewStreamingPipelineServiceClient(conn).StreamPipeline(ctx)
	require.NoError(t, err)
	require.NoError(t, st.Send(initRequest(m)))
	resp, err := st.Recv()
	require.NoError(t, err)
	require.NotNil(t, resp.GetReady(), "want StreamReady, got %v", resp)
	require.NotEmpty(t, resp.GetReady().GetSessionId())
	return st
}

func initRequest(m *pb.PipelineManifest) *pb.StreamRequest {
	return &pb.StreamRequest{Request: &pb.StreamRequest_Init{Init: &pb.StreamInit{Manifest: m, ClientVersion: "v1"}}}
}

func chunk(t testing.TB, seq uint64, f *frame.Frame) *pb.StreamRequest {
	t.Helper()
	buf, err := wire.FromFrame(f)
	require.NoError(t, err)
	return &pb.StreamRequest{Request: &pb.StreamRequest_DataChunk{DataChunk: &pb.DataChunk{Buffer: buf, Sequence: seq}}}
}

func control(cmd pb.StreamControl_Command) *pb.StreamRequest {
	return &pb.StreamRequest{Request: &pb.StreamRequest_Control{Control: &pb.StreamControl{Command: cmd}}}
}

// recvAll reads responses until the server ends the stream.
func recvAll(t testing.TB, st pb.StreamingPipelineService_StreamPipelineClient) ([]*pb.StreamResponse, error) {
	t.Helper()
	var out []*pb.StreamResponse
	for {
		resp, err := st.Recv()
		if err != nil {
			return out, err
		}
		out = append(out, resp)
	}
}

// resultValue is the JSON value of a ChunkResult's only output.
func resultValue(t testing.TB, r *pb.ChunkResult, sink string) any {
	t.Helper()
	f, err := wire.ToFrame(r.GetDataOutputs()[sink])
	require.NoError(t, err)
	return f.JSONValue()
}

// eventually polls cond every millisecond until it holds or within passes.
func eventually(cond func() bool, within time.Duration) bool {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return cond()
}
