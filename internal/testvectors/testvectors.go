// Package testvectors loads the shared conformance vectors
// (../shared/conformance beside the repository) for Go tests. A missing
// file fails the test: every runtime must pass every vector, so a silent
// skip would hide exactly the regressions the vectors exist to catch.
package testvectors

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Read returns shared/<name>, found by walking up from the test's working
// directory to the folder that holds shared/.
func Read(t testing.TB, name string) []byte {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "shared", name))
		if err == nil {
			return data
		}
		if !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("shared/%s not found above the test directory: the conformance vectors must sit in ../shared beside the repository", name)
		}
		dir = parent
	}
}

// RepoRoot is the repository root: the nearest directory above the test's
// working directory that holds go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// ManifestCase is one case of shared/conformance/manifests.json.
type ManifestCase struct {
	Name     string          `json:"name"`
	Manifest json.RawMessage `json:"manifest"`
	Input    json.RawMessage `json:"input"`
	Expect   Expect          `json:"expect"`
	Note     string          `json:"note"`
}

// Expect is what a case must produce; see the "about" field of the file.
type Expect struct {
	Exit             int             `json:"exit"`
	Output           json.RawMessage `json:"output"`
	OutputSorted     json.RawMessage `json:"output_sorted"`
	OutputInputOrder json.RawMessage `json:"output_input_order"`
	OutputContains   StringList      `json:"output_contains"`
	MessageContains  StringList      `json:"message_contains"`
}

// StringList reads a string or an array of strings.
type StringList []string

func (l *StringList) UnmarshalJSON(data []byte) error {
	var one string
	if json.Unmarshal(data, &one) == nil {
		*l = StringList{one}
		return nil
	}
	return json.Unmarshal(data, (*[]string)(l))
}

// Manifests returns every manifest case; it fails the test if there is none.
func Manifests(t testing.TB) []ManifestCase {
	t.Helper()
	var file struct {
		Cases []ManifestCase `json:"cases"`
	}
	if err := json.Unmarshal(Read(t, "conformance/manifests.json"), &file); err != nil {
		t.Fatalf("conformance/manifests.json: %v", err)
	}
	if len(file.Cases) == 0 {
		t.Fatal("conformance/manifests.json has no cases")
	}
	return file.Cases
}
