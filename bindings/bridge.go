package bindings

/*
#include <stdlib.h>
#include <sys/types.h>
#include <string.h>

// The few CPython stable-ABI functions the bridge needs, declared here rather
// than taken from Python.h: the package then compiles without Python headers
// (go vet ./..., go build ./...), and the symbols resolve at load time from
// the interpreter that imports the extension (gopy -dynamic-link=true).
// The object header of CPython's default (not free-threaded) builds, 3.11
// to 3.13: only ob_type is read, to recognise plain return values.
typedef struct _object {
	ssize_t ob_refcnt;
	void *ob_type;
} PyObject;
typedef struct _ts PyThreadState;
typedef ssize_t Py_ssize_t;
typedef int PyGILState_STATE;

extern int Py_IsInitialized(void);
extern PyGILState_STATE PyGILState_Ensure(void);
extern PyThreadState *PyEval_SaveThread(void);
extern void PyEval_RestoreThread(PyThreadState *);
extern void Py_IncRef(PyObject *);
extern void Py_DecRef(PyObject *);
extern PyObject *PyTuple_New(Py_ssize_t);
extern int PyTuple_SetItem(PyObject *, Py_ssize_t, PyObject *);
extern PyObject *PyLong_FromLongLong(long long);
extern PyObject *PyLong_FromUnsignedLongLong(unsigned long long);
extern PyObject *PyFloat_FromDouble(double);
extern PyObject *PyBytes_FromStringAndSize(const char *, Py_ssize_t);
extern PyObject *PyUnicode_FromStringAndSize(const char *, Py_ssize_t);
extern PyObject *PyObject_CallObject(PyObject *, PyObject *);
extern PyObject *PyObject_Str(PyObject *);
extern const char *PyUnicode_AsUTF8AndSize(PyObject *, Py_ssize_t *);
extern void PyErr_Fetch(PyObject **, PyObject **, PyObject **);
extern void PyErr_Clear(void);
extern PyObject *PyErr_Occurred(void);
extern long long PyLong_AsLongLong(PyObject *);
extern double PyFloat_AsDouble(PyObject *);
extern int PyBytes_AsStringAndSize(PyObject *, char **, Py_ssize_t *);
extern struct _typeobject PyLong_Type, PyFloat_Type, PyUnicode_Type, PyBool_Type, PyBytes_Type;
extern struct _object _Py_NoneStruct, _Py_TrueStruct;
extern int PyThreadState_SetAsyncExc(unsigned long, PyObject *);
extern unsigned long PyThread_get_thread_ident(void);
extern PyObject *PyExc_KeyboardInterrupt;

// rm_busy names the Python thread running a node's call, so a cancelled run
// can interrupt it (rm_interrupt). Both sides touch it only under the GIL.
typedef struct {
	unsigned long ident; // 0 between calls
	int interrupted;     // an interrupt was sent during the last call
} rm_busy;

// rm_value is a plain value a call returned (kind 0: none), so the common
// "return one value" case needs no second crossing through an Emit call.
// The kinds match convert.go; str (the text, or the bytes) is malloc'd.
typedef struct {
	int kind;
	long long ival;
	double fval;
	char *str;
	Py_ssize_t len;
} rm_value;

// One Python thread state per OS thread, created on the thread's first call
// and kept for its life: attaching a kept state costs well under a
// microsecond, creating one per call about 11 us. A cgo call never migrates
// between OS threads, so enter/call/leave below always run on one thread.
static __thread PyThreadState *rm_tstate = NULL;

static int rm_enter(void) {
	if (!Py_IsInitialized()) return -1;
	if (rm_tstate == NULL) {
		PyGILState_Ensure();
	} else {
		PyEval_RestoreThread(rm_tstate);
	}
	return 0;
}

static void rm_leave(void) { rm_tstate = PyEval_SaveThread(); }

// rm_error turns the pending Python exception into a malloc'd UTF-8 string.
static char *rm_error(Py_ssize_t *len) {
	PyObject *type = NULL, *value = NULL, *tb = NULL;
	PyErr_Fetch(&type, &value, &tb);
	char *out = NULL;
	*len = 0;
	PyObject *s = value ? PyObject_Str(value) : NULL;
	if (s != NULL) {
		Py_ssize_t n = 0;
		const char *u = PyUnicode_AsUTF8AndSize(s, &n);
		if (u != NULL) {
			out = malloc(n + 1);
			memcpy(out, u, n);
			out[n] = 0;
			*len = n;
		}
		Py_DecRef(s);
	}
	PyErr_Clear();
	if (type) Py_DecRef(type);
	if (value) Py_DecRef(value);
	if (tb) Py_DecRef(tb);
	if (out == NULL) {
		const char *msg = "python call failed and its exception could not be formatted";
		*len = strlen(msg);
		out = malloc(*len + 1);
		memcpy(out, msg, *len + 1);
	}
	return out;
}

// rm_take reads res into *v when it is an exact bool, int, float, str or
// bytes, and reports whether it did. It needs the GIL. A str UTF-8 cannot encode
// (a lone surrogate) is taken as kind -1 with the error message in str, so
// it fails the call instead of vanishing.
static int rm_take(PyObject *res, rm_value *v) {
	void *t = res->ob_type;
	if (t == (void *)&PyLong_Type) {
		long long i = PyLong_AsLongLong(res);
		if (i == -1 && PyErr_Occurred() != NULL) { PyErr_Clear(); return 0; }
		v->kind = 2; v->ival = i;
	} else if (t == (void *)&PyFloat_Type) {
		v->kind = 3; v->fval = PyFloat_AsDouble(res);
	} else if (t == (void *)&PyBool_Type) {
		v->kind = 1; v->ival = res == &_Py_TrueStruct;
	} else if (t == (void *)&PyUnicode_Type) {
		Py_ssize_t n = 0;
		const char *u = PyUnicode_AsUTF8AndSize(res, &n);
		if (u == NULL) {
			v->str = rm_error(&v->len);
			v->kind = -1;
			return 1;
		}
		v->str = malloc(n + 1);
		memcpy(v->str, u, n);
		v->len = n;
		v->kind = 5;
	} else if (t == (void *)&PyBytes_Type) {
		char *b = NULL;
		Py_ssize_t n = 0;
		if (PyBytes_AsStringAndSize(res, &b, &n) != 0) { PyErr_Clear(); return 0; }
		v->str = malloc(n > 0 ? n : 1);
		memcpy(v->str, b, n);
		v->len = n;
		v->kind = 6;
	} else {
		return 0;
	}
	return 1;
}

#define RM_NARGS 9

// rm_call calls fn(op, kind, ival, fval, data, aux, addr, nbytes, token).
// It returns NULL on success with *result set to a new reference (or left
// NULL when result is NULL), or a malloc'd error message.
// Arguments come one by one: cgo forbids passing a Go struct that holds Go
// pointers (data, aux).
static char *rm_call(PyObject *fn, long long op, long long kind, long long ival, double fval,
		const char *data_ptr, Py_ssize_t data_len, int data_is_text,
		const char *aux_ptr, Py_ssize_t aux_len,
		unsigned long long addr, long long nbytes, long long token,
		PyObject **result, rm_value *value, Py_ssize_t *errlen, rm_busy *busy) {
	if (rm_enter() != 0) {
		const char *msg = "the Python interpreter is not running";
		*errlen = strlen(msg);
		char *out = malloc(*errlen + 1);
		memcpy(out, msg, *errlen + 1);
		return out;
	}
	char *err = NULL;
	PyObject *args = PyTuple_New(RM_NARGS);
	PyObject *data;
	if (data_is_text) {
		data = PyUnicode_FromStringAndSize(data_ptr ? data_ptr : "", data_len);
	} else {
		data = PyBytes_FromStringAndSize(data_ptr ? data_ptr : "", data_len);
	}
	PyObject *aux = PyUnicode_FromStringAndSize(aux_ptr ? aux_ptr : "", aux_len);
	if (args == NULL || data == NULL || aux == NULL) {
		if (args) Py_DecRef(args);
		if (data) Py_DecRef(data);
		if (aux) Py_DecRef(aux);
		err = rm_error(errlen);
		rm_leave();
		return err;
	}
	PyTuple_SetItem(args, 0, PyLong_FromLongLong(op));
	PyTuple_SetItem(args, 1, PyLong_FromLongLong(kind));
	PyTuple_SetItem(args, 2, PyLong_FromLongLong(ival));
	PyTuple_SetItem(args, 3, PyFloat_FromDouble(fval));
	PyTuple_SetItem(args, 4, data);
	PyTuple_SetItem(args, 5, aux);
	PyTuple_SetItem(args, 6, PyLong_FromUnsignedLongLong(addr));
	PyTuple_SetItem(args, 7, PyLong_FromLongLong(nbytes));
	PyTuple_SetItem(args, 8, PyLong_FromLongLong(token));
	if (busy != NULL) {
		busy->ident = PyThread_get_thread_ident();
		busy->interrupted = 0;
	}
	PyObject *res = PyObject_CallObject(fn, args);
	if (busy != NULL) {
		// An interrupt that has not fired yet must not fire later in
		// unrelated code on this thread.
		if (busy->interrupted) PyThreadState_SetAsyncExc(busy->ident, NULL);
		busy->ident = 0;
	}
	Py_DecRef(args);
	if (res == NULL) {
		err = rm_error(errlen);
	} else if (result != NULL) {
		*result = res;
	} else {
		if (value != NULL && res != &_Py_NoneStruct) rm_take(res, value);
		Py_DecRef(res);
	}
	rm_leave();
	return err;
}

static int rm_incref(PyObject *o) {
	if (rm_enter() != 0) return -1;
	Py_IncRef(o);
	rm_leave();
	return 0;
}

// rm_interrupt raises KeyboardInterrupt in the thread running a node's
// call, as Ctrl-C does in the main thread: a node stuck in Python code then
// unwinds (its finally blocks run, then cleanup), instead of holding the
// run, and interpreter exit, until it returns.
static void rm_interrupt(rm_busy *busy) {
	if (rm_enter() != 0) return;
	if (busy->ident != 0 && !busy->interrupted) {
		PyThreadState_SetAsyncExc(busy->ident, PyExc_KeyboardInterrupt);
		busy->interrupted = 1;
	}
	rm_leave();
}

static PyObject *rm_ptr(unsigned long long addr) { return (PyObject *)addr; }

static void rm_decref(PyObject *o) {
	if (rm_enter() != 0) return;
	Py_DecRef(o);
	rm_leave();
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

// pyObject is a strong reference to a Python object, held by Go.
type pyObject struct{ p *C.PyObject }

// callArgs are the nine positional arguments of every call into Python:
// (op, kind, ival, fval, data, aux, addr, nbytes, token). kind and the
// payload fields follow the value encoding in convert.go; data is bytes in
// Python unless isText, then it is text.
type callArgs struct {
	op, kind, ival int64
	fval           float64
	data           string
	isText         bool
	aux            string
	addr           uintptr
	nbytes         int64
	token          int64
	busy           *callBusy // set for a node's calls that a cancelled run may interrupt
}

// callBusy is where the bridge records which Python thread runs a node's
// call (see rm_busy).
type callBusy struct{ c C.rm_busy }

// interrupt interrupts the call b records, if one is running.
func (b *callBusy) interrupt() { C.rm_interrupt(&b.c) }

// wasInterrupted reports whether the last call was interrupted. Read it
// only between calls, when nothing else writes b.
func (b *callBusy) wasInterrupted() bool { return b.c.interrupted != 0 }

// newRef takes a new strong reference to the object at address addr, which
// Python passed as id(obj) while holding its own reference.
func newRef(addr uintptr) (pyObject, error) {
	if addr == 0 {
		return pyObject{}, errors.New("null Python object")
	}
	p := C.rm_ptr(C.ulonglong(addr))
	if C.rm_incref(p) != 0 {
		return pyObject{}, errors.New("the Python interpreter is not running")
	}
	return pyObject{p}, nil
}

// release drops the reference; safe to call on the zero value.
func (o pyObject) release() {
	if o.p != nil {
		C.rm_decref(o.p)
	}
}

// call calls the object with a and drops the result. A Python exception
// comes back as an error carrying its str(). Go memory referenced by a is
// only read during the call.
func (o pyObject) call(a *callArgs) error {
	_, err := o.invoke(a, false, nil)
	return err
}

// returned is a plain value (bool, int, float, str or bytes) a call
// returned; kind 0 means none (the call returned None or anything else).
type returned struct {
	kind  int64
	ival  int64
	fval  float64
	text  string
	bytes []byte
}

// callValue is call that also reads a plain return value.
func (o pyObject) callValue(a *callArgs, r *returned) error {
	var v C.rm_value
	_, err := o.invoke(a, false, &v)
	r.kind, r.ival, r.fval, r.text, r.bytes = int64(v.kind), int64(v.ival), float64(v.fval), "", nil
	if v.str != nil {
		if r.kind == kindBytes {
			r.bytes = C.GoBytes(unsafe.Pointer(v.str), C.int(v.len))
		} else {
			r.text = C.GoStringN(v.str, C.int(v.len))
		}
		C.free(unsafe.Pointer(v.str))
	}
	return err
}

// invoke is call that also returns the result as a new reference when keep
// is set.
func (o pyObject) invoke(a *callArgs, keep bool, value *C.rm_value) (pyObject, error) {
	var data, aux *C.char
	if len(a.data) > 0 {
		data = (*C.char)(unsafe.Pointer(unsafe.StringData(a.data)))
	}
	if len(a.aux) > 0 {
		aux = (*C.char)(unsafe.Pointer(unsafe.StringData(a.aux)))
	}
	isText := C.int(0)
	if a.isText {
		isText = 1
	}
	var res *C.PyObject
	var resp **C.PyObject
	if keep {
		resp = &res
	}
	var busy *C.rm_busy
	if a.busy != nil {
		busy = &a.busy.c
	}
	var errLen C.Py_ssize_t
	cerr := C.rm_call(o.p, C.longlong(a.op), C.longlong(a.kind), C.longlong(a.ival), C.double(a.fval),
		data, C.Py_ssize_t(len(a.data)), isText, aux, C.Py_ssize_t(len(a.aux)),
		C.ulonglong(a.addr), C.longlong(a.nbytes), C.longlong(a.token), resp, value, &errLen, busy)
	if cerr != nil {
		msg := C.GoStringN(cerr, C.int(errLen))
		C.free(unsafe.Pointer(cerr))
		return pyObject{}, errors.New(msg)
	}
	return pyObject{res}, nil
}

// borrowed wraps an object the Python side keeps alive itself, without
// taking a reference (so it needs no release).
func borrowed(addr uintptr) pyObject { return pyObject{C.rm_ptr(C.ulonglong(addr))} }
