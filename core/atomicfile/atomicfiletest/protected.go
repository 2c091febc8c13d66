//go:build unix

package atomicfiletest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// victimContent is what Victim holds.
const victimContent = "precious"

// Protected are files a writer must leave as they are: Victim, a regular
// file; Link, a symlink to it; Pipe, a named pipe (standing in for a
// device, which only root may create).
type Protected struct{ Victim, Link, Pipe string }

// NewProtected makes them in dir: victim, link<ext> and fifo<ext>.
func NewProtected(dir, ext string) (Protected, error) {
	p := Protected{
		Victim: filepath.Join(dir, "victim"),
		Link:   filepath.Join(dir, "link"+ext),
		Pipe:   filepath.Join(dir, "fifo"+ext),
	}
	if err := os.WriteFile(p.Victim, []byte(victimContent), 0o644); err != nil {
		return p, err
	}
	if err := os.Symlink(p.Victim, p.Link); err != nil {
		return p, err
	}
	return p, syscall.Mkfifo(p.Pipe, 0o644)
}

// Check reports what changed: Link no longer a symlink, Pipe no longer a
// named pipe, or Victim no longer holding what it held.
func (p Protected) Check() error {
	for _, f := range []struct {
		path string
		mode fs.FileMode
	}{{p.Link, fs.ModeSymlink}, {p.Pipe, fs.ModeNamedPipe}} {
		info, err := os.Lstat(f.path)
		if err != nil {
			return err
		}
		if info.Mode().Type() != f.mode {
			return fmt.Errorf("%s is now %v", f.path, info.Mode())
		}
	}
	got, err := os.ReadFile(p.Victim)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, []byte(victimContent)) {
		return fmt.Errorf("%s now holds %q", p.Victim, got)
	}
	return nil
}
