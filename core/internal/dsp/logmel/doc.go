// Package logmel computes the Whisper log-mel spectrogram that Whisper-style
// models (smart-turn, Whisper itself) take as input. It follows Hugging Face
// transformers' WhisperFeatureExtractor, which smart-turn was trained on:
// zero-mean unit-variance waveform, centred STFT (reflect padding, periodic
// Hann window, n_fft 400, hop 160), an 80-band Slaney mel filterbank over
// 0–8 kHz, log10 with a 1e-10 floor, clamp to max−8, then (x+4)/4.
//
// It is pure Go so the browser build can use it too.
package logmel
