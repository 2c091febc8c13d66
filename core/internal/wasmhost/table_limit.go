package wasmhost

import "fmt"

// Tables are guest-growable host memory (table.grow), which wazero's memory
// limit does not cover. The host gives them a share of the memory limit by
// writing a maximum into the module's table section, as wazero caps a
// memory's maximum at the limit: table.grow past it then returns -1.
const (
	tableEntryBytes = 8 // wazero keeps a table entry in a uintptr
	// tableShare: all tables of an instance may hold 1/tableShare of the
	// memory limit's bytes.
	tableShare = 8
)

// Table reference types of the binary format.
const (
	refFunc   = 0x70
	refExtern = 0x6f
)

// tableEntryBudget is how many entries all tables of one instance may hold.
func tableEntryBudget(memoryLimit int64) uint32 {
	return uint32(min(memoryLimit/(tableShare*tableEntryBytes), 1<<32-1))
}

// capTables returns wasm with every table's maximum lowered so that all
// tables together stay within budget entries (the first tables get the
// room to grow), and the number of entries they may reach. wasm comes back
// unchanged when its tables already fit.
func capTables(wasm []byte, shape moduleShape, budget uint32) ([]byte, uint32, error) {
	var mins uint64
	for i, t := range shape.tables {
		if t.refType != refFunc && t.refType != refExtern {
			return nil, 0, fmt.Errorf("table %d has type 0x%x; only funcref and externref tables are supported", i, t.refType)
		}
		mins += uint64(t.min)
	}
	if mins > uint64(budget) {
		return nil, 0, fmt.Errorf("tables need %d entries initially, over the limit of %d entries (1/%d of the memory limit, at %d bytes an entry)",
			mins, budget, tableShare, tableEntryBytes)
	}
	room := uint64(budget) - mins
	capped := make([]tableLimits, len(shape.tables))
	changed := false
	var total uint64
	for i, t := range shape.tables {
		most := uint64(t.min) + room
		if t.hasMax && uint64(t.max) <= most {
			most = uint64(t.max)
		} else {
			changed = true
		}
		room -= most - uint64(t.min)
		capped[i] = tableLimits{refType: t.refType, min: t.min, max: uint32(most), hasMax: true}
		total += most
	}
	if !changed {
		return wasm, uint32(total), nil
	}
	return replaceSection(wasm, shape.tableSection, sectionTable, encodeTables(capped)), uint32(total), nil
}

func encodeTables(tables []tableLimits) []byte {
	out := uleb128(uint64(len(tables)))
	for _, t := range tables {
		out = append(out, t.refType, 1)
		out = append(out, uleb128(uint64(t.min))...)
		out = append(out, uleb128(uint64(t.max))...)
	}
	return out
}

// replaceSection puts a section of id with payload in place of the whole
// section (id, size and payload) at old.
func replaceSection(wasm []byte, old span, id byte, payload []byte) []byte {
	out := make([]byte, 0, len(wasm)+len(payload))
	out = append(out, wasm[:old.start]...)
	out = append(out, id)
	out = append(out, uleb128(uint64(len(payload)))...)
	out = append(out, payload...)
	return append(out, wasm[old.end:]...)
}

func uleb128(v uint64) []byte {
	var out []byte
	for {
		b := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(out, b)
		}
		out = append(out, b|0x80)
	}
}
