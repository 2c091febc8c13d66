package bindings

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/internal/cli"
)

// Server is a remotemedia.v1 gRPC server started from Python (rm.serve):
// internal/cli's serve, with the node types of a registry that holds the
// Python ones, so clients may use exactly those (and never send code).
type Server struct {
	s *cli.Serving
}

// StartServer starts serving as `remotemedia serve ARGS` does; argsJSON is
// a JSON array of serve's flags, token the bearer token ("" for none).
// The Python node types of r run through r's callbacks, as in a Pipeline.
func StartServer(r *Registry, argsJSON string, token string) (srv *Server, err error) {
	defer guard(&err)
	var args []string
	if err := json.Unmarshal([]byte(argsJSON), &args); err != nil {
		return nil, fmt.Errorf("serve arguments from Python: %w", err)
	}
	s, err := cli.StartServe(args, token, cli.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, cli.Options{Registry: r.reg})
	if err != nil {
		return nil, usageAsInput(err)
	}
	return &Server{s: s}, nil
}

// usageAsInput makes a bad option an invalid input (InputError, a
// ValueError, in Python) rather than an engine failure; a file an option
// names that cannot be opened stays an OS error (FileNotFoundError, ...).
func usageAsInput(err error) error {
	if !cli.IsUsage(err) {
		return err
	}
	if _, ok := errors.AsType[*fs.PathError](err); ok {
		return err
	}
	return &core.InputError{Err: err}
}

// Addr is the address served, with the port chosen for port 0.
func (s *Server) Addr() string { return s.s.Addr() }

// Sessions is the number of streaming sessions open now.
func (s *Server) Sessions() int { return s.s.Sessions() }

// Wait waits up to timeoutMs for the server to stop serving and reports
// whether it has (polled, so Python can handle signals meanwhile).
func (s *Server) Wait(timeoutMs int) bool {
	t := time.NewTimer(time.Duration(timeoutMs) * time.Millisecond)
	defer t.Stop()
	select {
	case <-s.s.Done():
		return true
	case <-t.C:
		return false
	}
}

// Stop drains open sessions for up to the drain grace, ends the rest and
// frees the address; calling it again does nothing more.
func (s *Server) Stop() (err error) {
	defer guard(&err)
	return s.s.Stop()
}
