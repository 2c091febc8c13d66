package bindings

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"syscall"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/rmpkg"
)

// errorPrefix starts every error message this package returns. gopy turns a
// Go error into RuntimeError(message) and nothing else, so the message
// carries a JSON payload that remotemedia.exceptions decodes.
const errorPrefix = "remotemedia-error:"

// wireError is the JSON payload of an error crossing into Python.
type wireError struct {
	Code     string         `json:"code"`
	Message  string         `json:"message"`
	Node     string         `json:"node,omitempty"`
	NodeType string         `json:"node_type,omitempty"`
	Phase    string         `json:"phase,omitempty"`
	Input    *int           `json:"input,omitempty"`
	Problems []core.Problem `json:"problems,omitempty"`
	// PyError is the id of the Python exception a Python node raised; the
	// Python side sets it as the NodeError's __cause__.
	PyError int64 `json:"py_error,omitempty"`
	// Errno and Filename describe an OS error, which Python raises as its
	// own OSError subclass (FileNotFoundError, PermissionError, ...).
	Errno    int    `json:"errno,omitempty"`
	Filename string `json:"filename,omitempty"`
}

// pyNodeError is a Python node's exception: the formatted traceback plus the
// id under which the Python side keeps the exception object.
type pyNodeError struct {
	id        int64
	traceback string
}

func (e *pyNodeError) Error() string { return e.traceback }

// codePanic is a Go panic recovered at the boundary; it maps to
// RemoteMediaError in Python.
const codePanic = "panic"

// encodeError wraps err into the message format Python decodes.
func encodeError(err error) error {
	if err == nil {
		return nil
	}
	w := wireError{Code: core.ErrorCode(err), Message: err.Error()}
	var me *core.ManifestError
	if errors.As(err, &me) {
		w.Problems = me.Problems
	}
	var ne *core.NodeError
	if errors.As(err, &ne) {
		w.Node, w.NodeType, w.Phase = ne.Node, ne.Type, string(ne.Phase)
		in := ne.Input
		w.Input = &in
	}
	var pe *pyNodeError
	if errors.As(err, &pe) {
		w.PyError = pe.id
	}
	if errno, ok := errors.AsType[syscall.Errno](err); ok && w.Code == core.CodeInternal {
		w.Errno = int(errno)
		if pe, ok := errors.AsType[*fs.PathError](err); ok {
			w.Filename = pe.Path
		}
	}
	var gp *goPanic
	if errors.As(err, &gp) {
		w.Code = codePanic
	}
	var pkgErr *packageError
	if errors.As(err, &pkgErr) {
		w.Code = codePackage
	}
	var invalid *rmpkg.InvalidError
	if errors.As(err, &invalid) {
		for _, p := range invalid.Problems {
			w.Problems = append(w.Problems, core.Problem{Path: p.Entry, Message: p.Message})
		}
	}
	b, mErr := json.Marshal(w)
	if mErr != nil {
		return fmt.Errorf("%s{\"code\":\"internal\",\"message\":%q}", errorPrefix, err.Error())
	}
	return errors.New(errorPrefix + string(b))
}

// goPanic is a panic recovered in an exported function.
type goPanic struct {
	value any
	stack string
}

func (p *goPanic) Error() string { return fmt.Sprintf("go panic: %v\n%s", p.value, p.stack) }

// guard recovers a panic into *err and encodes *err for Python. Every
// exported function defers it first: a panic escaping into the interpreter
// would abort the process.
func guard(err *error) {
	if v := recover(); v != nil {
		*err = &goPanic{value: v, stack: string(debug.Stack())}
	}
	*err = encodeError(*err)
}

// PanicForTesting panics inside Go with msg. It exists so the Python test
// suite can check that a Go panic becomes a Python exception instead of
// aborting the interpreter.
func PanicForTesting(msg string) (err error) {
	defer guard(&err)
	panic(msg)
}
