package atomicfiletest

import "os"

// Names returns the names of dir's entries, sorted. A test compares them
// with what it expects: a temporary file left behind shows as one more.
func Names(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names, nil
}
