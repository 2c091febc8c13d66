package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/remotemedia/remotemedia/remote/pb"
)

func TestServe_RefusesAnyAddressWithoutToken(t *testing.T) {
	res := runCLI(t, "", "serve", "--listen", "0.0.0.0:0")
	assert.Equal(t, ExitInvalid, res.code)
	assert.Contains(t, res.stderr, "refusing to listen on 0.0.0.0:0 without --auth-token-file")
}

func TestServe_BadFlags(t *testing.T) {
	for args, msg := range map[string]string{
		"--max-sessions 0":               "--max-sessions must be positive",
		"--tls-cert c.pem":               "--tls-cert and --tls-key go together",
		"--auth-token-file /nonexistent": "--auth-token-file",
		"--listen nohost:x":              "--listen",
	} {
		res := runCLI(t, "", append([]string{"serve"}, strings.Fields(args)...)...)
		assert.Equal(t, ExitInvalid, res.code, args)
		assert.Contains(t, res.stderr, msg, args)
	}
	empty := writeFile(t, "token.txt", " \n")
	res := runCLI(t, "", "serve", "--auth-token-file", empty)
	assert.Contains(t, res.stderr, "is empty")
}

// serve with a token: a client with it is served, one without is refused,
// and cancelling the command drains and exits 0.
func TestServe_TokenAndShutdown(t *testing.T) {
	token := writeFile(t, "token.txt", "tok-123\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errR, errW := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, []string{"serve", "--listen", "127.0.0.1:0", "--auth-token-file", token},
			IO{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: errW}, Options{})
		errW.Close()
	}()
	lines := bufio.NewScanner(errR)
	require.True(t, lines.Scan())
	addr, ok := strings.CutPrefix(lines.Text(), "serving remotemedia.v1 on ")
	require.True(t, ok, lines.Text())
	go func() { _, _ = io.Copy(io.Discard, errR) }()

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer conn.Close()
	exec := pb.NewPipelineExecutionServiceClient(conn)
	_, err = exec.GetVersion(context.Background(), &pb.VersionRequest{})
	assert.Equal(t, codes.Unauthenticated, status.Code(err))
	v, err := exec.GetVersion(metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer tok-123"), &pb.VersionRequest{})
	require.NoError(t, err)
	assert.Contains(t, v.GetVersionInfo().GetSupportedNodeTypes(), "MultiplyNode")

	cancel()
	assert.Equal(t, ExitOK, <-code)
}

func TestServe_Metrics(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errR, errW := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, []string{"serve", "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0"},
			IO{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: errW}, Options{})
		errW.Close()
	}()
	lines := bufio.NewScanner(errR)
	var addr, url string
	for (url == "" || addr == "") && lines.Scan() {
		if a, ok := strings.CutPrefix(lines.Text(), "serving remotemedia.v1 on "); ok {
			addr = a
		}
		if u, ok := strings.CutPrefix(lines.Text(), "serving metrics on "); ok {
			url = u
		}
	}
	require.NotEmpty(t, url)
	require.NotEmpty(t, addr)
	go func() { _, _ = io.Copy(io.Discard, errR) }()

	// One ExecutePipeline call: its nodes' latencies are recorded when it ends.
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer conn.Close()
	manifest := &pb.PipelineManifest{Version: "v1", Nodes: []*pb.NodeManifest{{Id: "add", NodeType: "AddNode", Params: `{"addend": 1}`}}}
	in := &pb.DataBuffer{DataType: &pb.DataBuffer_Json{Json: &pb.JsonData{JsonPayload: "2"}}}
	out, err := pb.NewPipelineExecutionServiceClient(conn).ExecutePipeline(context.Background(),
		&pb.ExecuteRequest{Manifest: manifest, DataInputs: map[string]*pb.DataBuffer{"": in}})
	require.NoError(t, err)
	require.Equal(t, "3", out.GetResult().GetDataOutputs()["add"].GetJson().GetJsonPayload(), "%v", out)

	resp, err := http.Get(url)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Contains(t, string(body), "remotemedia_sessions_open 0")
	assert.Contains(t, string(body), `remotemedia_node_latency_seconds_count{node_id="add",node_type="AddNode"} 1`+"\n")
	cancel()
	assert.Equal(t, ExitOK, <-code)

	res := runCLI(t, "", "serve", "--metrics-listen", "0.0.0.0:0", "--listen", "127.0.0.1:0")
	assert.Equal(t, ExitInvalid, res.code)
	assert.Contains(t, res.stderr, "refusing to serve metrics on 0.0.0.0:0")
}
