package core_test

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core"
)

func ExampleCleanText() {
	fmt.Println(core.CleanText("\x1b[2Jok\nerror: forged \xff", 0))
	fmt.Println(core.CleanText("a long message", 6))
	// Output:
	// \x1b[2Jok\nerror: forged \xff
	// a long... [8 more bytes]
}
