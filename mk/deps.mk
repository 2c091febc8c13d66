# System packages from Debian that examples and tests use. Targets that need
# them depend on `speech-deps`, so `make run` and `make test` work on a fresh
# machine without a separate setup step.
.PHONY: speech-deps

# espeak-ng speaks the test utterances; sox trims and joins them.
SPEECH_PACKAGES := espeak-ng sox

speech-deps:
	@missing=""; for p in $(SPEECH_PACKAGES); do command -v $$p >/dev/null || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing (Debian packages)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
