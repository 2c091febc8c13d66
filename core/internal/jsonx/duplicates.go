package jsonx

import jsoniter "github.com/json-iterator/go"

// DuplicateKeys returns the path of every object member whose key repeats
// an earlier key of the same object, in document order: each path is the
// keys (string) and array indexes (int) from the root down to the repeated
// key. JSON leaves duplicates undefined and decoders silently keep one
// value, so a manifest with "addend" twice would run with whichever won.
// data must have passed Check, which also bounds its nesting (10,000 levels,
// encoding/json's limit), so the recursion here is bounded too.
func DuplicateKeys(data []byte) [][]any {
	it := API.BorrowIterator(data)
	defer API.ReturnIterator(it)
	var d duplicates
	d.walk(it)
	return d.found
}

type duplicates struct {
	path  []any
	found [][]any
}

func (d *duplicates) walk(it *jsoniter.Iterator) {
	switch it.WhatIsNext() {
	case jsoniter.ObjectValue:
		seen := map[string]struct{}{}
		it.ReadMapCB(func(it *jsoniter.Iterator, key string) bool {
			d.path = append(d.path, key)
			if _, dup := seen[key]; dup {
				d.found = append(d.found, append([]any(nil), d.path...))
			}
			seen[key] = struct{}{}
			d.walk(it)
			d.path = d.path[:len(d.path)-1]
			return it.Error == nil
		})
	case jsoniter.ArrayValue:
		i := 0
		it.ReadArrayCB(func(it *jsoniter.Iterator) bool {
			d.path = append(d.path, i)
			d.walk(it)
			d.path = d.path[:len(d.path)-1]
			i++
			return it.Error == nil
		})
	default:
		it.Skip()
	}
}
