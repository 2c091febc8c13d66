package client

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/server"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// subPipeline is run remotely, and the same nodes locally for comparison.
const subNodes = `[
  {"id": "add", "node_type": "AddNode", "params": {"addend": 10}},
  {"id": "sum", "node_type": "SumAtEnd"}
]`
const subConnections = `[{"from": "add", "to": "sum"}]`

// outerManifest: multiply here, then the sub-pipeline remote, then the
// calculator's MultiplyNode again here.
func outerManifest(remoteParams string) string {
	return `{"version": "v1", "nodes": [
  {"id": "pre", "node_type": "MultiplyNode", "params": {"multiplier": 2}},
  {"id": "remote", "node_type": "RemotePipelineNode", "params": ` + remoteParams + `},
  {"id": "post", "node_type": "MultiplyNode", "params": {"multiplier": 3}}],
 "connections": [{"from": "pre", "to": "remote"}, {"from": "remote", "to": "post"}]}`
}

func remoteParams(endpoint, extra string) string {
	return `{"endpoint": "` + endpoint + `", "manifest": {"version": "v1", "nodes": ` + subNodes +
		`, "connections": ` + subConnections + `}` + extra + `}`
}

// localManifest is outerManifest with the sub-pipeline inlined.
const localManifest = `{"version": "v1", "nodes": [
  {"id": "pre", "node_type": "MultiplyNode", "params": {"multiplier": 2}},
  {"id": "add", "node_type": "AddNode", "params": {"addend": 10}},
  {"id": "sum", "node_type": "SumAtEnd"},
  {"id": "post", "node_type": "MultiplyNode", "params": {"multiplier": 3}}],
 "connections": [{"from": "pre", "to": "add"}, {"from": "add", "to": "sum"}, {"from": "sum", "to": "post"}]}`

func pipeline(t testing.TB, manifest string, cfg core.Config) *core.Pipeline {
	t.Helper()
	m, err := core.ParseManifest([]byte(manifest), cfg)
	require.NoError(t, err)
	p, err := core.NewPipeline(m, cfg)
	require.NoError(t, err)
	return p
}

func inputs(n int) []*frame.Frame {
	out := make([]*frame.Frame, n)
	for i := range out {
		out[i] = frame.JSON(i)
	}
	return out
}

func jsonTexts(t testing.TB, frames []*frame.Frame) []string {
	out := make([]string, len(frames))
	for i, f := range frames {
		b, err := core.EncodeJSON(f.JSONValue())
		require.NoError(t, err)
		out[i] = string(b)
	}
	return out
}

// Against remote/server, the server `remotemedia serve` runs.
func TestRemotePipelineNode_MatchesLocal(t *testing.T) {
	addr, _ := serveReal(t, server.Options{})
	want, err := pipeline(t, localManifest, core.NewConfig().WithRegistry(serverRegistry())).Run(context.Background(), inputs(500))
	require.NoError(t, err)
	for _, window := range []int{2, 7, 32} {
		p := pipeline(t, outerManifest(remoteParams(addr, fmt.Sprintf(`, "max_in_flight": %d`, window))), core.NewConfig())
		got, err := p.Run(context.Background(), inputs(500))
		require.NoError(t, err)
		assert.Equal(t, jsonTexts(t, want.Outputs["post"]), jsonTexts(t, got.Outputs["post"]), "window %d", window)
		assert.Len(t, got.Outputs["post"], 501) // 500 inputs and the sum at end of stream
	}
}

// Streaming: each output is attributed to its input, the sum to the end
// (the test server gives end-of-stream outputs a sequence after every
// chunk's; remote/server gives them the last chunk's, so there the sum is
// attributed to the last input).
func TestRemotePipelineNode_StreamAttribution(t *testing.T) {
	addr, _ := serve(t, &testServer{reg: serverRegistry()})
	p := pipeline(t, outerManifest(remoteParams(addr, "")), core.NewConfig())
	run, err := p.Start(context.Background())
	require.NoError(t, err)
	go func() {
		defer run.CloseInput()
		for _, f := range inputs(100) {
			if run.Send(context.Background(), f) != nil {
				return
			}
		}
	}()
	var idx []int
	var last *frame.Frame
	for o := range run.Outputs() {
		idx = append(idx, o.Input)
		last = o.Frame
	}
	require.NoError(t, run.Wait())
	want := make([]int, 0, 101)
	for i := range 100 {
		want = append(want, i)
	}
	assert.Equal(t, append(want, core.EndOfStream), idx)
	assert.Equal(t, []string{fmt.Sprint(3 * (2*4950 + 1000))}, jsonTexts(t, []*frame.Frame{last}))
	m := run.Metrics()
	require.Len(t, m, 3)
	assert.Equal(t, uint64(100), m[1].In)
	assert.Equal(t, uint64(101), m[1].Out)
}

