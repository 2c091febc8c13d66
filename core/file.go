package core

import "github.com/remotemedia/remotemedia/core/internal/atomicfile"

// AtomicFile is output that front ends write beside its target and rename
// over it on Commit, so a failed or interrupted write never leaves a partial
// file, and nothing the user already had (a symlink, a device, a file the
// run never replaced) is removed or truncated.
type AtomicFile = atomicfile.File

// ErrNotRegularFile is wrapped by CreateAtomic's error for a target that
// exists and is not a regular file.
var ErrNotRegularFile = atomicfile.ErrNotRegular

// CreateAtomic opens a temporary file for path, which must be absent or a
// regular file. Write to it, then Commit (rename over path) or Abort.
func CreateAtomic(path string) (*AtomicFile, error) { return atomicfile.Create(path) }
