package executor

import (
	"context"
	"fmt"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// chainPlan is a chain of light PassThrough nodes, fused into one worker
// unless fused is false.
func chainPlan(b *testing.B, length int, fused bool) *Plan {
	ids := make([]string, length)
	specs := map[string]*node.Spec{}
	var edges [][2]string
	for i := range ids {
		ids[i] = fmt.Sprintf("n%d", i)
		specs[ids[i]] = light(passThrough())
		if i > 0 {
			edges = append(edges, [2]string{ids[i-1], ids[i]})
		}
	}
	plan := planOf(b, ids, specs, edges...)
	plan.NoFusion = !fused
	return plan
}

var fusion = []struct {
	name string
	on   bool
}{{"unfused", false}, {"fused", true}}

// BenchmarkRunBatch runs batches of 10,000 items through chains of
// PassThrough nodes; ns/hop is the cost per node per item.
func BenchmarkRunBatch(b *testing.B) {
	const items = 10_000
	inputs := make([]*frame.Frame, items)
	for i := range inputs {
		inputs[i] = frame.JSON(1)
	}
	for _, length := range []int{1, 10} {
		for _, fu := range fusion {
			b.Run(fmt.Sprintf("nodes=%d/%s", length, fu.name), func(b *testing.B) {
				plan := chainPlan(b, length, fu.on)
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
}

// BenchmarkChain streams b.N items through a chain of PassThrough nodes and
// reports the cost per node per item ("ns/hop"), the figure the design
// budget caps at 500 ns.
func BenchmarkChain(b *testing.B) {
	for _, length := range []int{1, 10} {
		for _, fu := range fusion {
			b.Run(fmt.Sprintf("nodes=%d/%s", length, fu.name), func(b *testing.B) {
				benchmarkStream(b, chainPlan(b, length, fu.on), length)
			})
		}
	}
}

// benchmarkStream streams b.N items through plan, one Send each, and
// reports ns per node per item.
func benchmarkStream(b *testing.B, plan *Plan, length int) {
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
}

// BenchmarkChainLatency sends one item at a time and waits for its output,
// as a live stream of 20 ms audio frames does: ns/op is the time an item
// takes through the chain when nothing is queued, where every unfused hop
// wakes the next node's goroutine.
func BenchmarkChainLatency(b *testing.B) {
	for _, fu := range fusion {
		b.Run("nodes=10/"+fu.name, func(b *testing.B) {
			r, err := Start(context.Background(), chainPlan(b, 10, fu.on), Options{})
			if err != nil {
				b.Fatal(err)
			}
			in := frame.JSON(1)
			for b.Loop() {
				if err := r.Send(context.Background(), in); err != nil {
					b.Fatal(err)
				}
				<-r.Outputs()
			}
			r.CloseInput()
			for range r.Outputs() {
			}
			if err := r.Wait(); err != nil {
				b.Fatal(err)
			}
		})
	}
}
