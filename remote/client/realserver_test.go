package client

import (
	"net"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/remote/server"
)

// serveReal starts the real server (remote/server, what `remotemedia serve`
// runs) on a loopback port, with the node types of serverRegistry.
func serveReal(t testing.TB, opts server.Options) (addr string, srv *server.Server) {
	t.Helper()
	if opts.Registry == nil {
		opts.Registry = serverRegistry()
	}
	srv, err := server.New(opts)
	require.NoError(t, err)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = srv.Serve(lis)
	}()
	t.Cleanup(func() {
		srv.Stop()
		wg.Wait()
	})
	return lis.Addr().String(), srv
}
