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
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/remotemedia/remotemedia/remote/server"
)

type serveFlags struct {
	listen, tokenFile, tlsCert, tlsKey string
	metricsListen                      string
	insecureAny                        bool
	token                              string // the token itself, from an embedder (StartServe)
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
	addServeFlags(cmd.Flags(), &f)
	return cmd
}

// addServeFlags defines serve's flags, the one definition of them: the
// command parses them from its arguments, StartServe from an embedder's.
func addServeFlags(fl *pflag.FlagSet, f *serveFlags) {
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
}

// maxTokenBytes bounds the token file: a token is a line, not a file to slurp.
const maxTokenBytes = 4096

func readToken(path string) (string, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", usagef("--auth-token-file: %w", err)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxTokenBytes+1))
	if err != nil {
		return "", usagef("--auth-token-file: %w", err)
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

// Serving is a server started by startServing, until Stop.
type Serving struct {
	srv         *server.Server
	lis         net.Listener
	served      chan struct{}
	serveErr    error
	stopMetrics func()
	grace       time.Duration
	stderr      io.Writer
	stopOnce    sync.Once
	stopErr     error
}

// StartServe starts serving as `remotemedia serve ARGS...` does, for a
// program that embeds the CLI (the Python package's rm.serve): the same
// flags, rules and messages, without waiting for a signal. token, when not
// empty, is the bearer token (what --auth-token-file would hold).
func StartServe(args []string, token string, stdio IO, opts Options) (*Serving, error) {
	var f serveFlags
	fl := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	fl.SetOutput(io.Discard)
	addServeFlags(fl, &f)
	if err := fl.Parse(args); err != nil {
		return nil, usagef("%v", err)
	}
	if fl.NArg() > 0 {
		return nil, usagef("serve takes no arguments, got %q", fl.Args())
	}
	if token != "" && f.tokenFile != "" {
		return nil, usagef("give a token or --auth-token-file, not both")
	}
	f.token = strings.TrimSpace(token)
	if token != "" && f.token == "" {
		return nil, usagef("the auth token is blank")
	}
	return startServing(f, stdio, opts)
}

func serve(ctx context.Context, f serveFlags, stdio IO, opts Options) error {
	s, err := startServing(f, stdio, opts)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	select {
	case <-s.served:
	case <-ctx.Done():
	}
	return s.Stop()
}

// startServing checks the flags, listens and serves on a goroutine.
func startServing(f serveFlags, stdio IO, opts Options) (_ *Serving, err error) {
	limits := f.limits
	for _, l := range []struct {
		flag string
		v    int
	}{{"--max-message-bytes", limits.MaxMessageBytes}, {"--max-nodes", limits.MaxNodes}, {"--max-frame-bytes", limits.MaxFrameBytes}, {"--max-sessions", limits.MaxSessions}} {
		if l.v <= 0 {
			return nil, usagef("%s must be positive, got %d", l.flag, l.v)
		}
	}
	if limits.IdleTimeout <= 0 {
		return nil, usagef("--idle-timeout must be positive, got %s", limits.IdleTimeout)
	}
	if f.grace < 0 {
		return nil, usagef("--drain-grace must not be negative, got %s", f.grace)
	}
	limits.Registry = opts.registry()
	limits.Token = f.token
	if f.tokenFile != "" {
		token, err := readToken(f.tokenFile)
		if err != nil {
			return nil, err
		}
		limits.Token = token
	}
	var extra []grpc.ServerOption
	if (f.tlsCert == "") != (f.tlsKey == "") {
		return nil, usagef("--tls-cert and --tls-key go together")
	}
	if f.tlsCert != "" {
		creds, err := credentials.NewServerTLSFromFile(f.tlsCert, f.tlsKey)
		if err != nil {
			return nil, usagef("TLS: %w", err)
		}
		extra = append(extra, grpc.Creds(creds))
	}
	if f.metricsListen != "" {
		limits.Metrics = server.NewMetrics()
	}
	srv, err := server.New(limits, extra...)
	if err != nil {
		return nil, usagef("%v", err)
	}
	lis, err := net.Listen("tcp", f.listen)
	if err != nil {
		return nil, usagef("--listen: %v", err)
	}
	defer func() {
		if err != nil {
			lis.Close()
		}
	}()
	if !isLoopback(lis) && limits.Token == "" && !f.insecureAny {
		return nil, usagef("refusing to listen on %s without --auth-token-file: anyone who can reach it could run pipelines "+
			"(use a loopback address, a token, or --insecure-listen-any)", f.listen)
	}
	s := &Serving{srv: srv, lis: lis, served: make(chan struct{}), stopMetrics: func() {}, grace: f.grace, stderr: stdio.Stderr}
	if f.metricsListen != "" {
		if s.stopMetrics, err = serveMetrics(f.metricsListen, f.insecureAny, limits.Metrics, stdio); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(stdio.Stderr, "serving remotemedia.v1 on %s\n", lis.Addr())
	go func() {
		defer close(s.served)
		s.serveErr = srv.Serve(lis)
	}()
	return s, nil
}

// Addr is the address the server listens on (with the port chosen, for
// port 0).
func (s *Serving) Addr() string { return s.lis.Addr().String() }

// Sessions is the number of streaming sessions open now.
func (s *Serving) Sessions() int { return s.srv.Sessions() }

// Done is closed when the server has stopped serving.
func (s *Serving) Done() <-chan struct{} { return s.served }

// Stop drains open sessions for up to --drain-grace, then ends them, and
// frees the address. It returns why serving ended early, if it did; a
// second call returns the first's result.
func (s *Serving) Stop() error {
	s.stopOnce.Do(func() {
		select {
		case <-s.served:
		default:
			fmt.Fprintf(s.stderr, "draining %d open sessions (up to %s)\n", s.srv.Sessions(), s.grace)
			s.srv.Drain(s.grace)
			<-s.served
		}
		s.stopMetrics()
		s.lis.Close()
		if s.serveErr != nil && !errors.Is(s.serveErr, grpc.ErrServerStopped) {
			s.stopErr = s.serveErr
		}
	})
	return s.stopErr
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
