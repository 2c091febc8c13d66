package bindings

/*
static void *rm_addr(unsigned long long addr) { return (void *)addr; }
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unsafe"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// A lent buffer is Go memory (a tensor's data or audio samples) that Python
// views without copying. It stays pinned, and its frame reachable, until the
// Python view is garbage collected and calls ReleaseBuffer. Frames are
// immutable, so a Python node that keeps its input never sees it change.
type lentBuffer struct {
	frame *frame.Frame
	data  []byte
	pin   runtime.Pinner
}

var lent = struct {
	sync.Mutex
	next int64
	m    map[int64]*lentBuffer
}{m: map[int64]*lentBuffer{}}

// lend pins data and returns its handle and address.
func lend(f *frame.Frame, data []byte) (int64, uintptr) {
	if len(data) == 0 {
		return 0, 0
	}
	b := &lentBuffer{frame: f, data: data}
	b.pin.Pin(unsafe.SliceData(data))
	lent.Lock()
	lent.next++
	h := lent.next
	lent.m[h] = b
	lent.Unlock()
	return h, uintptr(unsafe.Pointer(unsafe.SliceData(data)))
}

// lentSlice returns data[offset:offset+n] of a lent buffer.
func lentSlice(h int64, offset, n int) ([]byte, error) {
	lent.Lock()
	b := lent.m[h]
	lent.Unlock()
	if b == nil {
		return nil, errors.New("unknown or released buffer handle")
	}
	if offset < 0 || n < 0 || offset+n > len(b.data) {
		return nil, errors.New("view lies outside its buffer")
	}
	return b.data[offset : offset+n : offset+n], nil
}

// ReleaseBuffer ends a loan made to Python. Python calls it when the last
// view of a tensor or audio input is freed. It reports true; the bool is
// there because gopy leaks the result of error-only functions (see Emit).
func ReleaseBuffer(handle int64) (released bool, err error) {
	defer guard(&err)
	lent.Lock()
	b := lent.m[handle]
	delete(lent.m, handle)
	lent.Unlock()
	if b == nil {
		return false, errors.New("unknown or released buffer handle")
	}
	b.pin.Unpin()
	return true, nil
}

// LentBuffers is how many buffers Python currently holds; tests use it to
// check that views are released.
func LentBuffers() int {
	lent.Lock()
	defer lent.Unlock()
	return len(lent.m)
}

// copyFrom copies n bytes at a Python-owned address into Go memory.
func copyFrom(addr uintptr, n int) ([]byte, error) {
	b, err := borrowChecked(addr, n)
	if err != nil {
		return nil, err
	}
	out := make([]byte, n)
	copy(out, b)
	return out, nil
}

// borrowChecked is borrow refusing a negative length or a null address
// (nil for n == 0).
func borrowChecked(addr uintptr, n int) ([]byte, error) {
	switch {
	case n < 0:
		return nil, errors.New("negative length")
	case n == 0:
		return nil, nil
	case addr == 0:
		return nil, errors.New("null buffer address")
	}
	return borrow(addr, n), nil
}

// borrow views n bytes at a Python-owned address without copying; the view
// is valid only while the Python caller holds the memory (during the call).
func borrow(addr uintptr, n int) []byte {
	return unsafe.Slice((*byte)(C.rm_addr(C.ulonglong(addr))), n)
}

// AllocBuffer allocates n bytes of Go memory and lends it to Python, which
// wraps it as a writable numpy array (remotemedia.empty). Arrays in Go
// memory reach the engine without a copy. It returns the loan's handle;
// BufferAddress gives the address.
func AllocBuffer(n int) (handle int64, err error) {
	defer guard(&err)
	if err := checkBufferSize(n, physicalMemory()); err != nil {
		return 0, err
	}
	data := make([]byte, n)
	h, _ := lend(nil, data)
	return h, nil
}

// BufferAddress is the address of a lent buffer's first byte.
func BufferAddress(handle int64) (addr uintptr, err error) {
	defer guard(&err)
	lent.Lock()
	b := lent.m[handle]
	lent.Unlock()
	if b == nil {
		return 0, errors.New("unknown or released buffer handle")
	}
	return uintptr(unsafe.Pointer(unsafe.SliceData(b.data))), nil
}

// checkBufferSize range-checks an allocation Python asks for. More than the
// machine's memory (ram, 0 if unknown) cannot succeed: the Go runtime would
// abort the interpreter with "out of memory" instead of returning an error.
func checkBufferSize(n int, ram uint64) error {
	switch {
	case n <= 0:
		return &core.InputError{Err: fmt.Errorf("buffer size must be positive, got %d bytes", n)}
	case ram > 0 && uint64(n) > ram:
		return &core.InputError{Err: fmt.Errorf("a buffer of %d bytes is more than this machine's memory (%d bytes)", n, ram)}
	}
	return nil
}
