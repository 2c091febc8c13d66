// Package resample converts interleaved float32 audio from any sample rate to
// any other, streaming: state carries across calls, so a stream cut into
// chunks of any size gives the same samples as one call.
//
// It is a rational L/M polyphase resampler with a Kaiser-windowed sinc
// kernel, the cut-off at the lower of the two Nyquist frequencies. When L
// (the output rate divided by gcd(in, out)) is at most MaxExactPhases, every
// output phase has its own exact row of taps; otherwise the table holds
// InterpolatedPhases rows and each output interpolates linearly between the
// two nearest ones. Integer ratios run a block of outputs per kernel call,
// vectorised across outputs (convAcc); other exact ratios run a block of
// inner products per call (dotRows). Both have AVX2+FMA kernels on amd64 and
// pure-Go forms elsewhere; the highest level, VeryHigh, is at least as good
// as python-soxr's HQ on its benchmark (docs/PERFORMANCE.md).
//
// Timing and length rule: output sample k is the band-limited value of the
// input signal at time k/outRate, where input sample n sits at n/inRate
// (the filter is zero-phase, so there is no delay to compensate). A stream of
// n input frames, ended with Flush, yields exactly ceil(n*outRate/inRate)
// output frames: one for every output instant in [0, n/inRate).
package resample
