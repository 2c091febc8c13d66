package executor

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestCounters_Percentiles(t *testing.T) {
	var c counters
	for i := 1; i <= 100; i++ {
		c.observe(time.Duration(i) * time.Microsecond)
	}
	p := c.latency.percentiles(0.5, 0.99)
	// The histogram is log-linear with 4 sub-buckets: within 19% above.
	assert.InDelta(t, float64(50*time.Microsecond), float64(p[0]), float64(10*time.Microsecond))
	assert.InDelta(t, float64(99*time.Microsecond), float64(p[1]), float64(19*time.Microsecond))
}

func TestBucketOf_UpperBoundContainsValue(t *testing.T) {
	for _, ns := range []uint64{0, 1, 3, 4, 5, 7, 8, 100, 1023, 1024, 1 << 40} {
		b := bucketOf(ns)
		assert.GreaterOrEqual(t, bucketUpper(b), ns, "value %d bucket %d", ns, b)
		if b > 0 {
			assert.Less(t, bucketUpper(b-1), ns, "value %d bucket %d", ns, b)
		}
	}
}
