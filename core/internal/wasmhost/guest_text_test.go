package wasmhost

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newSay instantiates testdata/say.wasm, logging to logs.
func newSay(t *testing.T, logs *bytes.Buffer) *Instance {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	mod, err := newTestHost(t, NewConfig().WithLogger(logger)).Compile(context.Background(), "say", readFixture(t, "say.wasm"))
	require.NoError(t, err)
	inst, err := mod.Instantiate(context.Background())
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, inst.Close(context.Background())) })
	return inst
}

func TestInstance_guestText_isSafeToShow(t *testing.T) {
	hostile := "E\x1b[2J\x1b]0;owned\x07\x00\xff\nerror: forged"
	var logs bytes.Buffer
	inst := newSay(t, &logs)
	err := inst.Process(context.Background(), frame.Bytes([]byte(hostile)), &collect{})
	require.Error(t, err)
	want := `E\x1b[2J\x1b]0;owned\x07\x00\xff\nerror: forged`
	assert.Equal(t, "wasm:say: rm_process: "+want, err.Error())
	// The text handler quotes the message; the escapes were already in it.
	assert.Contains(t, logs.String(), "msg="+strconv.Quote(want))
	assert.Equal(t, 1, strings.Count(logs.String(), "\n"), "one log line, whatever the guest wrote")
}

func TestInstance_guestText_isCapped(t *testing.T) {
	var logs bytes.Buffer
	inst := newSay(t, &logs)
	huge := "E" + strings.Repeat("x", 16<<20)
	err := inst.Process(context.Background(), frame.Text(huge), &collect{})
	require.Error(t, err)
	assert.Less(t, len(err.Error()), MaxGuestMessage+100)
	assert.Contains(t, err.Error(), fmt.Sprintf("... [%d more bytes]", len(huge)-MaxGuestMessage))
	assert.Less(t, logs.Len(), MaxGuestMessage+200)
	assert.True(t, utf8.ValidString(err.Error()))
}

func TestInstance_guestLogs_haveABudget(t *testing.T) {
	var logs bytes.Buffer
	inst := newSay(t, &logs)
	const calls = 100_000
	msg := "log line of about sixty-four bytes, over and over again......"
	start := time.Now()
	for range calls {
		require.NoError(t, inst.Process(context.Background(), frame.Text(msg), &collect{}))
	}
	elapsed := time.Since(start)
	require.NoError(t, inst.Close(context.Background()))
	// What the budget allows in the time the test took (17 MB before it).
	allowed := (LogBurstBytes + LogRateBytes*elapsed.Seconds()) / float64(len(msg)+logMessageCost)
	logged := strings.Count(logs.String(), msg)
	assert.LessOrEqual(t, float64(logged), allowed+1)
	assert.GreaterOrEqual(t, logged, LogBurstBytes/(len(msg)+logMessageCost), "the burst is logged")
	assert.Contains(t, logs.String(), "guest log messages dropped: over the log budget (64 KiB, then 4 KiB/s per instance)")
}

func TestLogBudget_refills(t *testing.T) {
	var b logBudget
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	allowed := 0
	for range 10_000 {
		if ok, _ := b.allow(100, now); ok {
			allowed++
		}
	}
	assert.Equal(t, LogBurstBytes/(100+logMessageCost), allowed, "the burst")
	later := now.Add(2 * logNoteEvery)
	ok, dropped := b.allow(100, later)
	assert.True(t, ok, "refilled after two seconds")
	assert.Equal(t, 10_000-allowed, dropped, "the note counts what was dropped")
	assert.Zero(t, b.pending())
}
