package wasmhost

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tetratelabs/wazero"
)

// DefaultCacheMaxBytes bounds the on-disk compilation cache: room for about
// ten compiled Go guests (about 21 MB each) and hundreds of small ones.
const DefaultCacheMaxBytes = 256 << 20

// staleTempAge: wazero writes an entry to a temporary file, then renames
// it. One older than this was left by a process that died mid-write.
const staleTempAge = time.Hour

// WithCacheMaxBytes bounds the on-disk compilation cache; the oldest
// entries are removed past it. Zero or less means DefaultCacheMaxBytes.
func (c Config) WithCacheMaxBytes(n int64) Config { c.cacheMaxBytes = n; return c }

// diskCache looks after wazero's compilation cache directory, which wazero
// itself never bounds or repairs: a truncated entry makes every compile of
// that module fail, and a full disk fails compiles that succeeded.
type diskCache struct {
	dir      string // wazero adds a subdirectory per version and platform
	maxBytes int64
	log      *slog.Logger
	warnOnce sync.Once
	mu       sync.Mutex // one trim or clear at a time
}

// openDiskCache returns the cache for cfg, or nils when there is none or
// its directory cannot be written, in which case the host compiles in
// memory only, with a warning: a cache is never a reason to fail.
func openDiskCache(cfg Config) (*diskCache, wazero.CompilationCache) {
	dir := cfg.CacheDir()
	if dir == "" {
		return nil, nil
	}
	d := &diskCache{dir: dir, maxBytes: cfg.cacheMaxBytes, log: cfg.log()}
	if d.maxBytes <= 0 {
		d.maxBytes = DefaultCacheMaxBytes
	}
	if err := probeWritable(dir); err != nil {
		d.warn(warnCacheUnwritable, err)
		return nil, nil
	}
	cache, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		d.warn(warnCacheUnwritable, err)
		return nil, nil
	}
	d.trim()
	return d, cache
}

// Warnings, logged once per host: the cache failed, the host went on.
const (
	warnCacheUnwritable = "wasm compilation cache: the directory cannot be written; compiling in memory only"
	warnCacheFailed     = "wasm compilation cache: an entry could not be used; cleared the cache and compiled again"
)

func (d *diskCache) warn(msg string, err error) {
	d.warnOnce.Do(func() { d.log.Warn(msg, "dir", d.dir, "error", firstLine(err.Error())) })
}

func probeWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return err
	}
	_, werr := f.Write([]byte{0})
	return errors.Join(werr, f.Close(), os.Remove(f.Name()))
}

// isCacheError reports whether a compile failed because of the disk cache
// rather than the module: wazero's checks of an entry it read say
// "compilationcache:", and opening, writing or renaming an entry fails with
// an *fs.PathError or *os.LinkError. Decoding, validating and compiling a
// module fail with neither.
func isCacheError(err error) bool {
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	return strings.Contains(err.Error(), "compilationcache:") || errors.As(err, &pathErr) || errors.As(err, &linkErr)
}

type cacheFile struct {
	path string
	size int64
	mod  time.Time
}

// files lists the entries of every wazero version directory.
func (d *diskCache) files() []cacheFile {
	dirs, _ := filepath.Glob(filepath.Join(d.dir, "wazero-*"))
	var files []cacheFile
	for _, sub := range dirs {
		entries, _ := os.ReadDir(sub)
		for _, e := range entries {
			if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
				files = append(files, cacheFile{filepath.Join(sub, e.Name()), info.Size(), info.ModTime()})
			}
		}
	}
	return files
}

// trim removes stale temporary files, then the oldest entries until the
// cache is within maxBytes. Entries are ordered by when they were written:
// wazero does not touch an entry it reads.
func (d *diskCache) trim() {
	d.mu.Lock()
	defer d.mu.Unlock()
	var total int64
	var entries []cacheFile
	for _, f := range d.files() {
		if strings.HasSuffix(f.path, ".tmp") {
			if time.Since(f.mod) > staleTempAge {
				_ = os.Remove(f.path)
			}
			continue
		}
		total += f.size
		entries = append(entries, f)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].mod.Before(entries[j].mod) })
	for _, f := range entries {
		if total <= d.maxBytes {
			break
		}
		if os.Remove(f.path) == nil {
			total -= f.size
		}
	}
}

// clear removes every entry, after wazero found one it cannot use: the
// bad entry cannot be told apart without wazero's internals, and the rest
// is only a cache. Files in use by other processes stay readable to them.
func (d *diskCache) clear() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, f := range d.files() {
		_ = os.Remove(f.path)
	}
}
