package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/remotemedia/remotemedia/remote/server"
)

type serveFlags struct {
	listen, tokenFile, tlsCert, tlsKey string
	metricsListen                      string
	insecureAny                        bool
	limits                             server.Options
	grace                              time.Duration
}

func newServeCommand(stdio IO, opts Options) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve pipelines to remote clients over gRPC (the remotemedia.v1 protocol)",
		Long: "Serve pipelines over gRPC, speaking upstream remotemedia-sdk's remotemedia.v1 protocol\n" +
			"(StreamPipeline, ExecutePipeline, GetVersion), with grpc.health.v1 and reflection.\n" +
			"Clients may use only the node types this process has registered; they never send code.\n" +
			"Without --auth-token-file the server listens only on loopback addresses, unless\n" +
			"--insecure-listen-any is given. SIGTERM or Ctrl-C drains open sessions for --drain-grace,\n" +
			"then ends them. See docs/REMOTE.md.",
		Example: "  remotemedia serve --listen 127.0.0.1:50051 --auth-token-file token.txt",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return serve(cmd.Context(), f, stdio, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.listen, "listen", "127.0.0.1:50051", "address to listen on (host:port)")
	fl.StringVar(&f.tokenFile, "auth-token-file", "", "file holding the bearer token clients must send")
	fl.BoolVar(&f.insecureAny, "insecure-listen-any", false, "allow a non-loopback address without a token")
	fl.StringVar(&f.tlsCert, "tls-cert", "", "TLS certificate file (PEM); needs --tls-key")
	fl.StringVar(&f.tlsKey, "tls-key", "", "TLS private key file (PEM); needs --tls-cert")
	fl.IntVar(&f.limits.MaxMessageBytes, "max-message-bytes", server.DefaultMaxMessageBytes, "largest gRPC message either way")
	fl.IntVar(&f.limits.MaxNodes, "max-nodes", server.DefaultMaxNodes, "most nodes in a client's manifest")
	fl.IntVar(&f.limits.MaxFrameBytes, "max-frame-bytes", server.DefaultMaxFrameBytes, "largest data buffer in a chunk")
	fl.IntVar(&f.limits.MaxSessions, "max-sessions", server.DefaultMaxSessions, "most concurrent streaming sessions")
	fl.DurationVar(&f.limits.IdleTimeout, "idle-timeout", server.DefaultIdleTimeout, "end a session that sends nothing for this long")
	fl.StringVar(&f.metricsListen, "metrics-listen", "", "serve Prometheus metrics over HTTP at this address (/metrics)")
	fl.DurationVar(&f.grace, "drain-grace", 10*time.Second, "on SIGTERM, how long open sessions may take to finish")
	return cmd
}

// maxTokenBytes bounds the token file: a token is a line, not a file to slurp.
const maxTokenBytes = 4096

func readToken(path string) (string, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", usagef("--auth-token-file: %v", err)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxTokenBytes+1))
	if err != nil {
		return "", usagef("--auth-token-file: %v", err)
	}
	if len(data) > maxTokenBytes {
		return "", usagef("--auth-token-file: %s is larger than %d bytes", path, maxTokenBytes)
	}
	token := strings.TrimSpace(string(data))
	if token == "" {
		return "", usagef("--auth-token-file: %s is empty", path)
	}
	return token, nil
}

func serve(ctx context.Context, f serveFlags, stdio IO, opts Options) error {
	limits := f.limits
	for _, l := range []struct {
		flag string
		v    int
	}{{"--max-message-bytes", limits.MaxMessageBytes}, {"--max-nodes", limits.MaxNodes}, {"--max-frame-bytes", limits.MaxFrameBytes}, {"--max-sessions", limits.MaxSessions}} {
		if l.v <= 0 {
			return usagef("%s must be positive, got %d", l.flag, l.v)
		}
	}
	if limits.IdleTimeout <= 0 {
		return usagef("--idle-timeout must be positive, got %s", limits.IdleTimeout)
	}
	limits.Registry = opts.registry()
	if f.tokenFile != "" {
		token, err := readToken(f.tokenFile)
		if err != nil {
			return err
		}
		limits.Token = token
	}
	var extra []grpc.ServerOption
	if (f.tlsCert == "") != (f.tlsKey == "") {
		return usagef("--tls-cert and --tls-key go together")
	}
	if f.tlsCert != "" {
		creds, err := credentials.NewServerTLSFromFile(f.tlsCert, f.tlsKey)
		if err != nil {
			return usagef("TLS: %v", err)
		}
		extra = append(extra, grpc.Creds(creds))
	}
	if f.metricsListen != "" {
		limits.Metrics = server.NewMetrics()
	}
	srv, err := server.New(limits, extra...)
	if err != nil {
		return usagef("%v", err)
	}
	lis, err := net.Listen("tcp", f.listen)
	if err != nil {
		return usagef("--listen: %v", err)
	}
	defer lis.Close()
	if !isLoopback(lis) && limits.Token == "" && !f.insecureAny {
		return usagef("refusing to listen on %s without --auth-token-file: anyone who can reach it could run pipelines "+
			"(use a loopback address, a token, or --insecure-listen-any)", f.listen)
	}
	if f.metricsListen != "" {
		stopMetrics, err := serveMetrics(f.metricsListen, f.insecureAny, limits.Metrics, stdio)
		if err != nil {
			return err
		}
		defer stopMetrics()
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdio.Stderr, "serving remotemedia.v1 on %s\n", lis.Addr())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintf(stdio.Stderr, "draining %d open sessions (up to %s)\n", srv.Sessions(), f.grace)
	srv.Drain(f.grace)
	if err := <-served; err != nil && !errors.Is(err, grpc.ErrServerStopped) {
		return err
	}
	return nil
}

func isLoopback(lis net.Listener) bool {
	addr, ok := lis.Addr().(*net.TCPAddr)
	return ok && addr.IP.IsLoopback()
}

// serveMetrics serves /metrics until the returned stop is called. Metrics
// have no token, so like the service they stay on loopback unless
// --insecure-listen-any is given.
func serveMetrics(listen string, anyAddr bool, m *server.Metrics, stdio IO) (stop func(), err error) {
	lis, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, usagef("--metrics-listen: %v", err)
	}
	if !isLoopback(lis) && !anyAddr {
		lis.Close()
		return nil, usagef("refusing to serve metrics on %s, which is not a loopback address, without --insecure-listen-any", listen)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", m.Handler())
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() { defer close(done); _ = hs.Serve(lis) }()
	fmt.Fprintf(stdio.Stderr, "serving metrics on http://%s/metrics\n", lis.Addr())
	return func() { _ = hs.Close(); <-done }, nil
}
