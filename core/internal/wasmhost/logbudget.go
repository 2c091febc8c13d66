package wasmhost

import "time"

// Guest logs are rate-limited per instance, so a guest cannot flood the
// host's log (or its disk) however many calls it makes: a burst of
// LogBurstBytes, then LogRateBytes per second. Each message costs its
// length plus logMessageCost, so empty messages are limited too.
const (
	LogBurstBytes  = 64 << 10
	LogRateBytes   = 4 << 10
	logMessageCost = 64
	// logNoteEvery spaces the notes that say how many messages were dropped.
	logNoteEvery = time.Second
)

// logBudget is a token bucket of log bytes. It is used only by the
// instance's own calls, so it needs no lock.
type logBudget struct {
	tokens   float64
	last     time.Time // when tokens was computed
	dropped  int       // messages dropped since the last note
	lastNote time.Time
}

// allow charges one message of n bytes at now. It returns whether to log
// it and, when a note about dropped messages is due, how many were dropped.
func (b *logBudget) allow(n int, now time.Time) (ok bool, dropped int) {
	if b.last.IsZero() {
		b.tokens, b.lastNote = LogBurstBytes, now
	} else {
		b.tokens = min(LogBurstBytes, b.tokens+now.Sub(b.last).Seconds()*LogRateBytes)
	}
	b.last = now
	cost := float64(n + logMessageCost)
	if b.tokens < cost {
		b.dropped++
		return false, 0
	}
	b.tokens -= cost
	if b.dropped > 0 && now.Sub(b.lastNote) >= logNoteEvery {
		dropped, b.dropped, b.lastNote = b.dropped, 0, now
	}
	return true, dropped
}

// pending takes the count of dropped messages not yet noted, for the last
// note when the instance closes.
func (b *logBudget) pending() int {
	n := b.dropped
	b.dropped = 0
	return n
}
