package bindings

import (
	"context"
	"fmt"

	"github.com/remotemedia/remotemedia/core"
)

// ReadManifestFile reads the manifest file at path for Pipeline.from_manifest,
// at most core.MaxManifestBytes of it, as the Go CLI does: a path such as
// /dev/zero is an invalid-input error, not a read until memory runs out. OS
// errors carry their errno, so Python sees its own OSError.
func ReadManifestFile(path string) (text string, err error) {
	defer guard(&err)
	data, err := core.ReadFile(context.Background(), path, core.MaxManifestBytes)
	if _, tooLarge := err.(*core.TooLargeError); tooLarge {
		return "", &core.InputError{Err: fmt.Errorf("read manifest: %w", err)}
	}
	if err != nil {
		return "", err
	}
	return string(data), nil
}
