package manifest

import (
	"fmt"
	"strings"
	"testing"
)

func BenchmarkParse(b *testing.B) {
	chain := func(n int) string {
		var nodes, conns []string
		for i := range n {
			nodes = append(nodes, fmt.Sprintf(`{"id":"n%d","node_type":"AddNode","params":{"addend":%d}}`, i, i))
			if i > 0 {
				conns = append(conns, fmt.Sprintf(`{"from":"n%d","to":"n%d"}`, i-1, i))
			}
		}
		return doc(strings.Join(nodes, ","), strings.Join(conns, ","))
	}
	reg := testRegistry(b)
	for _, n := range []int{2, 100} {
		data := []byte(chain(n))
		b.Run(fmt.Sprintf("chain-%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(data, reg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
