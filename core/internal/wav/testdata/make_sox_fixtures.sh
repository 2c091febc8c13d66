#!/bin/sh
# Rebuilds the sox_*.wav fixtures: the same 10 ms, 440 Hz, -3 dB sine at
# 8 kHz in every encoding sox writes (sox 14.4.2, Debian package "sox").
# -D disables dither so every file holds the same signal to within 1 LSB.
# Run from this directory: sh make_sox_fixtures.sh
set -eu
gen() { sox -D -n -r 8000 "$@" synth 0.01 sine 440 gain -3; }
gen -c 1 -b 8 -e unsigned-integer sox_u8_mono.wav
gen -c 2 -b 16 -e signed-integer sox_s16_stereo.wav
gen -c 3 -b 24 -e signed-integer sox_s24_3ch.wav
gen -c 2 -b 32 -e signed-integer sox_s32_stereo.wav
gen -c 1 -b 32 -e floating-point sox_f32_mono.wav
gen -c 2 -b 64 -e floating-point sox_f64_stereo.wav
gen -c 1 -b 8 -e mu-law sox_ulaw_mono.wav
gen -c 2 -b 8 -e a-law sox_alaw_stereo.wav
