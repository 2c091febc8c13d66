package atomicfile_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/remotemedia/remotemedia/core/atomicfile"
)

func Example() {
	dir, _ := os.MkdirTemp("", "atomicfile")
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "out.txt")

	// Stream into a temporary file; the target appears only on Commit.
	f, err := atomicfile.Create(out, 0o644)
	if err != nil {
		panic(err)
	}
	defer f.Abort() // drops the temporary file unless committed
	fmt.Fprintln(f, "hello")
	if err := f.Commit(); err != nil {
		panic(err)
	}
	data, _ := os.ReadFile(out)
	fmt.Print(string(data))

	// A symlink (or a device, a directory...) is never replaced.
	link := filepath.Join(dir, "link")
	_ = os.Symlink(out, link)
	err = atomicfile.WriteFile(link, []byte("x"), 0o644)
	fmt.Println(err != nil)
	// Output:
	// hello
	// true
}
