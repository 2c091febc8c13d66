package client

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/remote/pb"
)

// RemoteError is an ErrorResponse from the server: a manifest it refused,
// or a node of the sub-pipeline that failed.
type RemoteError struct {
	Endpoint string
	Type     pb.ErrorType
	Node     string // the sub-pipeline's failing node, when the server names one
	Message  string
	Context  string
}

func (e *RemoteError) Error() string {
	msg := fmt.Sprintf("server %s: %s: %s", e.Endpoint, e.Type, e.Message)
	if e.Node != "" && !strings.Contains(e.Message, "node["+e.Node+"]") {
		msg += fmt.Sprintf(" (remote node %q)", e.Node)
	}
	return msg
}

var sequenceRef = regexp.MustCompile(`\bsequence[ =:]+(\d+)`)

// sequence is the chunk the error belongs to, when the server says which in
// its context: remotemedia serve writes a JSON object {"sequence": 17, ...};
// text such as "sequence 17" or "sequence=17" is read too.
func (e *RemoteError) sequence() (uint64, bool) {
	if v, err := core.DecodeJSON([]byte(e.Context)); err == nil {
		obj, _ := v.(map[string]any)
		n, ok := wholeNumber(obj["sequence"])
		return uint64(n), ok && n >= 0
	}
	m := sequenceRef.FindStringSubmatch(e.Context)
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseUint(m[1], 10, 64)
	return n, err == nil
}
