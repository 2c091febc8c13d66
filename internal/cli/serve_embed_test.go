package cli

import (
	"bytes"
	"net"
	"strings"
	"testing"
)

func TestStartServe_StopFreesTheAddress(t *testing.T) {
	var stderr bytes.Buffer
	s, err := StartServe([]string{"--listen", "127.0.0.1:0", "--drain-grace", "1s"}, "secret", IO{Stderr: &stderr}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	addr := s.Addr()
	if !strings.Contains(stderr.String(), "serving remotemedia.v1 on "+addr) {
		t.Fatalf("stderr %q does not name %s", stderr.String(), addr)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("%s still taken after Stop: %v", addr, err)
	}
	lis.Close()
}

func TestStartServe_BadArguments(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		token string
		want  string
	}{
		{[]string{"--no-such-flag"}, "", "unknown flag: --no-such-flag"},
		{[]string{"extra"}, "", "serve takes no arguments"},
		{[]string{"--auth-token-file", "t.txt"}, "tok", "not both"},
		{[]string{"--listen", "127.0.0.1:0"}, "  ", "blank"},
		{[]string{"--listen", "0.0.0.0:0"}, "", "refusing to listen"},
		{[]string{"--max-nodes", "0"}, "", "--max-nodes must be positive"},
	} {
		s, err := StartServe(tc.args, tc.token, IO{Stderr: &bytes.Buffer{}}, Options{})
		if err == nil {
			s.Stop()
			t.Errorf("%q: started", tc.args)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %q, want it to contain %q", tc.args, err, tc.want)
		}
	}
}
