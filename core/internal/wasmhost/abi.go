package wasmhost

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tetratelabs/wazero"
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

// providedImports is every function the host's own modules export, by
// module and name: what a guest may import, read from the modules
// themselves so the check cannot drift from what instantiation links.
type providedImports map[string]map[string]signature

func newProvidedImports(r wazero.Runtime, modules ...string) providedImports {
	p := providedImports{}
	for _, mod := range modules {
		p[mod] = map[string]signature{}
		for name, def := range r.Module(mod).ExportedFunctionDefinitions() {
			p[mod][name] = signature{params: def.ParamTypes(), results: def.ResultTypes()}
		}
	}
	return p
}

// checkABI lists every way a compiled module breaks the ABI: missing or
// mistyped exports, no exported memory, imports the host does not provide
// or provides with another type.
func checkABI(compiled wazero.CompiledModule, provided providedImports) []string {
	exports, memories := compiled.ExportedFunctions(), compiled.ExportedMemories()
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
	for _, def := range compiled.ImportedFunctions() {
		mod, name, _ := def.Import()
		funcs, known := provided[mod]
		want, ok := funcs[name]
		got := signature{params: def.ParamTypes(), results: def.ResultTypes()}
		switch {
		case !known:
			problems = append(problems, fmt.Sprintf("imports %s.%s; only %s and %s imports are allowed", mod, name, HostModule, wasiModule))
		case !ok:
			problems = append(problems, fmt.Sprintf("imports %s.%s, which the host does not provide (see docs/WASM_ABI.md, Imports)", mod, name))
		case !got.same(want):
			problems = append(problems, fmt.Sprintf("imports %s.%s with type %s, want %s", mod, name, got, want))
		}
	}
	for _, def := range compiled.ImportedMemories() {
		mod, name, _ := def.Import()
		problems = append(problems, fmt.Sprintf("imports memory %s.%s; the host provides no memory (export one named %s)", mod, name, exportMemory))
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
