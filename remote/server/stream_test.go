package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
)

func TestStream_ResultsInOrderThenClosed(t *testing.T) {
	ts := serve(t, Options{})
	st := open(t, context.Background(), ts.dial(t), calculator())
	// Sequences need not start at 0 or be contiguous.
	seqs := []uint64{5, 6, 9}
	for i, seq := range seqs {
		require.NoError(t, st.Send(chunk(t, seq, frame.JSON(json.Number(fmt.Sprint(i+1))))))
	}
	require.NoError(t, st.Send(control(pb.StreamControl_COMMAND_CLOSE)))
	resps, err := recvAll(t, st)
	require.ErrorIs(t, err, io.EOF)
	require.Len(t, resps, 4)
	for i, r := range resps[:3] {
		res := r.GetResult()
		require.NotNil(t, res, "%v", r)
		assert.Equal(t, seqs[i], res.GetSequence())
		assert.Equal(t, fmt.Sprint(2*(i+1)+10), fmt.Sprint(resultValue(t, res, "add")))
	}
	assert.NotNil(t, resps[3].GetClosed())
}

// A 20-digit integer crosses both ways exactly (PassThrough keeps it).
func TestStream_BigIntegerStaysExact(t *testing.T) {
	ts := serve(t, Options{})
	m := &pb.PipelineManifest{Version: "v1", Nodes: []*pb.NodeManifest{{Id: "p", NodeType: "PassThrough"}}}
	st := open(t, context.Background(), ts.dial(t), m)
	require.NoError(t, st.Send(chunk(t, 0, frame.JSON(json.Number("12345678901234567890")))))
	require.NoError(t, st.Send(control(pb.StreamControl_COMMAND_CLOSE)))
	resps, _ := recvAll(t, st)
	require.NotEmpty(t, resps)
	assert.Equal(t, "12345678901234567890", resps[0].GetResult().GetDataOutputs()["p"].GetJson().GetJsonPayload())
}

func TestStream_InitRequired(t *testing.T) {
	ts := serve(t, Options{})
	st, err := pb.NewStreamingPipelineServiceClient(ts.dial(t)).StreamPipeline(context.Background())
	require.NoError(t, err)
	require.NoError(t, st.Send(chunk(t, 0, frame.JSON(1))))
	resps, err := recvAll(t, st)
	require.ErrorIs(t, err, io.EOF, "the stream ends after the error")
	require.Len(t, resps, 1)
	e := resps[0].GetError()
	require.NotNil(t, e)
	assert.Contains(t, e.GetContext(), "STREAM_ERROR_INIT_REQUIRED")
	assert.Contains(t, e.GetMessage(), "StreamInit")
}

func TestStream_NodeErrorNamesNodeAndSequence(t *testing.T) {
	ts := serve(t, Options{})
	st := open(t, context.Background(), ts.dial(t), calculator())
	require.NoError(t, st.Send(chunk(t, 0, frame.JSON(1))))
	require.NoError(t, st.Send(chunk(t, 1, frame.Text("two"))))
	resps, err := recvAll(t, st)
	require.ErrorIs(t, err, io.EOF)
	last := resps[len(resps)-1].GetError()
	require.NotNil(t, last, "%v", resps)
	assert.Equal(t, pb.ErrorType_ERROR_TYPE_NODE_EXECUTION, last.GetErrorType())
	assert.Equal(t, "multiply", last.GetFailingNodeId())
	assert.JSONEq(t, `{"sequence":1,"stream_error_type":"STREAM_ERROR_EXECUTION"}`, last.GetContext())
}

