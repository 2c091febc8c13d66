package server

import (
	"context"
	"crypto/subtle"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/status"

	"github.com/remotemedia/remotemedia/remote/pb"
)

// Server holds the protocol services. Build it with New, then Serve.
type Server struct {
	pb.UnimplementedStreamingPipelineServiceServer
	pb.UnimplementedPipelineExecutionServiceServer

	opts     Options
	allowed  []string // sorted node types a manifest may use
	grpc     *grpc.Server
	health   *health.Server
	sessions atomic.Int64
	nextID   atomic.Uint64
	slots    chan struct{} // one token per open session
}

// New builds a server: the two remotemedia.v1 services, grpc.health.v1 and
// reflection, behind the bearer-token check when opts.Token is set. Extra
// grpc options (TLS credentials) are appended.
func New(opts Options, extra ...grpc.ServerOption) (*Server, error) {
	if err := opts.Check(); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	s := &Server{opts: opts, allowed: opts.Registry.Types(), slots: make(chan struct{}, opts.MaxSessions)}
	sopts := append([]grpc.ServerOption{
		grpc.MaxRecvMsgSize(opts.MaxMessageBytes),
		grpc.MaxSendMsgSize(opts.MaxMessageBytes),
		grpc.UnaryInterceptor(s.authUnary),
		grpc.StreamInterceptor(s.authStream),
	}, extra...)
	s.grpc = grpc.NewServer(sopts...)
	pb.RegisterStreamingPipelineServiceServer(s.grpc, s)
	pb.RegisterPipelineExecutionServiceServer(s.grpc, s)
	s.health = health.NewServer()
	healthpb.RegisterHealthServer(s.grpc, s.health)
	reflection.Register(s.grpc)
	return s, nil
}

// Serve accepts connections on lis until Stop or Drain.
func (s *Server) Serve(lis net.Listener) error { return s.grpc.Serve(lis) }

// Sessions is the number of streaming sessions open now.
func (s *Server) Sessions() int { return int(s.sessions.Load()) }

// Drain stops accepting calls, lets open ones finish for up to grace, then
// ends the rest (their runs are cancelled).
func (s *Server) Drain(grace time.Duration) {
	s.health.Shutdown()
	done := make(chan struct{})
	go func() {
		s.grpc.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(grace):
		s.grpc.Stop()
		<-done
	}
}

// Stop ends every call at once.
func (s *Server) Stop() { s.grpc.Stop() }

// exempt are the methods callable without a token: load balancers and
// orchestrators probe health without credentials.
func exempt(method string) bool {
	return strings.HasPrefix(method, "/grpc.health.v1.Health/")
}

func (s *Server) authorize(ctx context.Context, method string) error {
	if s.opts.Token == "" || exempt(method) {
		return nil
	}
	md, _ := metadata.FromIncomingContext(ctx)
	for _, v := range md.Get("authorization") {
		token, ok := strings.CutPrefix(v, "Bearer ")
		if ok && subtle.ConstantTimeCompare([]byte(token), []byte(s.opts.Token)) == 1 {
			return nil
		}
	}
	return status.Error(codes.Unauthenticated, "a valid \"authorization: Bearer <token>\" header is required")
}

func (s *Server) authUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (_ any, err error) {
	defer recoverCall(info.FullMethod, &err)
	if err := s.authorize(ctx, info.FullMethod); err != nil {
		return nil, err
	}
	return h(ctx, req)
}

func (s *Server) authStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) (err error) {
	defer recoverCall(info.FullMethod, &err)
	if err := s.authorize(ss.Context(), info.FullMethod); err != nil {
		return err
	}
	return h(srv, ss)
}

// recoverCall turns a panic in a call's handler into an INTERNAL error for
// that call, so a bug fails one call instead of killing the process (and,
// embedded in Python, the interpreter).
func recoverCall(method string, err *error) {
	if v := recover(); v != nil {
		*err = status.Errorf(codes.Internal, "%s: internal error: panic: %v", method, v)
	}
}
