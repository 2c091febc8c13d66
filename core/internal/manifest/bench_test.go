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

// BenchmarkParse_ManyProblems is issue 9's quadratic validation: 100k
// unknown connection ids took 160 s, and 1,000 ids of 1,000 characters 153 s.
func BenchmarkParse_ManyProblems(b *testing.B) {
	unknown := func(n, idLen int) []byte {
		conns := make([]string, n)
		for i := range conns {
			id := fmt.Sprintf("u%d", i)
			id += strings.Repeat("x", max(0, idLen-len(id)))
			conns[i] = fmt.Sprintf(`{"from":"a","to":%q}`, id)
		}
		return []byte(doc(`{"id":"a","node_type":"AddNode","params":{"addend":1}}`, strings.Join(conns, ",")))
	}
	reg := testRegistry(b)
	for _, tc := range []struct {
		name     string
		n, idLen int
	}{
		{"unknown-ids-100k", 100_000, 8},
		{"long-unknown-ids-1k", 1000, 1000},
	} {
		data := unknown(tc.n, tc.idLen)
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(data, reg); err == nil {
					b.Fatal("want problems")
				}
			}
		})
	}
}
