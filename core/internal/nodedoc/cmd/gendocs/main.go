// Command gendocs writes the node reference, docs/NODES.md, from the specs
// of the built-in nodes. Run it through `make docs`.
//
//	go run ./core/internal/nodedoc/cmd/gendocs -o docs/NODES.md
//
// Without -o it writes to stdout.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/remotemedia/remotemedia/core/internal/nodedoc"
	_ "github.com/remotemedia/remotemedia/core/internal/nodes" // registers the built-in nodes
	"github.com/remotemedia/remotemedia/core/node"
)

func main() {
	out := flag.String("o", "", "write to this file (atomically) instead of stdout")
	flag.Parse()
	doc := nodedoc.Render(node.Default().Specs())
	var err error
	if *out == "" {
		_, err = os.Stdout.Write(doc)
	} else {
		err = writeAtomic(*out, doc)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

// writeAtomic replaces path only once the whole document is on disk, so a
// failed run never leaves a truncated file behind.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
