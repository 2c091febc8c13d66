# RemoteMedia build. Each area keeps its targets in mk/<area>.mk; this file
# wires them into the two commands the README promises: `make run` and
# `make test`.
SHELL := /bin/bash
GO ?= go
export CGO_ENABLED ?= 1

.PHONY: all build run test test-go bench check
all: build

# Transcription is the main job, so `make run` runs it first (mk/transcribe.mk).
run: run-transcribe

include $(sort $(wildcard mk/*.mk))
