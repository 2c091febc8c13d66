package wasmhost

import "bytes"

// Hostile modules are written as bytes here, so each test builds exactly
// the shape it needs (100k nested blocks, a huge table) without fixtures.

// Function types of genModule, by index.
const (
	genTypeVoidI32  = iota // () -> i32
	genTypeI32I32          // (i32) -> i32
	genTypeI32x2           // (i32, i32) -> ()
	genTypeI32x2I64        // (i32, i32) -> i64
	genTypeI32x2I32        // (i32, i32) -> i32
	genTypeVoid            // () -> ()
)

// genModule is an ABI v1 module: memory, rm_abi_version, rm_alloc (always
// 1024), rm_free, rm_process (process, of type (i32, i32) -> i64) and, when
// extra is set, an export "extra" of type (i32, i32) -> i32; then one
// unexported () -> () function per fillers body. tables is the table
// section's vector of tables, nil for none; custom is a custom section.
type genModule struct {
	memoryPages uint32
	tables      [][]byte
	process     []byte // body: locals and code, without the size prefix
	extra       []byte
	fillers     [][]byte
	custom      []byte
}

func (g genModule) bytes() []byte {
	types := [][]byte{
		{0x60, 0, 1, 0x7f},
		{0x60, 1, 0x7f, 1, 0x7f},
		{0x60, 2, 0x7f, 0x7f, 0},
		{0x60, 2, 0x7f, 0x7f, 1, 0x7e},
		{0x60, 2, 0x7f, 0x7f, 1, 0x7f},
		{0x60, 0, 0},
	}
	funcs := [][]byte{{genTypeVoidI32}, {genTypeI32I32}, {genTypeI32x2}, {genTypeI32x2I64}}
	code := [][]byte{
		genBody(0, 0x41, 1, 0x0b),            // rm_abi_version: i32.const 1
		genBody(0, 0x41, 0x80, 0x08, 0x0b),   // rm_alloc: i32.const 1024
		genBody(0, 0x0b),                     // rm_free
		genBody(orDefaultBody(g.process)...), // rm_process
	}
	exports := [][]byte{
		genExport("memory", 2, 0),
		genExport("rm_abi_version", 0, 0),
		genExport("rm_alloc", 0, 1),
		genExport("rm_free", 0, 2),
		genExport("rm_process", 0, 3),
	}
	if g.extra != nil {
		funcs = append(funcs, []byte{genTypeI32x2I32})
		code = append(code, genBody(g.extra...))
		exports = append(exports, genExport("extra", 0, 4))
	}
	for _, body := range g.fillers {
		funcs = append(funcs, []byte{genTypeVoid})
		code = append(code, genBody(body...))
	}
	var out bytes.Buffer
	out.Write(wasmMagic)
	out.Write(genSection(1, genVec(types)))
	out.Write(genSection(3, genVec(funcs)))
	if g.tables != nil {
		out.Write(genSection(4, genVec(g.tables)))
	}
	out.Write(genSection(5, genVec([][]byte{append([]byte{0}, uleb128(uint64(max(g.memoryPages, 1)))...)})))
	out.Write(genSection(7, genVec(exports)))
	out.Write(genSection(10, genVec(code)))
	if g.custom != nil {
		out.Write(genSection(0, append(genName("pad"), g.custom...)))
	}
	return out.Bytes()
}

// orDefaultBody is rm_process returning 0 (no output).
func orDefaultBody(body []byte) []byte {
	if body == nil {
		return []byte{0, 0x42, 0, 0x0b}
	}
	return body
}

// genBody prefixes a function body (its locals vector, then code) with its size.
func genBody(body ...byte) []byte { return append(uleb128(uint64(len(body))), body...) }

func genSection(id byte, payload []byte) []byte {
	return append(append([]byte{id}, uleb128(uint64(len(payload)))...), payload...)
}

func genVec(items [][]byte) []byte {
	out := uleb128(uint64(len(items)))
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

func genExport(name string, kind byte, index uint32) []byte {
	return append(append(genName(name), kind), uleb128(uint64(index))...)
}

func genName(name string) []byte { return append(uleb128(uint64(len(name))), name...) }

// genTable is a funcref table; max < 0 means none.
func genTable(minEntries uint32, maxEntries int64) []byte {
	if maxEntries < 0 {
		return append([]byte{0x70, 0}, uleb128(uint64(minEntries))...)
	}
	out := append([]byte{0x70, 1}, uleb128(uint64(minEntries))...)
	return append(out, uleb128(uint64(maxEntries))...)
}

// genNestedBlocks is an rm_process body of depth nested empty blocks.
func genNestedBlocks(depth int) []byte {
	body := []byte{0}
	body = append(body, bytes.Repeat([]byte{0x02, 0x40}, depth)...)
	body = append(body, bytes.Repeat([]byte{0x0b}, depth)...)
	return append(body, 0x42, 0, 0x0b)
}

// genBranches is a () -> () body of n br_if instructions in one block:
// about as slow to compile, per instruction, as any control flow.
func genBranches(n int) []byte {
	body := append([]byte{0, 0x02, 0x40}, bytes.Repeat([]byte{0x41, 0, 0x0d, 0}, n)...)
	return append(body, 0x0b, 0x0b)
}

// genTableGrow is the body of extra(step, times): table.grow 0 by step
// entries, times times, then return table.size 0.
var genTableGrow = []byte{
	0,          // no locals
	0x03, 0x40, // loop
	0xd0, 0x70, 0x20, 0, 0xfc, 0x0f, 0, 0x1a, // table.grow 0 (ref.null func, step); drop
	0x20, 1, 0x41, 1, 0x6b, 0x22, 1, 0x0d, 0, // times--; br_if loop
	0x0b,          // end
	0xfc, 0x10, 0, // table.size 0
	0x0b,
}
