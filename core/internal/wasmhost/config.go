package wasmhost

import (
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// Defaults for Config. They are generous for media nodes yet small enough
// that one runaway guest cannot take the process down.
const (
	DefaultMemoryLimit = 64 << 20
	DefaultCallTimeout = 5 * time.Second
)

// Config sets a Host's sandbox limits. It is an immutable value: each With
// method returns a changed copy, and none of them fails; values are checked
// once, by NewHost.
type Config struct {
	memoryLimit   int64
	callTimeout   time.Duration
	cacheDir      string
	noDiskCache   bool
	cacheMaxBytes int64 // diskcache.go
	sysClock      bool
	logger        *slog.Logger
}

// NewConfig returns the defaults: a 64 MiB memory limit per instance, a 5 s
// deadline per guest call, the on-disk compilation cache under
// os.UserCacheDir, a fake deterministic clock, and slog.Default for guest logs.
func NewConfig() Config {
	return Config{memoryLimit: DefaultMemoryLimit, callTimeout: DefaultCallTimeout}
}

// WithMemoryLimit caps each instance's linear memory, in bytes, rounded down
// to whole 64 KiB wasm pages.
func (c Config) WithMemoryLimit(bytes int64) Config { c.memoryLimit = bytes; return c }

// WithCallTimeout bounds every guest call (rm_init, rm_process, rm_flush...).
// A call that runs longer is stopped and its instance is closed.
//
// Zero turns deadlines off, for trusted modules only: the code is then
// compiled without termination checks, so loops run up to 20x faster, but
// neither a deadline nor a cancelled context can stop a guest call. Only the
// application may choose that; a manifest cannot (see ConfigFromRuntime).
func (c Config) WithCallTimeout(d time.Duration) Config { c.callTimeout = d; return c }

// WithCacheDir sets the on-disk compilation cache directory. An empty dir
// turns the disk cache off (modules are still compiled once per Host).
func (c Config) WithCacheDir(dir string) Config {
	c.cacheDir, c.noDiskCache = dir, dir == ""
	return c
}

// WithSysClock grants guests the real wall and monotonic clocks. Without it
// they see wazero's fake, deterministic clock.
func (c Config) WithSysClock(enabled bool) Config { c.sysClock = enabled; return c }

// WithLogger receives the messages guests send through the log import.
func (c Config) WithLogger(l *slog.Logger) Config { c.logger = l; return c }

// MemoryLimit is the per-instance memory cap in bytes.
func (c Config) MemoryLimit() int64 { return c.memoryLimit }

// CallTimeout is the per-call deadline.
func (c Config) CallTimeout() time.Duration { return c.callTimeout }

// CacheDir is the on-disk compilation cache directory, "" when disabled.
func (c Config) CacheDir() string {
	if c.noDiskCache {
		return ""
	}
	if c.cacheDir != "" {
		return c.cacheDir
	}
	return defaultCacheDir()
}

func (c Config) log() *slog.Logger {
	if c.logger != nil {
		return c.logger
	}
	return slog.Default()
}

// defaultCacheDir is "" where the platform has no user cache dir (js, wasip1),
// which simply disables the disk cache there.
func defaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "remotemedia", "wazero")
}
