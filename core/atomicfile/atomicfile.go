// Package atomicfile writes an output file the way every RemoteMedia
// command does, so that a failed or refused write never costs the user a
// file they had:
//
//   - the data goes to a temporary file beside the target, which replaces
//     the target only once it is complete (Commit);
//   - only a regular file is ever replaced: a symlink, a device, a
//     directory or a pipe at the target is an error, and is left as it was;
//   - nothing but the temporary file the writer created is ever removed.
//
// New files get perm, reduced by the umask, like os.WriteFile; a file that
// is replaced keeps its permission bits.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// ErrNotRegular is wrapped by the error for a target that exists and is not
// a regular file.
var ErrNotRegular = errors.New("not a regular file")

// WriteFile writes data to path atomically (see the package doc).
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return errors.Join(err, f.Abort())
	}
	return f.Commit()
}

// File is an output being written: Write to it, then Commit to put it in
// place, or Abort to drop it. Until Commit, the target is untouched.
type File struct {
	path string
	tmp  *os.File
	done bool
}

// Create checks that path is absent or a regular file, and opens a
// temporary file beside it.
func Create(path string, perm fs.FileMode) (*File, error) {
	exists, err := checkTarget(path)
	if err != nil {
		return nil, err
	}
	tmp, err := createTemp(path, perm)
	if err != nil {
		return nil, err
	}
	if exists {
		err = keepMode(tmp, path)
	}
	if err != nil {
		return nil, errors.Join(err, tmp.Close(), os.Remove(tmp.Name()))
	}
	return &File{path: path, tmp: tmp}, nil
}

// keepMode gives tmp the permission bits of the file it will replace, so
// rewriting a file never changes who may read it.
func keepMode(tmp *os.File, path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	return tmp.Chmod(info.Mode().Perm())
}

// Name is the target path.
func (f *File) Name() string { return f.path }

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) { return f.tmp.Write(p) }

// Seek moves in the temporary file, for writers that patch a header last
// (WAV sizes).
func (f *File) Seek(offset int64, whence int) (int64, error) { return f.tmp.Seek(offset, whence) }

// Commit flushes the temporary file and moves it to the target, checking
// the target again first. A new target is linked into place, which fails
// rather than replace anything created meanwhile. On error, the
// temporary file is removed and the target is as it was.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("atomicfile: %s: already committed or aborted", f.path)
	}
	f.done = true
	tmp := f.tmp.Name()
	err := f.tmp.Sync()
	if errors.Is(err, errors.ErrUnsupported) {
		err = nil
	}
	err = errors.Join(err, f.tmp.Close())
	if err == nil {
		err = place(tmp, f.path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(f.path))
	return nil
}

// Abort drops what was written and leaves the target as it was. It is a
// no-op after Commit, so it can be deferred.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	return errors.Join(f.tmp.Close(), os.Remove(f.tmp.Name()))
}

// place moves tmp to path: a hard link when path does not exist (atomic,
// and it never replaces), else a rename over a regular file.
func place(tmp, path string) error {
	exists, err := checkTarget(path)
	if err != nil {
		return err
	}
	if !exists {
		err := os.Link(tmp, path)
		if err == nil {
			return os.Remove(tmp)
		}
		if errors.Is(err, fs.ErrExist) { // created meanwhile: check it again
			return place(tmp, path)
		}
		// No hard links here (some filesystems, js, wasip1): rename.
	}
	return os.Rename(tmp, path)
}

// checkTarget reports whether path exists, and fails unless it is absent
// or a regular file.
func checkTarget(path string) (exists bool, err error) {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case info.Mode().IsRegular():
		return true, nil
	}
	return true, &fs.PathError{Op: "write", Path: path, Err: fmt.Errorf("is %s, %w; refusing to replace it", kind(info.Mode()), ErrNotRegular)}
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symlink"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// createTemp opens a new file beside path. Unlike os.CreateTemp it passes
// perm to open, so the umask applies as for any new file.
func createTemp(path string, perm fs.FileMode) (*os.File, error) {
	dir, base := filepath.Split(path)
	for range 100 {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("atomicfile: %s: cannot pick a temporary file name", path)
}

// syncDir makes the rename durable where the platform allows it; it is
// best effort, because the file itself is already complete.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
