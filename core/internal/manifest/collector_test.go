package manifest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCollector_FirstProblemHidesThoseWithin(t *testing.T) {
	var c collector
	c.addf("$.nodes[1]", "a node must be an object")
	c.addf("$.nodes[1].id", "id is missing")     // within: hidden
	c.addf("$.nodes[1]", "again")                // same path: hidden
	c.addf("$.nodes[10].id", "id is missing")    // a sibling that shares a prefix
	c.addf(`$.a["x.y[z"]`, "odd key")            // quoted keys are one step
	c.addf(`$.a["x.y[z"].b`, "within odd key")   // hidden
	c.addf(`$.a["x"]`, "not an ancestor of x.y") // listed
	c.addf(`$.a["x.y"]`, "not hidden by x")      // listed
	var got []string
	for _, p := range c.problems {
		got = append(got, p.Path)
	}
	assert.Equal(t, []string{"$.nodes[1]", "$.nodes[10].id", `$.a["x.y[z"]`, `$.a["x"]`, `$.a["x.y"]`}, got)
}

func TestBoundaries(t *testing.T) {
	assert.Equal(t, []int{1, 7, 10}, boundaries("$.nodes[3].id"))
	assert.Equal(t, []int{1, 3, 14}, boundaries(`$.a["q\"].[x"].b`), "escaped quotes stay inside the key")
	assert.Empty(t, boundaries("$"))
}

// The collector lists MaxProblems problems, counts the rest, and builds the
// message of a listed problem only. The hiding rule still applies to the
// counted ones, so More is exact.
func TestCollector_CapsTheProblemsListed(t *testing.T) {
	var c collector
	built := 0
	for i := range 3 * MaxProblems {
		c.add(elem("$.connections", i), func() string { built++; return "unknown" })
		c.add(elem("$.connections", i)+".to", func() string { built++; return "hidden" })
	}
	require.Len(t, c.problems, MaxProblems)
	assert.Equal(t, 2*MaxProblems, c.more)
	assert.Equal(t, MaxProblems, built, "messages of problems not listed are never built")
	err := c.err().(*Error)
	assert.Equal(t, "… and 200 more problems", err.MoreLine())
	assert.True(t, strings.HasPrefix(err.Error(), "invalid manifest: 300 problems\n"))
	assert.True(t, strings.HasSuffix(err.Error(), "\n  … and 200 more problems"))
}

// 1,000 unknown connection ids of 1,000 characters took 153 s: every message
// echoed the whole id and compared it with every node id. Now the listing
// stops at MaxProblems, each echo is clipped, and no hint is computed for an
// id longer than suggest.MaxLen.
func TestParse_ManyLongUnknownIDs(t *testing.T) {
	var conns []string
	for i := range 1000 {
		id := fmt.Sprintf("%04d%s", i, strings.Repeat("x", 996))
		conns = append(conns, fmt.Sprintf(`{"from":"a","to":%q}`, id))
	}
	_, err := Parse([]byte(doc(`{"id":"a","node_type":"AddNode","params":{"addend":1}}`, strings.Join(conns, ","))), testRegistry(t))
	var me *Error
	require.ErrorAs(t, err, &me)
	require.Len(t, me.Problems, MaxProblems)
	assert.Equal(t, 1000-MaxProblems, me.More)
	assert.Equal(t, "$.connections[0].to", me.Problems[0].Path)
	assert.Equal(t, `unknown node id "0000`+strings.Repeat("x", 60)+`"…`, me.Problems[0].Message)
	assert.Less(t, len(err.Error()), 200*MaxProblems, "no id is echoed whole")
}

func TestParse_LongKeysAreClippedInPaths(t *testing.T) {
	key := strings.Repeat("k", 500)
	_, err := Parse([]byte(doc(`{"id":"a","node_type":"AddNode","params":{"addend":1,"`+key+`":2}}`, "")), testRegistry(t))
	var me *Error
	require.ErrorAs(t, err, &me)
	require.Len(t, me.Problems, 1)
	assert.Equal(t, `$.nodes[0].params["`+strings.Repeat("k", 64)+`"…]`, me.Problems[0].Path)
}

func TestParse_NumbersOutOfRange(t *testing.T) {
	for raw, want := range map[string]string{
		"1e999":                        "must be a number, got number 1e999, which is out of range",
		"-" + strings.Repeat("9", 400): "must be a number, got number -" + strings.Repeat("9", 63) + "…, which is out of range",
	} {
		_, err := Parse([]byte(doc(`{"id":"a","node_type":"AddNode","params":{"addend":`+raw+`}}`, "")), testRegistry(t))
		require.EqualError(t, err, "invalid manifest: $.nodes[0].params.addend: "+want)
	}
}