// The server dies mid-stream: the run fails naming the remote node and the
// first input whose output never came, well within timeout_ms.
func TestRemotePipelineNode_ServerKilled(t *testing.T) {
	ts := &testServer{reg: serverRegistry(), answerBelow: 40}
	addr, stop := serve(t, ts)
	ts.onChunk = func(n int64) {
		if n == 60 {
			go stop()
		}
	}
	p := pipeline(t, outerManifest(remoteParams(addr, `, "timeout_ms": 20000`)), core.NewConfig())
	start := time.Now()
	_, err := p.Run(context.Background(), inputs(1000))
	require.Error(t, err)
	assert.Less(t, time.Since(start), 10*time.Second)
	var ne *core.NodeError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, "remote", ne.Node)
	// The server answered the first 40 inputs, but answers in transit when
	// it died may be lost: the error names the first the client lacks.
	assert.LessOrEqual(t, ne.Input, int(ts.answered.Load()), err.Error())
	assert.Contains(t, err.Error(), "lost before this input's output came back")
}

// A server that fails the stream after answering the first 40 inputs: the
// error names input 40 exactly.
func TestRemotePipelineNode_ServerFailsStream(t *testing.T) {
	for range 5 {
		ts := &testServer{reg: serverRegistry(), answerBelow: 40, dieAt: 60}
		addr, _ := serve(t, ts)
		_, err := pipeline(t, outerManifest(remoteParams(addr, "")), core.NewConfig()).Run(context.Background(), inputs(1000))
		var ne *core.NodeError
		require.ErrorAs(t, err, &ne)
		assert.Equal(t, "remote", ne.Node)
		assert.Equal(t, 40, ne.Input, err.Error())
		assert.ErrorContains(t, err, "server crashed")
	}
}

// A server that stops answering without closing the connection: the run
// fails once the oldest input has waited timeout_ms.
func TestRemotePipelineNode_Timeout(t *testing.T) {
	ts := &testServer{reg: serverRegistry(), answerBelow: 5}
	addr, _ := serve(t, ts)
	p := pipeline(t, outerManifest(remoteParams(addr, `, "timeout_ms": 300`)), core.NewConfig())
	start := time.Now()
	_, err := p.Run(context.Background(), inputs(100))
	elapsed := time.Since(start)
	var ne *core.NodeError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, "remote", ne.Node)
	assert.Equal(t, 5, ne.Input, err.Error())
	assert.Contains(t, err.Error(), "no output from "+addr+" for this input within timeout_ms (300 ms)")
	assert.GreaterOrEqual(t, elapsed, 300*time.Millisecond)
	assert.Less(t, elapsed, 5*time.Second)
}

// A live stream that pauses longer than timeout_ms between inputs does not
// fail: the server owes nothing while every input in flight has its output.
func TestRemotePipelineNode_PauseLongerThanTimeout(t *testing.T) {
	ts := &testServer{reg: serverRegistry()}
	addr, _ := serve(t, ts)
	p := pipeline(t, outerManifest(remoteParams(addr, `, "timeout_ms": 200`)), core.NewConfig())
	run, err := p.Start(context.Background())
	require.NoError(t, err)
	in := inputs(2)
	require.NoError(t, run.Send(context.Background(), in[0]))
	first := <-run.Outputs()
	assert.Equal(t, 0, first.Input)
	time.Sleep(600 * time.Millisecond) // three timeouts with input 0 in flight
	require.NoError(t, run.Send(context.Background(), in[1]))
	run.CloseInput()
	var rest []int
	for o := range run.Outputs() {
		rest = append(rest, o.Input)
	}
	require.NoError(t, run.Wait())
	assert.Equal(t, []int{1, core.EndOfStream}, rest)
}