// A bad chunk is an error for that chunk; the session goes on.
func TestStream_BadChunksAreTypedErrors(t *testing.T) {
	ts := serve(t, Options{MaxFrameBytes: 1000})
	st := open(t, context.Background(), ts.dial(t), calculator())
	bad := []*pb.StreamRequest{
		{Request: &pb.StreamRequest_DataChunk{DataChunk: &pb.DataChunk{Sequence: 1, Buffer: &pb.DataBuffer{DataType: &pb.DataBuffer_Json{Json: &pb.JsonData{JsonPayload: "{"}}}}}},
		{Request: &pb.StreamRequest_DataChunk{DataChunk: &pb.DataChunk{Sequence: 2, Buffer: &pb.DataBuffer{DataType: &pb.DataBuffer_Video{Video: &pb.VideoFrame{}}}}}},
		{Request: &pb.StreamRequest_DataChunk{DataChunk: &pb.DataChunk{Sequence: 3}}},
		{Request: &pb.StreamRequest_DataChunk{DataChunk: &pb.DataChunk{Sequence: 4, NodeId: "add", Buffer: &pb.DataBuffer{DataType: &pb.DataBuffer_Json{Json: &pb.JsonData{JsonPayload: "1"}}}}}},
		{Request: &pb.StreamRequest_DataChunk{DataChunk: &pb.DataChunk{Sequence: 5, Buffer: &pb.DataBuffer{DataType: &pb.DataBuffer_Binary{Binary: &pb.BinaryBuffer{Data: make([]byte, 2000)}}}}}},
		{Request: &pb.StreamRequest_Init{Init: &pb.StreamInit{Manifest: calculator()}}},
		{Request: nil},
	}
	want := []string{"malformed json buffer", `variant "video" is not supported`, "no buffer", `"add" is not a source`, "--max-frame-bytes", "already received", "empty StreamRequest"}
	for _, r := range bad {
		require.NoError(t, st.Send(r))
	}
	require.NoError(t, st.Send(chunk(t, 10, frame.JSON(1))))
	require.NoError(t, st.Send(chunk(t, 10, frame.JSON(1))))
	require.NoError(t, st.Send(control(pb.StreamControl_COMMAND_CLOSE)))
	resps, err := recvAll(t, st)
	require.ErrorIs(t, err, io.EOF)
	var errs []string
	var results []uint64
	for _, r := range resps {
		if e := r.GetError(); e != nil {
			errs = append(errs, e.GetMessage()+" "+e.GetContext())
		}
		if res := r.GetResult(); res != nil {
			results = append(results, res.GetSequence())
		}
	}
	require.Len(t, errs, len(want)+1, "%v", errs)
	for i, w := range want {
		assert.Contains(t, errs[i], w)
	}
	assert.Contains(t, errs[len(want)], "STREAM_ERROR_INVALID_SEQUENCE", "a repeated sequence")
	assert.Equal(t, []uint64{10}, results)
	assert.NotNil(t, resps[len(resps)-1].GetClosed())
}

func TestStream_NamedSource(t *testing.T) {
	ts := serve(t, Options{})
	st := open(t, context.Background(), ts.dial(t), calculator())
	c := chunk(t, 0, frame.JSON(3))
	c.GetDataChunk().NodeId = "multiply"
	require.NoError(t, st.Send(c))
	require.NoError(t, st.Send(control(pb.StreamControl_COMMAND_CLOSE)))
	resps, _ := recvAll(t, st)
	require.Len(t, resps, 2)
	assert.Equal(t, "16", fmt.Sprint(resultValue(t, resps[0].GetResult(), "add")))
}

func TestStream_CancelEndsAtOnce(t *testing.T) {
	ts := serve(t, Options{})
	st := open(t, context.Background(), ts.dial(t), calculator())
	require.NoError(t, st.Send(control(pb.StreamControl_COMMAND_CANCEL)))
	resps, err := recvAll(t, st)
	require.ErrorIs(t, err, io.EOF)
	for _, r := range resps {
		assert.Nil(t, r.GetClosed(), "CANCEL sends no StreamClosed")
	}
}

func TestStream_AllowList(t *testing.T) {
	ts := serve(t, Options{})
	m := calculator()
	m.Nodes = append(m.Nodes, &pb.NodeManifest{Id: "w", NodeType: "wasm:evil"}, &pb.NodeManifest{Id: "x", NodeType: "Nope"})
	st, err := pb.NewStreamingPipelineServiceClient(ts.dial(t)).StreamPipeline(context.Background())
	require.NoError(t, err)
	require.NoError(t, st.Send(initRequest(m)))
	resps, err := recvAll(t, st)
	require.ErrorIs(t, err, io.EOF)
	require.Len(t, resps, 1)
	e := resps[0].GetError()
	assert.Equal(t, pb.ErrorType_ERROR_TYPE_VALIDATION, e.GetErrorType())
	assert.Contains(t, e.GetMessage(), `not allowed on this server: "wasm:evil", "Nope"`)
	assert.Contains(t, e.GetMessage(), "AddNode")
}

func TestStream_InvalidManifest(t *testing.T) {
	ts := serve(t, Options{})
	m := calculator()
	m.Nodes[0].Params = `{"multiplier":"two"}`
	st, err := pb.NewStreamingPipelineServiceClient(ts.dial(t)).StreamPipeline(context.Background())
	require.NoError(t, err)
	require.NoError(t, st.Send(initRequest(m)))
	resps, _ := recvAll(t, st)
	require.Len(t, resps, 1)
	assert.Equal(t, pb.ErrorType_ERROR_TYPE_VALIDATION, resps[0].GetError().GetErrorType())
	assert.True(t, strings.Contains(resps[0].GetError().GetMessage(), "multiplier"), resps[0].GetError().GetMessage())
}
