//go:build unix

package atomicfiletest_test

import (
	"fmt"
	"os"

	"github.com/remotemedia/remotemedia/core/atomicfile"
	"github.com/remotemedia/remotemedia/core/atomicfile/atomicfiletest"
)

func Example() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	p, err := atomicfiletest.NewProtected(dir, ".wav")
	if err != nil {
		panic(err)
	}
	for _, path := range []string{p.Link, p.Pipe} {
		fmt.Println(atomicfile.WriteFile(path, []byte("x"), 0o644) != nil)
	}
	fmt.Println(p.Check())
	fmt.Println(atomicfiletest.Names(dir))
	// Output:
	// true
	// true
	// <nil>
	// [fifo.wav link.wav victim] <nil>
}
