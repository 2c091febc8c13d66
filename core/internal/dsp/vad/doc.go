// Package vad is a voice activity detector for speech sampled at 8 kHz or
// more (it is tuned on 16 kHz). It is a classic feature detector, not a
// neural model: every 10 ms it scores the newest audio in 0..1 from three
// features, then turns the scores into segments with hysteresis and the
// minimum-speech, minimum-silence and padding rules.
//
// Features of each 10 ms hop, the spectral ones from a Hann-windowed 20 ms
// window (the hop and the one before it):
//   - energy above an adaptive noise floor, in dB. The floor starts at the
//     first hop's energy, drops at once to any quieter hop and rises slowly:
//     20 dB/s through hops that do not look like speech, 2 dB/s through hops
//     that do. It counts as at least MinFloorDB (-65 dBFS), so very quiet
//     sound is never speech.
//   - spectral flatness (geometric over arithmetic mean power) in 300–3400
//     Hz, in dB: white noise sits near -2.5 dB, voiced speech, made of
//     harmonics, well below.
//   - the share of the power between 300 and 3400 Hz (the telephone band,
//     where speech has most of its energy): white noise at 16 kHz gives 0.39.
//
// Each maps linearly onto 0..1 (see score.go), and the score is
// sqrt(energy × (flatness + band)/2): loud noise that is flat or out of band
// scores 0, and so does quiet speech-shaped sound. The spectrum is skipped
// when the energy term is already 0.
package vad
