# Browser runtime (browser-demo/): the Go engine built with GOOS=js into a
# static site, its server, and the end-to-end test in headless Chromium.
.PHONY: web serve-web test-browser test-web-engine web-deps chromium vet-web
test: test-browser test-web-engine
check: vet-web
build: web

WEB_DIR   := browser-demo
WEB_DIST  := $(WEB_DIR)/dist
WEB_PORT  ?= 8080
CHROMIUM  ?= /usr/bin/chromium
# The engine links only core/ and the entry point; rebuild when they change.
WEB_ENGINE_SOURCES := $(shell find core speech $(WEB_DIR)/engine -name '*.go' -not -name '*_test.go' 2>/dev/null) go.mod go.sum
WEB_SOURCES := $(shell find $(WEB_DIR)/src $(WEB_DIR)/examples $(WEB_DIR)/tools python/remotemedia -type f 2>/dev/null) \
	$(WEB_DIR)/build.mjs speech/models.go $(wildcard examples/*.json examples/wasm/*/*.wasm) examples/audio/speech.json examples/speech/vad.json

web: $(WEB_DIST)/index.html

# -s -w drops DWARF and the symbol table: 3% smaller, and browsers cannot
# use either.
$(WEB_DIST)/remotemedia.wasm: $(WEB_ENGINE_SOURCES)
	@mkdir -p $(WEB_DIST)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./$(WEB_DIR)/engine

# The smart-turn model comes from the venv's pipecat-ai (speech-models).
$(WEB_DIST)/index.html: $(WEB_DIST)/remotemedia.wasm $(WEB_SOURCES) $(WEB_DIR)/node_modules/.package-lock.json $(SPEECH_STAMP)
	cd $(WEB_DIR) && node build.mjs --wasm-exec "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" --venv $(abspath $(VENV))

# npm ci installs exactly package-lock.json: Pyodide, fflate, playwright-core.
web-deps: $(WEB_DIR)/node_modules/.package-lock.json
$(WEB_DIR)/node_modules/.package-lock.json: $(WEB_DIR)/package.json $(WEB_DIR)/package-lock.json
	cd $(WEB_DIR) && npm ci --no-audit --no-fund

serve-web: web
	node $(WEB_DIR)/serve.mjs $(WEB_DIST) $(WEB_PORT)

# Debian's Chromium; never a downloaded browser build.
chromium:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The parity tests compare with the CLI, so they need bin/remotemedia; the
# session test also feeds the speech WAV and compares audio with the CLI
# built on the resampler's pure-Go kernels, the ones js/wasm runs; the
# Python audio test compares with CPython, so it needs the venv.
# silero.test.mjs and turn.test.mjs compare SileroVADNode and
# TurnDetectorNode with the CLI, which runs them on the venv's ONNX Runtime
# and models.
test-browser: speech-models
test-browser: web chromium bin/remotemedia bin/remotemedia-purego $(SPEECH_WAV) python-install
	cd $(WEB_DIR) && CHROMIUM=$(CHROMIUM) REMOTEMEDIA_CLI=$(CURDIR)/bin/remotemedia \
		REMOTEMEDIA_PYTHON=$(abspath $(VENV_PY)) \
		REMOTEMEDIA_CLI_PUREGO=$(CURDIR)/bin/remotemedia-purego SPEECH_WAV=$(CURDIR)/$(SPEECH_WAV) \
		node --test --test-concurrency=1 test/

# purego,noasm turns off every assembly kernel (ours and gonum's).
bin/remotemedia-purego: $(CLI_SOURCES)
	$(GO) build -tags purego,noasm -o $@ ./cmd/remotemedia

# The engine entry point builds only for js/wasm: its unit tests run under
# Node with Go's own js/wasm exec wrapper, and so does core/logmel's check
# that the page computes the CLI's smart-turn features bit for bit.
test-web-engine:
	PATH="$$PATH:$$($(GO) env GOROOT)/lib/wasm" GOOS=js GOARCH=wasm $(GO) test -count=1 ./$(WEB_DIR)/engine ./core/logmel

# The engine entry point builds only for js/wasm, so `go vet ./...` skips it.
vet-web:
	GOOS=js GOARCH=wasm $(GO) vet ./$(WEB_DIR)/engine
