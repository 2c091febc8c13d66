// Package atomicfile writes a file so that readers see either the old
// content or the whole new content, and so that nothing the caller did not
// create is ever removed or truncated. Output goes to a temporary file
// beside the target; Commit renames it over the target, Abort removes it.
// The target must be absent or a regular file: a symlink, a device or a
// directory at that path is refused, since renaming over it would replace
// something the user made.
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

// File is the temporary file; write to it, then Commit or Abort.
type File struct {
	*os.File
	target string
	done   bool
}

// Create checks that path is absent or a regular file and opens a new
// temporary file in its directory. The temporary file gets mode 0666 less
// the umask, like os.Create, or the target's mode when it exists.
func Create(path string) (*File, error) {
	mode, err := targetMode(path)
	if err != nil {
		return nil, err
	}
	dir, base := filepath.Split(path)
	for range 100 {
		tmp := filepath.Join(dir, "."+base+".tmp"+strconv.FormatUint(rand.Uint64()>>32, 36))
		f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if pe, ok := err.(*fs.PathError); ok {
			// Name what the caller asked for, not the temporary file.
			return nil, &fs.PathError{Op: "create", Path: path, Err: pe.Err}
		}
		if err != nil {
			return nil, err
		}
		if mode != 0 {
			if err := f.Chmod(mode); err != nil {
				f.Close()
				os.Remove(tmp)
				return nil, err
			}
		}
		return &File{File: f, target: path}, nil
	}
	return nil, fmt.Errorf("%s: no free temporary name", path)
}

// targetMode is the permission bits of the regular file at path, 0 when
// there is none, or an error when something else is there.
func targetMode(path string) (fs.FileMode, error) {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0, nil
	case err != nil:
		return 0, err
	case !st.Mode().IsRegular():
		return 0, &fs.PathError{Op: "replace", Path: path, Err: fmt.Errorf("%w: %s", ErrNotRegular, kind(st.Mode()))}
	}
	return st.Mode().Perm(), nil
}

// ErrNotRegular is wrapped by the error for a target that is not a regular
// file.
var ErrNotRegular = errors.New("not a regular file, refusing to replace it")

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

// Target is the path Commit writes.
func (f *File) Target() string { return f.target }

// Commit closes the temporary file and renames it over the target, which is
// checked again: if something other than a regular file appeared there in
// the meantime, the temporary file is removed and the target left alone.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: Commit after Commit or Abort")
	}
	f.done = true
	tmp := f.Name()
	if err := f.File.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if _, err := targetMode(f.target); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, f.target); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Abort closes and removes the temporary file; the target is untouched. It
// does nothing after Commit or Abort, so it can be deferred.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	return errors.Join(f.File.Close(), os.Remove(f.Name()))
}