func TestRemotePipelineNode_RemoteNodeError(t *testing.T) {
	addr, _ := serveReal(t, server.Options{})
	params := `{"endpoint": "` + addr + `", "manifest": {"version": "v1", "nodes": [{"id": "picky", "node_type": "FailOn", "params": {"value": 14}}]}}`
	_, err := pipeline(t, outerManifest(params), core.NewConfig()).Run(context.Background(), inputs(50))
	var ne *core.NodeError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, "remote", ne.Node)
	assert.Equal(t, 7, ne.Input, "7*2 = 14 fails remotely") // pre multiplies by 2
	assert.ErrorContains(t, err, `ERROR_TYPE_NODE_EXECUTION: node[picky] input[7]: refusing 14`)
}

func TestRemotePipelineNode_BadSetup(t *testing.T) {
	addr, _ := serve(t, &testServer{reg: serverRegistry(), token: "s3cret"})
	t.Setenv("RM_TEST_TOKEN", "s3cret")
	cases := []struct {
		name, params, want string
		atBuild            bool // fails in NewPipeline rather than at run
	}{
		{"no endpoint", `{"manifest": {"version": "v1", "nodes": [{"id": "a", "node_type": "AddNode"}]}}`, `set "endpoint"`, true},
		{"endpoint without port", remoteParams("localhost", ""), `endpoint "localhost": want "host:port"`, true},
		{"bad port", remoteParams("localhost:99999", ""), "port \"99999\" is not a number in 1..65535", true},
		{"no manifest", `{"endpoint": "` + addr + `"}`, `set "manifest"`, true},
		{"manifest without nodes", `{"endpoint": "` + addr + `", "manifest": {"version": "v1"}}`, `the manifest has no "nodes"`, true},
		{"fan-in sub-pipeline", `{"endpoint": "` + addr + `", "manifest": {"version": "v1", "nodes": [{"id": "src", "node_type": "PassThrough"},
		  {"id": "a", "node_type": "PassThrough"}, {"id": "b", "node_type": "PassThrough"}, {"id": "join", "node_type": "PassThrough"}],
		  "connections": [{"from": "src", "to": "a"}, {"from": "src", "to": "b"}, {"from": "a", "to": "join"}, {"from": "b", "to": "join"}]}}`,
			`node "join" merges 2 inputs: RemotePipelineNode runs linear sub-pipelines only`, true},
		{"two sinks", `{"endpoint": "` + addr + `", "manifest": {"version": "v1", "nodes": [{"id": "a", "node_type": "PassThrough"}, {"id": "b", "node_type": "PassThrough"}]}}`,
			`2 sinks (a, b): RemotePipelineNode runs linear sub-pipelines only`, true},
		{"unset token variable", remoteParams(addr, `, "auth_token": "${RM_TEST_NOT_SET}"`), "environment variable RM_TEST_NOT_SET is not set", true},
		{"bad retry", remoteParams(addr, `, "retry": {"max_retry": 2}`), `unknown key "max_retry"`, true},
		{"nothing listening", remoteParams("127.0.0.1:1", `, "timeout_ms": 2000`), "127.0.0.1:1", false},
		{"wrong token", remoteParams(addr, `, "auth_token": "nope"`), "ERROR_TYPE_AUTHENTICATION", false},
		{"type unknown to the server", `{"endpoint": "` + addr + `", "auth_token": "${RM_TEST_TOKEN}", "manifest": {"version": "v1", "nodes": [{"id": "a", "node_type": "NoSuchNode"}]}}`, "NoSuchNode", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := core.NewConfig()
			m, err := core.ParseManifest([]byte(outerManifest(tc.params)), cfg)
			if err == nil {
				var p *core.Pipeline
				p, err = core.NewPipeline(m, cfg)
				if err == nil {
					require.False(t, tc.atBuild, "should fail before the run")
					_, err = p.Run(context.Background(), inputs(3))
				}
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			if !tc.atBuild {
				var ne *core.NodeError
				require.ErrorAs(t, err, &ne)
				assert.Equal(t, "remote", ne.Node)
				assert.EqualValues(t, "init", ne.Phase)
			}
		})
	}
	// The right token, from the environment, works.
	res, err := pipeline(t, outerManifest(remoteParams(addr, `, "auth_token": "${RM_TEST_TOKEN}"`)), core.NewConfig()).Run(context.Background(), inputs(3))
	require.NoError(t, err)
	assert.Len(t, res.Outputs["post"], 4)
}

