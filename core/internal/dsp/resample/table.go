package resample

import (
	"math"
	"sync"
)

const (
	// MaxExactPhases is the largest L that gets one table row per phase.
	// It covers every common pair (44.1k→16k is L=160, 44.1k↔48k 160/147).
	MaxExactPhases = 1024
	// InterpolatedPhases is the row count used above MaxExactPhases. Linear
	// interpolation between rows this close errs by about (π/P)²/8 ≈ -118 dB.
	InterpolatedPhases = 1024
	// MaxTableBytes bounds a filter bank's memory, and with it the cost per
	// output: only extreme ratios (decimating by hundreds with a large L)
	// need more. Common pairs need 4 KB to 1.5 MB.
	MaxTableBytes = 32 << 20
)

// table is a polyphase filter bank. Row p holds the taps for the fractional
// input position p/phases; there is one extra row (p = phases) so that
// interpolation between rows p and p+1 never wraps.
//
// A row covers input frames i-past .. i+half for an output at position
// i+frac. The kernel needs 2*half of them; taps rounds that up to a multiple
// of tapBlock with leading zeros, so the dot product never runs a scalar tail.
type table struct {
	phases int
	taps   int
	half   int  // frames after i: the lookahead
	past   int  // frames before i: taps - half - 1
	exact  bool // phases == L: no interpolation needed
	coefs  []float32
	poly   *polyphase // the rows for convAcc when L or M is 1, else nil
}

// tapBlock is the width of the dot product's vector step (AVX2: 8 floats).
const tapBlock = 8

// row returns the taps for phase p.
func (t *table) row(p int) []float32 { return t.coefs[p*t.taps : (p+1)*t.taps : (p+1)*t.taps] }

type tableKey struct {
	l, m    int
	quality Quality
}

// tables caches designs: every stream with the same ratio and quality shares
// one read-only bank.
var tables sync.Map

func tableFor(l, m int, q Quality) *table {
	key := tableKey{l, m, q}
	if t, ok := tables.Load(key); ok {
		return t.(*table)
	}
	t, _ := tables.LoadOrStore(key, designTable(l, m, q.Design()))
	return t.(*table)
}

// designTable builds the Kaiser-windowed sinc bank for output/input = l/m.
// Frequencies are in cycles per input sample.
func designTable(l, m int, d Design) *table {
	nyquist := 0.5 * math.Min(1, float64(l)/float64(m))
	cutoff := nyquist * (d.PassbandEdge + d.StopbandEdge) / 2
	half := halfLength(l, m, d)
	beta := kaiserBeta(d.AttenuationDB)

	taps := (2*half + tapBlock - 1) / tapBlock * tapBlock
	t := &table{half: half, taps: taps, past: taps - half - 1, phases: phaseCount(l)}
	t.exact = t.phases == l
	t.coefs = make([]float32, (t.phases+1)*t.taps)
	kernel := func(x float64) float64 {
		return 2 * cutoff * sinc(2*cutoff*x) * kaiserWindow(x/float64(half), beta)
	}
	row := make([]float64, t.taps)
	for p := 0; p <= t.phases; p++ {
		frac := float64(p) / float64(t.phases)
		sum := 0.0
		for j := range row {
			// Tap j multiplies input frame i-past+j; the padding taps
			// fall outside the window and come out 0.
			row[j] = kernel(frac + float64(t.past-j))
			sum += row[j]
		}
		// Unit DC gain for every phase, so there is no phase-dependent
		// ripple at low frequencies.
		for j, v := range row {
			t.coefs[p*t.taps+j] = float32(v / sum)
		}
	}
	if t.exact {
		t.poly = newPolyphase(t, l, m)
	}
	return t
}

// phaseCount is the number of table rows for an upsampling factor l.
func phaseCount(l int) int {
	if l > MaxExactPhases {
		return InterpolatedPhases
	}
	return l
}

// tableBytes is the memory a bank for l/m at quality d takes.
func tableBytes(l, m int, d Design) int {
	return 4 * (2*halfLength(l, m, d) + tapBlock) * (phaseCount(l) + 1)
}

// halfLength is half the filter's length in input samples: the transition
// band narrows, and the filter grows, with the decimation ratio m/l.
func halfLength(l, m int, d Design) int {
	width := 0.5 * math.Min(1, float64(l)/float64(m)) * (d.StopbandEdge - d.PassbandEdge)
	return (kaiserLength(d.AttenuationDB, width) + 1) / 2
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}
