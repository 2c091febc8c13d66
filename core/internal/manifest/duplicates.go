package manifest

import (
	"github.com/remotemedia/remotemedia/core/internal/echo"
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

// checkDuplicateKeys reports every key that repeats within one object. A
// decoder keeps the last value silently, so {"addend": 1, "addend": 2} would
// run with 2 while a reader of the file sees 1.
func checkDuplicateKeys(data []byte, c *collector) {
	for _, p := range jsonx.DuplicateKeys(data) {
		path := "$"
		for _, step := range p {
			switch s := step.(type) {
			case string:
				path = field(path, s)
			case int:
				path = elem(path, s)
			}
		}
		key := p[len(p)-1].(string)
		c.addf(path, "duplicate key %s: JSON keeps only one of its values; remove the others", echo.Quote(key))
	}
}