// With retry, a dead endpoint is skipped for the next; runs take turns.
func TestRemotePipelineNode_RetryAndRoundRobin(t *testing.T) {
	a := &testServer{reg: serverRegistry()}
	b := &testServer{reg: serverRegistry()}
	addrA, _ := serve(t, a)
	addrB, _ := serve(t, b)
	dead := "127.0.0.1:1"
	params := func(eps ...string) string {
		return strings.Replace(remoteParams("x:1", `, "retry": {"max_retries": 2, "backoff_ms": 1}`),
			`"endpoint": "x:1"`, `"endpoints": ["`+strings.Join(eps, `", "`)+`"]`, 1)
	}
	p := pipeline(t, outerManifest(params(addrA, addrB)), core.NewConfig())
	for range 4 {
		_, err := p.Run(context.Background(), inputs(2))
		require.NoError(t, err)
	}
	assert.Equal(t, int64(2), a.sessions.Load())
	assert.Equal(t, int64(2), b.sessions.Load())

	p = pipeline(t, outerManifest(params(dead, addrA)), core.NewConfig())
	for range 2 {
		_, err := p.Run(context.Background(), inputs(2))
		require.NoError(t, err)
	}
	assert.Equal(t, int64(4), a.sessions.Load())
}

// Cancelling a run mid-stream ends the session and leaks nothing (goleak).
func TestRemotePipelineNode_Cancel(t *testing.T) {
	ts := &testServer{reg: serverRegistry(), answerBelow: 3}
	addr, _ := serve(t, ts)
	p := pipeline(t, outerManifest(remoteParams(addr, "")), core.NewConfig())
	ctx, cancel := context.WithCancel(context.Background())
	ts.onChunk = func(n int64) {
		if n == 10 {
			cancel()
		}
	}
	start := time.Now()
	_, err := p.Run(ctx, inputs(1000))
	require.ErrorIs(t, err, core.ErrCancelled)
	assert.Less(t, time.Since(start), 5*time.Second)
}

// remote/server stopped mid-stream (as a killed process: connections
// reset): the run fails promptly, naming the remote node and an input after
// every one whose output the run already delivered.
func TestRemotePipelineNode_RealServerStopped(t *testing.T) {
	addr, srv := serveReal(t, server.Options{})
	p := pipeline(t, outerManifest(remoteParams(addr, `, "timeout_ms": 20000`)), core.NewConfig())
	run, err := p.Start(context.Background())
	require.NoError(t, err)
	go func() {
		defer run.CloseInput()
		for _, f := range inputs(100_000) {
			if run.Send(context.Background(), f) != nil {
				return
			}
		}
	}()
	delivered := 0
	var start time.Time
	for o := range run.Outputs() {
		require.Equal(t, delivered, o.Input)
		delivered++
		if delivered == 50 {
			start = time.Now()
			srv.Stop()
		}
	}
	err = run.Wait()
	var ne *core.NodeError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, "remote", ne.Node)
	assert.GreaterOrEqual(t, ne.Input, delivered, err.Error())
	assert.Contains(t, err.Error(), "lost before this input's output came back")
	assert.Less(t, time.Since(start), 10*time.Second)
}

// A run after the server died fails; once a new server listens on the same
// address, the next run uses it (each run opens its own session).
func TestRemotePipelineNode_NewServerSameAddress(t *testing.T) {
	addr, srv := serveReal(t, server.Options{})
	p := pipeline(t, outerManifest(remoteParams(addr, `, "timeout_ms": 2000, "retry": {"max_retries": 1, "backoff_ms": 10}`)), core.NewConfig())
	_, err := p.Run(context.Background(), inputs(5))
	require.NoError(t, err)
	srv.Stop()
	_, err = p.Run(context.Background(), inputs(5))
	require.ErrorContains(t, err, "cannot open a session (2 attempts)")

	restarted, err := server.New(server.Options{Registry: serverRegistry()})
	require.NoError(t, err)
	lis, err := net.Listen("tcp", addr)
	require.NoError(t, err)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = restarted.Serve(lis)
	}()
	defer func() {
		restarted.Stop()
		<-done
	}()
	res, err := p.Run(context.Background(), inputs(5))
	require.NoError(t, err)
	assert.Len(t, res.Outputs["post"], 6)
}
