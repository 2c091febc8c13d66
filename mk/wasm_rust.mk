# Rust WASM guests: the SDK (guest/rust/rmnode), built with Debian's rustc
# and its wasm32 standard library (rustup cannot add targets here), driven
# directly, so no cargo and no crates. Each guest is one .rs file with its
# checked-in .wasm beside it. The compiler is pinned: the fixture check
# compares bytes, which only another build by the same rustc reproduces.
.PHONY: wasm-rust wasm-rust-check rust-deps rust-toolchain test-rust-sdk

RUSTC ?= /usr/bin/rustc
RUSTC_VERSION := 1.63.0
RUST_WASM := $(RUSTC) --edition 2021 -C opt-level=3 -C panic=abort --target wasm32-unknown-unknown -C target-feature=+simd128,+bulk-memory
RUST_SDK := guest/rust/rmnode/src/lib.rs
RUST_SDK_SRC := $(wildcard guest/rust/rmnode/src/*.rs)
# Guests, without the .rs / .wasm.
WASM_RUST_GUESTS := examples/wasm/gain_rust/gain examples/wasm/fir_rust/fir core/internal/wasmhost/testdata/rust_probe core/internal/wasmhost/testdata/rust_echo
RUST_PACKAGES := rustc libstd-rust-dev-wasm32
RUST_INSTALL_HINT := apt-get install -y $(RUST_PACKAGES)

# Installs the Debian packages when missing, as speech-deps does (mk/deps.mk).
rust-deps:
	@missing=""; for p in $(RUST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing (Debian packages)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The pinned rustc with its wasm32 std, or a message saying what is missing.
RUST_TOOLCHAIN_OK = command -v $(RUSTC) >/dev/null || { echo "Rust guests need Debian's rustc $(RUSTC_VERSION) at $(RUSTC): $(RUST_INSTALL_HINT)"; exit 1; }; \
	$(RUSTC) --version | grep -q '^rustc $(RUSTC_VERSION)' || { echo "Rust guests are built with rustc $(RUSTC_VERSION) (Debian's), found $$($(RUSTC) --version) at $(RUSTC)"; exit 1; }; \
	test -d "$$($(RUSTC) --print sysroot)/lib/rustlib/wasm32-unknown-unknown" || { echo "$(RUSTC) has no wasm32-unknown-unknown standard library: $(RUST_INSTALL_HINT)"; exit 1; }

rust-toolchain: rust-deps
	@$(RUST_TOOLCHAIN_OK)

# rust_guests OUT_DIR: builds the SDK, then every guest into OUT_DIR/<name>.wasm.
define rust_guests
	set -e; $(RUST_WASM) --crate-type rlib --crate-name rmnode $(RUST_SDK) -o $(1)/librmnode.rlib; \
	for g in $(WASM_RUST_GUESTS); do \
		$(RUST_WASM) --crate-type cdylib --crate-name $$(basename $$g) -C strip=symbols \
			--extern rmnode=$(1)/librmnode.rlib $$g.rs -o $(1)/$$(basename $$g).wasm; \
	done
endef

# Rebuild the checked-in Rust guests.
wasm-rust: rust-toolchain
	@mkdir -p build/rust
	@$(call rust_guests,build/rust)
	@for g in $(WASM_RUST_GUESTS); do echo "cp build/rust/$$(basename $$g).wasm $$g.wasm"; cp build/rust/$$(basename $$g).wasm $$g.wasm; done
wasm-fixtures: wasm-rust

# Fail when a checked-in Rust guest differs from a fresh build; skipped,
# with a note, without the pinned rustc.
wasm-rust-check:
	@if ! ( $(RUST_TOOLCHAIN_OK) ) >/dev/null; then echo "wasm-rust-check: no rustc $(RUSTC_VERSION) with wasm32 ($(RUST_INSTALL_HINT)); Rust guests not checked"; exit 0; fi; \
	tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; stale=0; \
	$(call rust_guests,$$tmp); \
	for g in $(WASM_RUST_GUESTS); do \
		cmp -s $$tmp/$$(basename $$g).wasm $$g.wasm || { echo "stale: $$g.wasm (run make wasm-rust)"; stale=1; }; \
	done; exit $$stale
check: wasm-rust-check

# The SDK's own unit tests (JSON, frames, outputs), natively.
test-rust-sdk: rust-toolchain
	@mkdir -p build/rust
	$(RUSTC) --edition 2021 --test $(RUST_SDK) -o build/rust/rmnode-test
	build/rust/rmnode-test
test: test-rust-sdk
