package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/rmpkg"
	"github.com/stretchr/testify/assert"
)

func TestExitCode(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want int
	}{
		{"ok", context.Background(), nil, ExitOK},
		{"usage", context.Background(), usagef("bad"), ExitInvalid},
		{"manifest", context.Background(), &core.ManifestError{Problems: []core.Problem{{Path: "$", Message: "x"}}}, ExitInvalid},
		{"input", context.Background(), &core.InputError{Err: errors.New("x")}, ExitInvalid},
		{"package", context.Background(), &core.InputError{Err: &rmpkg.InvalidError{}}, ExitInvalid},
		{"unsupported", context.Background(), &core.UnavailableError{Node: "n", Type: "T"}, ExitInvalid},
		{"node failed", context.Background(), fmt.Errorf("run: %w", &core.NodeError{Node: "n", Phase: "process"}), ExitFailure},
		{"cancelled", context.Background(), core.ErrCancelled, ExitInterrupted},
		{"interrupted wins", cancelled, &core.NodeError{Node: "n", Phase: "process"}, ExitInterrupted},
		{"anything else", context.Background(), errors.New("disk full"), ExitFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, exitCode(tt.ctx, tt.err))
		})
	}
}

func TestPrintError(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"one line", errors.New("boom"), "error: boom\n"},
		{"newlines folded", errors.New("first\n  second\r\nthird\n"), "error: first; second; third\n"},
		{"one line per problem", &core.ManifestError{Problems: []core.Problem{
			{Path: "$.version", Message: "must be v1"}, {Path: "$.nodes", Message: "no nodes"},
		}}, "error: invalid manifest: $.version: must be v1\nerror: invalid manifest: $.nodes: no nodes\n"},
		{"one line per package problem", &core.InputError{Err: &rmpkg.InvalidError{Problems: []rmpkg.Problem{
			{Entry: "manifest.json", Message: "bad"}, {Message: "no manifest.json"},
		}}}, "error: invalid package: manifest.json: bad\nerror: invalid package: no manifest.json\n"},
		// A hostile message (a guest's, a file name) cannot clear the screen,
		// forge a second "error:" line or print bytes that are not UTF-8.
		{"hostile", errors.New("\x1b[2J\x1b[1;1Hok\nerror: forged\r\nline\u2028two \xff\xfe end"),
			`error: \x1b[2J\x1b[1;1Hok; error: forged; line\u{2028}two \xff\xfe end` + "\n"},
		{"hostile problem", &core.ManifestError{Problems: []core.Problem{{Path: "$.nodes[0].id", Message: "bad \x1b]0;title\x07"}}},
			`error: invalid manifest: $.nodes[0].id: bad \x1b]0;title\x07` + "\n"},
		{"capped", errors.New(strings.Repeat("x", 2*maxErrorLine)),
			"error: " + strings.Repeat("x", maxErrorLine) + "... [16384 more bytes]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			printError(&b, tt.err)
			assert.Equal(t, tt.want, b.String())
		})
	}
}
