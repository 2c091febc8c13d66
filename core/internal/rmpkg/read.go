package rmpkg

import (
	"context"

	"github.com/remotemedia/remotemedia/core/internal/readlimit"
)

// readCreateInput reads a file `package create` names. No entry may exceed
// MaxFileSize, so reading stops there: /dev/zero fails with a clear error
// instead of filling memory.
func readCreateInput(path string) ([]byte, error) {
	return readlimit.File(context.Background(), path, DefaultLimits().MaxFileSize)
}
