package frame

import "fmt"

// Kind says what a frame carries. The numeric values are the wire values of
// frame encoding v1 and must never change.
type Kind uint8

const (
	KindJSON   Kind = 1
	KindText   Kind = 2
	KindBytes  Kind = 3
	KindAudio  Kind = 4
	KindTensor Kind = 5
)

var kindNames = [...]string{KindJSON: "json", KindText: "text", KindBytes: "bytes", KindAudio: "audio", KindTensor: "tensor"}

func (k Kind) String() string {
	if k >= KindJSON && k <= KindTensor {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Valid reports whether k is one of the defined kinds.
func (k Kind) Valid() bool { return k >= KindJSON && k <= KindTensor }
