#!/bin/sh
# Writes a 48 kHz stereo 16-bit speech WAV for demos and tests: silence,
# then each sentence spoken by espeak-ng with silence between them, then
# silence. By default the sentences are two fixed phrases. Where each one
# falls is printed, so tests can check detected segments and transcripts:
#   OUT: utterance 1 at 500-3531 ms, utterance 2 at 5031-8770 ms, 9270 ms in all
#   utterance 1: The quick brown fox jumps over the lazy dog.
#   ...
#
# Needs espeak-ng and sox (Debian: apt-get install -y espeak-ng sox).
# Usage: make_speech_wav.sh OUT.wav [GAP_SECONDS [SENTENCE...]]
# SPEECH_WPM (150) and SPEECH_WORD_GAP (0) are espeak-ng's -s and -g: words
# a minute, and extra pause between words in units of about 10 ms.
set -eu

usage="usage: make_speech_wav.sh OUT.wav [GAP_SECONDS [SENTENCE...]]"
out=${1:?$usage}
gap=${2:-1.5}
shift $(($# < 2 ? $# : 2))
[ $# -gt 0 ] || set -- "The quick brown fox jumps over the lazy dog." \
	"Voice activity detection finds the speech in this recording."
lead=0.5  # silence before the first and after the last utterance

for tool in espeak-ng sox soxi; do
	command -v "$tool" >/dev/null || { echo "make_speech_wav.sh: $tool not found (apt-get install -y espeak-ng sox)" >&2; exit 1; }
done

tmp=$(mktemp -d)
# The WAV is written beside OUT and renamed over it, so OUT is never half a file.
partial="$(dirname "$out")/.$(basename "$out").$$.wav"
trap 'rm -rf "$tmp" "$partial"' EXIT

# sox -R seeds its dither, so the same arguments always give the same file.
# espeak-ng speaks at 22.05 kHz mono. Trim the silence it leaves at both
# ends (below 0.1% of full scale), so the printed bounds are where speech
# is, and bring each utterance to 48 kHz stereo.
say() {
	espeak-ng -v en-us -s "${SPEECH_WPM:-150}" -g "${SPEECH_WORD_GAP:-0}" -w "$tmp/raw_$1.wav" "$2"
	sox -R "$tmp/raw_$1.wav" -r 48000 -c 2 -b 16 "$tmp/say_$1.wav" \
		silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse
}
silence() { sox -R -n -r 48000 -c 2 -b 16 "$tmp/$1.wav" trim 0 "$2"; }
silence lead "$lead"
silence gap "$gap"

# Speak each sentence, and list the pieces to join and each one's length.
n=0
parts="$tmp/lead.wav"
for sentence in "$@"; do
	n=$((n + 1))
	say "$n" "$sentence"
	[ "$n" = 1 ] || parts="$parts $tmp/gap.wav"
	parts="$parts $tmp/say_$n.wav"
	soxi -D "$tmp/say_$n.wav" >>"$tmp/durations"
done
# shellcheck disable=SC2086 # the paths are mktemp's, without spaces
sox -R $parts "$tmp/lead.wav" "$partial"
mv "$partial" "$out"

# Where each utterance sits in the file, then what each one says.
awk -v l="$lead" -v g="$gap" -v out="$out" '{
	start = l + total + g * (NR - 1)
	spans = spans sprintf("%sutterance %d at %.0f-%.0f ms", NR > 1 ? ", " : "", NR, start * 1000, (start + $1) * 1000)
	total += $1
} END {
	printf "%s: %s, %.0f ms in all\n", out, spans, (2 * l + total + g * (NR - 1)) * 1000
}' "$tmp/durations"
n=0
for sentence in "$@"; do
	n=$((n + 1))
	echo "utterance $n: $sentence"
done
