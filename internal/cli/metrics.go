package cli

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/remotemedia/remotemedia/core"
)

// writeMetrics prints one row per node: counters, busy time, Process
// latency percentiles and input queue depth/capacity; then one row per
// sink: its latency from input.
func writeMetrics(w io.Writer, metrics []core.NodeMetrics) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "node\ttype\tin\tout\terrors\tbusy\tp50\tp95\tp99\tqueue")
	for _, m := range metrics {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%d/%d\n",
			m.ID, m.Type, m.In, m.Out, m.Errors,
			shortDuration(m.Busy), shortDuration(m.P50), shortDuration(m.P95), shortDuration(m.P99),
			m.QueueDepth, m.QueueCap)
	}
	tw.Flush()
	writeFromInput(w, metrics)
}

// writeFromInput prints each sink's latency from input: for each output,
// from when the input it derives from entered the run to when the sink
// emitted it.
func writeFromInput(w io.Writer, metrics []core.NodeMetrics) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "sink\toutputs\tfrom-input p50\tp95\tp99")
	for _, m := range metrics {
		if l := m.FromInput; l != nil {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n",
				m.ID, l.Count, shortDuration(l.P50), shortDuration(l.P95), shortDuration(l.P99))
		}
	}
	tw.Flush()
}

// shortDuration keeps three significant digits: the percentiles come from a
// histogram accurate to about 19%, so more digits would be noise.
func shortDuration(d time.Duration) string {
	for unit := time.Duration(1); unit <= time.Hour; unit *= 10 {
		if d < 1000*unit {
			return d.Round(unit).String()
		}
	}
	return d.Round(time.Second).String()
}
