package server

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type contextStream struct{ grpc.ServerStream }

func (contextStream) Context() context.Context { return context.Background() }

func TestInterceptors_APanicFailsTheCallOnly(t *testing.T) {
	s, err := New(Options{})
	require.NoError(t, err)
	defer s.Stop()
	method := "/remotemedia.v1.StreamingPipelineService/StreamPipeline"
	err = s.authStream(nil, contextStream{}, &grpc.StreamServerInfo{FullMethod: method},
		func(any, grpc.ServerStream) error { panic("boom") })
	require.Equal(t, codes.Internal, status.Code(err))
	require.Contains(t, err.Error(), method+": internal error: panic: boom")
	_, err = s.authUnary(context.Background(), nil, &grpc.UnaryServerInfo{FullMethod: method},
		func(context.Context, any) (any, error) { panic("bang") })
	require.Equal(t, codes.Internal, status.Code(err))
	require.Contains(t, err.Error(), "panic: bang")
}
