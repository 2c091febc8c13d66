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
	// DefaultPipelineMemoryLimit bounds all instances of a Host together.
	DefaultPipelineMemoryLimit = 2 << 30
	// DefaultMaxOutputFrames and DefaultMaxOutputBytes bound what a node
	// may emit and return for one input (or at flush): the bytes are those
	// of the encoded frames, as much as the default memory limit.
	DefaultMaxOutputFrames = 4096
	DefaultMaxOutputBytes  = 64 << 20
)

// Config sets a Host's sandbox limits. It is an immutable value: each With
// method returns a changed copy, and none of them fails; values are checked
// once, by NewHost.
type Config struct {
	memoryLimit     int64
	callTimeout     time.Duration
	compileTimeout  time.Duration
	pipelineMemory  int64
	maxOutputFrames int
	maxOutputBytes  int64
	cacheDir        string
	noDiskCache     bool
	cacheMaxBytes   int64 // diskcache.go
	sysClock        bool
	logger          *slog.Logger
}

// NewConfig returns the defaults: a 64 MiB memory limit per instance and
// 2 GiB for all instances of the host, a 5 s deadline per guest call, a 30 s
// deadline per compile, 4096 frames and 64 MiB of output per input, the
// on-disk compilation cache under os.UserCacheDir, a fake deterministic
// clock, and slog.Default for guest logs.
func NewConfig() Config {
	return Config{memoryLimit: DefaultMemoryLimit, callTimeout: DefaultCallTimeout, compileTimeout: DefaultCompileTimeout * compileSlowdown,
		pipelineMemory: DefaultPipelineMemoryLimit, maxOutputFrames: DefaultMaxOutputFrames, maxOutputBytes: DefaultMaxOutputBytes}
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

// WithPipelineMemoryLimit bounds the memory of all instances of the host
// together, in bytes: their linear memories, as they grow, and their
// tables. A package pipeline has a host of its own. memory.grow past it
// returns -1, and an instance that cannot start fails to instantiate.
func (c Config) WithPipelineMemoryLimit(bytes int64) Config { c.pipelineMemory = bytes; return c }

// WithOutputLimits bounds what a node may produce for one input, or at
// flush: frames emitted and returned, and their encoded bytes. Past either
// the call fails.
func (c Config) WithOutputLimits(frames int, bytes int64) Config {
	c.maxOutputFrames, c.maxOutputBytes = frames, bytes
	return c
}

// WithCompileTimeout bounds compiling one module (default 30 s). A module
// that takes longer fails to load.
func (c Config) WithCompileTimeout(d time.Duration) Config { c.compileTimeout = d; return c }

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

// PipelineMemoryLimit bounds the memory of all instances of the host.
func (c Config) PipelineMemoryLimit() int64 { return c.pipelineMemory }

// CompileTimeout is the deadline for compiling one module.
func (c Config) CompileTimeout() time.Duration { return c.compileTimeout }

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
