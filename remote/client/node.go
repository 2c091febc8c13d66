package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/remote/pb"
)

// clientVersion is what StreamInit says this client is.
const clientVersion = "remotemedia-go/1"

// remoteNode is one RemotePipelineNode instance: one session per run.
type remoteNode struct {
	cfg      *config
	manifest *pb.PipelineManifest
	conn     *grpc.ClientConn
	s        *session
}

func newRemoteNode(p node.Params) (node.Node, error) {
	cfg, err := parseConfig(p, readManifestFile)
	if err != nil {
		return nil, err
	}
	m, err := protoManifest(cfg.manifest)
	if err != nil {
		return nil, fmt.Errorf("%s: the sub-pipeline's manifest: %w", nodeType, err)
	}
	if cfg.tls != nil && cfg.tls.caFile != "" {
		if _, err := os.Stat(cfg.tls.caFile); err != nil {
			return nil, fmt.Errorf("%s: param %q.%s: %w", nodeType, paramTLS, tlsCAFile, err)
		}
	}
	return &remoteNode{cfg: cfg, manifest: m}, nil
}

func (n *remoteNode) MaxInFlight() int { return n.cfg.maxInFlight }

// Init opens the run's session, trying the endpoints in turn (round robin
// across runs) up to retry.max_retries more times.
func (n *remoteNode) Init(ctx context.Context) error {
	var errs []error
	first := nextEndpoint(n.cfg.endpoints)
	for attempt := 0; attempt <= n.cfg.maxRetries; attempt++ {
		if attempt > 0 {
			backoff := n.cfg.backoff << min(attempt-1, 10)
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		ep := n.cfg.endpoints[(first+attempt)%len(n.cfg.endpoints)]
		s, conn, err := n.open(ctx, ep)
		if err == nil {
			n.s, n.conn = s, conn
			return nil
		}
		var re *RemoteError
		if errors.As(err, &re) || ctx.Err() != nil {
			return err // the server refused the manifest: retrying cannot help
		}
		errs = append(errs, err)
	}
	return fmt.Errorf("%s: cannot open a session (%d attempts): %w", nodeType, len(errs), errors.Join(errs...))
}

// open dials ep and does the StreamInit / StreamReady handshake within the
// timeout.
func (n *remoteNode) open(ctx context.Context, ep string) (*session, *grpc.ClientConn, error) {
	creds, err := n.credentials()
	if err != nil {
		return nil, nil, err
	}
	conn, err := grpc.NewClient(ep, grpc.WithTransportCredentials(creds))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", ep, err)
	}
	sctx, cancel := context.WithCancel(ctx)
	if n.cfg.authToken != "" {
		sctx = metadata.AppendToOutgoingContext(sctx, "authorization", "Bearer "+n.cfg.authToken)
	}
	fail := func(err error) (*session, *grpc.ClientConn, error) {
		cancel()
		conn.Close()
		return nil, nil, err
	}
	// The handshake gets the timeout; the stream itself lives for the run.
	timer := time.AfterFunc(n.cfg.timeout, cancel)
	stream, err := pb.NewStreamingPipelineServiceClient(conn).StreamPipeline(sctx, grpc.WaitForReady(false))
	if err != nil {
		timer.Stop()
		return fail(fmt.Errorf("%s: %w", ep, err))
	}
	init := &pb.StreamRequest{Request: &pb.StreamRequest_Init{Init: &pb.StreamInit{Manifest: n.manifest, ClientVersion: clientVersion}}}
	// A failed Send says only io.EOF; Recv returns the reason (an
	// ErrorResponse, or the stream's status).
	_ = stream.Send(init)
	resp, err := stream.Recv()
	expired := !timer.Stop()
	switch {
	case expired:
		return fail(fmt.Errorf("%s: no StreamReady within timeout_ms (%d ms)", ep, n.cfg.timeout.Milliseconds()))
	case err != nil:
		return fail(fmt.Errorf("%s: %w", ep, err))
	case resp.GetError() != nil:
		e := resp.GetError()
		return fail(&RemoteError{Endpoint: ep, Type: e.GetErrorType(), Node: e.GetFailingNodeId(), Message: e.GetMessage(), Context: e.GetContext()})
	case resp.GetReady() == nil:
		return fail(fmt.Errorf("%s: the server answered StreamInit with %T, not StreamReady", ep, resp.GetResponse()))
	}
	return newSession(ep, n.cfg.timeout, stream, cancel), conn, nil
}

func (n *remoteNode) credentials() (credentials.TransportCredentials, error) {
	t := n.cfg.tls
	if t == nil {
		return insecure.NewCredentials(), nil
	}
	cfg := &tls.Config{ServerName: t.serverName, MinVersion: tls.VersionTLS12}
	if t.caFile != "" {
		pem, err := os.ReadFile(t.caFile)
		if err != nil {
			return nil, fmt.Errorf("%s: param %q.%s: %w", nodeType, paramTLS, tlsCAFile, err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s: param %q.%s: %s holds no PEM certificate", nodeType, paramTLS, tlsCAFile, t.caFile)
		}
		cfg.RootCAs = pool
	}
	return credentials.NewTLS(cfg), nil
}

func (n *remoteNode) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	d, ok := out.(node.Deferrer)
	if !ok {
		return fmt.Errorf("%s needs an executor that lets nodes defer inputs (node.Deferrer)", nodeType)
	}
	return n.s.send(in, d.Defer())
}

// Flush tells the server the input has ended; its flush outputs and
// StreamClosed finish the run's last Pending.
func (n *remoteNode) Flush(_ context.Context, out node.Emitter) error {
	n.s.close(out.(node.Deferrer).Defer())
	return nil
}

func (n *remoteNode) Close() error {
	if n.s != nil {
		n.s.stop()
	}
	if n.conn != nil {
		return n.conn.Close()
	}
	return nil
}

// roundRobin holds, per list of endpoints, the index the next run starts at.
var roundRobin sync.Map // string -> *atomic.Uint64

func nextEndpoint(eps []string) int {
	if len(eps) == 1 {
		return 0
	}
	key := fmt.Sprint(eps)
	v, _ := roundRobin.LoadOrStore(key, new(atomic.Uint64))
	return int((v.(*atomic.Uint64).Add(1) - 1) % uint64(len(eps)))
}
