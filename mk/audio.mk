# Audio: WAV I/O (core/internal/wav) and the simple audio nodes
# (core/internal/nodes/audio_*.go), plus the speech example's test WAV.
# The speech test and the sox interop test need espeak-ng and sox
# (Debian: apt-get install -y espeak-ng sox).
.PHONY: test-audio fuzz-wav bench-wav bench-audio-nodes speech-wav run-audio

AUDIO_NODE_TESTS = Audio(Chunker|Gain|Mix|Format|Level|Of|Clock)|MetaInt
# Counts, not durations: a duration -fuzztime can fail with a spurious
# "context deadline exceeded" on Go 1.26 (golang/go#75804).
FUZZ_WAV_TIME ?= 100000x
BENCH_COUNT ?= 5
SPEECH_WAV ?= build/speech.wav

# go.mk's test-go and bench-go already run these packages' tests and the
# nodes' benchmarks; test-audio and bench-audio-nodes are for working on
# audio alone. bench-audio (mk/dsp.mk) gathers every audio benchmark.
test: fuzz-wav
run: run-audio
bench-audio: bench-wav

test-audio:
	$(GO) test -race -count=1 ./core/internal/wav/...
	$(GO) test -race -count=1 -run '$(AUDIO_NODE_TESTS)' ./core/internal/nodes/
	$(GO) test -race -count=1 ./examples/audio/

# A short fuzz run of the WAV reader. The seed corpus is the sox fixtures in
# core/internal/wav/testdata plus testdata/fuzz/FuzzRead; a failing input
# found here is saved there too, so commit it as a regression case.
fuzz-wav:
	$(GO) test ./core/internal/wav -run '^$$' -fuzz FuzzRead -fuzztime $(FUZZ_WAV_TIME) -fuzzminimizetime 1000x

# 1 s of 48 kHz stereo through the WAV reader (in 20 ms blocks) and writer.
bench-wav:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) ./core/internal/wav/

# 1 s of 48 kHz stereo through gain, mix and chunker.
bench-audio-nodes:
	$(GO) test -run '^$$' -bench 'Audio(Gain|Mix|Chunker)' -benchmem -count $(BENCH_COUNT) ./core/internal/nodes/

# 48 kHz stereo speech with silence between two utterances, for demos.
speech-wav: $(SPEECH_WAV)
$(SPEECH_WAV): examples/audio/make_speech_wav.sh | speech-deps
	@mkdir -p $(dir $@)
	sh examples/audio/make_speech_wav.sh $@

# The speech example: prints the segments VAD finds in the recording.
run-audio: bin/remotemedia $(SPEECH_WAV)
	@echo "$$ remotemedia run examples/audio/speech.json --input-wav $(SPEECH_WAV) --frame-ms 20"
	@bin/remotemedia run examples/audio/speech.json --input-wav $(SPEECH_WAV) --frame-ms 20
