#!/bin/sh
# Writes a short synthetic meeting for the transcription example: four
# sentences spoken by espeak-ng, 1 s of silence between them, as a 48 kHz
# stereo WAV, and prints where each sentence is and what it says (see
# examples/audio/make_speech_wav.sh, which does the work).
#
# Slow, clear speech (150 words a minute, about 50 ms between words):
# Whisper tiny.en mishears about 5% of espeak-ng's words at that pace and
# 20% at its brisk default.
# Usage: make_meeting_wav.sh OUT.wav
set -eu

out=${1:?usage: make_meeting_wav.sh OUT.wav}
SPEECH_WPM=150 SPEECH_WORD_GAP=5 exec sh "$(dirname "$0")/../audio/make_speech_wav.sh" "$out" 1.0 \
	"Good morning everyone, thank you for joining the weekly planning meeting." \
	"The new website will be ready for testing next Monday." \
	"Please send me your questions about the budget before Friday." \
	"We will meet again at the same time next week."
