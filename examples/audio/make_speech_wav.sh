#!/bin/sh
# Writes a 48 kHz stereo 16-bit speech WAV for demos and tests: silence,
# an utterance, silence, a second utterance, silence. The spoken parts and
# where they fall are printed, so tests can check detected segments.
#
# Needs espeak-ng and sox (Debian: apt-get install -y espeak-ng sox).
# Usage: make_speech_wav.sh OUT.wav [GAP_SECONDS]
set -eu

out=${1:?usage: make_speech_wav.sh OUT.wav [GAP_SECONDS]}
gap=${2:-1.5}
lead=0.5  # silence before the first and after the last utterance

for tool in espeak-ng sox soxi; do
	command -v "$tool" >/dev/null || { echo "make_speech_wav.sh: $tool not found (apt-get install -y espeak-ng sox)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# espeak-ng speaks at 22.05 kHz mono. Trim the silence it leaves at both
# ends (below 0.1% of full scale), so the printed bounds are where speech
# is, and bring each utterance to 48 kHz stereo.
say() {
	espeak-ng -v en-us -s 150 -w "$tmp/raw_$1.wav" "$2"
	sox "$tmp/raw_$1.wav" -r 48000 -c 2 -b 16 "$tmp/say_$1.wav" \
		silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse
}
say 1 "The quick brown fox jumps over the lazy dog."
say 2 "Voice activity detection finds the speech in this recording."

silence() { sox -n -r 48000 -c 2 -b 16 "$tmp/$1.wav" trim 0 "$2"; }
silence lead "$lead"
silence gap "$gap"

sox "$tmp/lead.wav" "$tmp/say_1.wav" "$tmp/gap.wav" "$tmp/say_2.wav" "$tmp/lead.wav" "$out"

# Where each utterance sits in the file.
d1=$(soxi -D "$tmp/say_1.wav")
d2=$(soxi -D "$tmp/say_2.wav")
awk -v l="$lead" -v g="$gap" -v d1="$d1" -v d2="$d2" -v out="$out" 'BEGIN {
	s2 = l + d1 + g
	printf "%s: utterance 1 at %.0f-%.0f ms, utterance 2 at %.0f-%.0f ms, %.0f ms in all\n",
		out, l * 1000, (l + d1) * 1000, s2 * 1000, (s2 + d2) * 1000, (s2 + d2 + l) * 1000
}'
