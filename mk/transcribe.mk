# The main job `make run` shows: synthesise a short meeting with espeak-ng
# and sox, then transcribe it with the pip-installed remotemedia
# (examples/speech/transcribe.json: VAD, then Whisper on the utterances). Every
# prerequisite installs itself, so it works on a fresh machine.
.PHONY: meeting-wav run-transcribe bench-transcribe

MEETING_WAV ?= build/meeting.wav

meeting-wav: $(MEETING_WAV)
$(MEETING_WAV): examples/speech/make_meeting_wav.sh examples/audio/make_speech_wav.sh | speech-deps
	@mkdir -p $(dir $@)
	sh examples/speech/make_meeting_wav.sh $@

# --jsonl prints each transcript on its own line, as soon as it is ready.
run-transcribe: python-install speech-models stt-models speech-deps $(MEETING_WAV)
	@echo "$$ remotemedia run examples/speech/transcribe.json --input-wav $(MEETING_WAV) --jsonl"
	@$(VENV)/bin/remotemedia run examples/speech/transcribe.json --input-wav $(MEETING_WAV) --jsonl

# The example against the plain faster-whisper script, on 60 s of speech
# (figures in docs/PERFORMANCE.md).
bench: bench-transcribe
bench-transcribe: python-install speech-models stt-models speech-deps
	cd /tmp && $(abspath $(VENV_PY)) $(CURDIR)/python/benchmarks/bench_transcribe.py
