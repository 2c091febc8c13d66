package wasmhost

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tetratelabs/wazero/api"
)

// ABIVersion is the only guest ABI this host speaks (docs/WASM_ABI.md).
const ABIVersion = 1

// Guest exports.
const (
	exportMemory     = "memory"
	exportABIVersion = "rm_abi_version"
	exportAlloc      = "rm_alloc"
	exportFree       = "rm_free"
	exportInit       = "rm_init"
	exportProcess    = "rm_process"
	exportFlush      = "rm_flush"
	exportLastError  = "rm_last_error"
	exportKeeps      = "rm_keeps_output" // optional: 1 = host never frees outputs
	exportInitialize = "_initialize"     // WASI reactors: language runtime setup
)

// Host imports, in module HostModule.
const (
	HostModule = "remotemedia"
	importLog  = "log"
	importEmit = "emit"
	wasiModule = "wasi_snapshot_preview1"
)

// errorLen is the out_len a guest returns to signal an error.
const errorLen = 0xFFFFFFFF

type signature struct {
	params, results []api.ValueType
	required        bool
}

var (
	i32 = api.ValueTypeI32
	i64 = api.ValueTypeI64
)

var exportSignatures = map[string]signature{
	exportABIVersion: {nil, []api.ValueType{i32}, true},
	exportAlloc:      {[]api.ValueType{i32}, []api.ValueType{i32}, true},
	exportFree:       {[]api.ValueType{i32, i32}, nil, true},
	exportProcess:    {[]api.ValueType{i32, i32}, []api.ValueType{i64}, true},
	exportInit:       {[]api.ValueType{i32, i32}, []api.ValueType{i32}, false},
	exportFlush:      {nil, []api.ValueType{i64}, false},
	exportLastError:  {nil, []api.ValueType{i64}, false},
	exportKeeps:      {nil, []api.ValueType{i32}, false},
	exportInitialize: {nil, nil, false},
}

var importSignatures = map[string]signature{
	importLog:  {[]api.ValueType{i32, i32, i32}, nil, false},
	importEmit: {[]api.ValueType{i32, i32}, nil, false},
}

// checkABI lists every way a compiled module breaks the ABI: missing or
// mistyped exports, no exported memory, imports the host does not provide.
func checkABI(exports map[string]api.FunctionDefinition, memories map[string]api.MemoryDefinition, imports []api.FunctionDefinition) []string {
	var problems []string
	names := make([]string, 0, len(exportSignatures))
	for name := range exportSignatures {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		want := exportSignatures[name]
		def, ok := exports[name]
		if !ok {
			if want.required {
				problems = append(problems, fmt.Sprintf("missing export %s %s", name, want))
			}
			continue
		}
		if got := (signature{params: def.ParamTypes(), results: def.ResultTypes()}); !got.same(want) {
			problems = append(problems, fmt.Sprintf("export %s has type %s, want %s", name, got, want))
		}
	}
	if _, ok := memories[exportMemory]; !ok {
		problems = append(problems, "missing export memory (the guest's linear memory)")
	}
	for _, def := range imports {
		mod, name, _ := def.Import()
		switch mod {
		case wasiModule:
			// Served by the sandboxed WASI implementation.
		case HostModule:
			want, ok := importSignatures[name]
			got := signature{params: def.ParamTypes(), results: def.ResultTypes()}
			if !ok {
				problems = append(problems, fmt.Sprintf("imports %s.%s, which the host does not provide (it provides log and emit)", mod, name))
			} else if !got.same(want) {
				problems = append(problems, fmt.Sprintf("imports %s.%s with type %s, want %s", mod, name, got, want))
			}
		default:
			problems = append(problems, fmt.Sprintf("imports %s.%s; only %s and %s imports are allowed", mod, name, HostModule, wasiModule))
		}
	}
	return problems
}

func (s signature) same(o signature) bool {
	return string(s.params) == string(o.params) && string(s.results) == string(o.results)
}

func (s signature) String() string {
	return "(" + typeNames(s.params) + ") -> (" + typeNames(s.results) + ")"
}

func typeNames(ts []api.ValueType) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = api.ValueTypeName(t)
	}
	return strings.Join(names, ", ")
}

// unpack splits an rm_process / rm_flush / rm_last_error result.
func unpack(v uint64) (ptr, length uint32) { return uint32(v >> 32), uint32(v) }
