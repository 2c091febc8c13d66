package executor

import (
	"context"
	"fmt"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

func chainPlan(b *testing.B, length int) *Plan {
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
	return planOf(b, ids, specs, edges...)
}

// BenchmarkRunBatch runs batches of 10,000 items through chains of
// PassThrough nodes; ns/hop is the cost per node per item.
func BenchmarkRunBatch(b *testing.B) {
	const items = 10_000
	inputs := make([]*frame.Frame, items)
	for i := range inputs {
		inputs[i] = frame.JSON(1)
	}
	for _, length := range []int{1, 10} {
		b.Run(fmt.Sprintf("nodes=%d", length), func(b *testing.B) {
			plan := chainPlan(b, length)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := RunBatch(context.Background(), plan, Options{}, inputs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*items*length), "ns/hop")
		})
	}
}

// BenchmarkChain streams b.N items through a chain of PassThrough nodes and
// reports the cost per node per item ("ns/hop"), the figure the design
// budget caps at 500 ns.
func BenchmarkChain(b *testing.B) {
	for _, length := range []int{1, 10} {
		b.Run(fmt.Sprintf("nodes=%d", length), func(b *testing.B) {
			plan := chainPlan(b, length)
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
