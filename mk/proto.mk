# remotemedia.v1 protocol: Go code generated from proto/ into remote/pb.
# The generated files are committed; `make proto` regenerates them with the
# pinned tools (protoc from grpcio-tools, protoc-gen-go and protoc-gen-go-grpc
# from go.mod's tool directives) and `make check` fails when they are stale.
.PHONY: proto proto-check proto-gen proto-plugins

PROTO_VENV := build/proto-venv
PROTO_BIN := build/proto-bin
PROTO_FILES := $(sort $(wildcard proto/remotemedia/v1/*.proto))
PROTO_OUT := remote/pb
GO_MODULE := github.com/remotemedia/remotemedia

$(PROTO_VENV)/.installed: proto/requirements.txt
	test -x $(PROTO_VENV)/bin/python || $(PYTHON3) -m venv $(PROTO_VENV)
	$(PROTO_VENV)/bin/pip install --quiet --disable-pip-version-check -r proto/requirements.txt
	touch $@

# The plugins are built from the versions go.mod pins.
proto-plugins:
	$(GO) build -o $(PROTO_BIN)/ google.golang.org/protobuf/cmd/protoc-gen-go google.golang.org/grpc/cmd/protoc-gen-go-grpc

# proto-gen writes into PROTO_GEN_DIR (the tree, or a scratch copy for the check).
PROTO_GEN_DIR ?= .
proto-gen: $(PROTO_VENV)/.installed proto-plugins
	mkdir -p $(PROTO_GEN_DIR)/$(PROTO_OUT)
	$(PROTO_VENV)/bin/python -m grpc_tools.protoc -I proto \
		--plugin=protoc-gen-go=$(PROTO_BIN)/protoc-gen-go \
		--plugin=protoc-gen-go-grpc=$(PROTO_BIN)/protoc-gen-go-grpc \
		--go_out=$(PROTO_GEN_DIR) --go_opt=module=$(GO_MODULE) \
		--go-grpc_out=$(PROTO_GEN_DIR) --go-grpc_opt=module=$(GO_MODULE) \
		$(PROTO_FILES)

proto:
	rm -f $(PROTO_OUT)/*.pb.go
	$(MAKE) proto-gen PROTO_GEN_DIR=.

# Regenerate into a scratch directory and compare with the committed files.
proto-check:
	rm -rf build/proto-check && mkdir -p build/proto-check
	$(MAKE) --no-print-directory proto-gen PROTO_GEN_DIR=build/proto-check
	diff -r $(PROTO_OUT) build/proto-check/$(PROTO_OUT) || { echo "proto: generated code is stale: run make proto and commit"; exit 1; }

check: proto-check
