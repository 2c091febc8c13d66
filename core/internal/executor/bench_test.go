package executor

import (
	"context"
	"fmt"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// BenchmarkChain streams b.N items through a chain of PassThrough nodes and
// reports the cost per node per item ("ns/hop"), the figure the design
// budget caps at 500 ns.
func BenchmarkChain(b *testing.B) {
	for _, length := range []int{1, 10} {
		b.Run(fmt.Sprintf("nodes=%d", length), func(b *testing.B) {
			ids := make([]string, length)
			specs := map[string]*node.Spec{}
			var edges [][2]string
			for i := range ids {
				ids[i] = fmt.Sprintf("n%d", i)
				specs[ids[i]] = passThrough()
				if i > 0 {
					edges = append(edges, [2]string{ids[i-1], ids[i]})
				}
			}
			plan := planOf(b, ids, specs, edges...)
			in := frame.JSON(1)
			b.ReportAllocs()
			b.ResetTimer()
			r, err := Start(context.Background(), plan, Options{})
			if err != nil {
				b.Fatal(err)
			}
			go func() {
				defer r.CloseInput()
				for range b.N {
					if r.Send(context.Background(), in) != nil {
						return
					}
				}
			}()
			n := 0
			for range r.Outputs() {
				n++
			}
			if err := r.Wait(); err != nil || n != b.N {
				b.Fatalf("got %d outputs, err %v", n, err)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(length), "ns/hop")
		})
	}
}
