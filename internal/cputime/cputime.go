//go:build unix

// Package cputime reads the CPU time the process has used, for benchmarks
// on shared machines: wall time there grows with other people's load, CPU
// time much less, so benchmarks report both.
package cputime

import (
	"syscall"
	"time"
)

// Process is the user plus system CPU time used by the whole process.
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
