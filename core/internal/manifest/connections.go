package manifest

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/remotemedia/remotemedia/core/internal/echo"
	"github.com/remotemedia/remotemedia/core/internal/suggest"
)

// checkConnections reports connections naming unknown nodes, self-loops,
// repeated connections and, among the sound ones, a cycle.
func (m *Manifest) checkConnections(ids map[string]int, c *collector) {
	firstUse := map[[2]int]int{}
	var edges [][2]int
	// Sorted once, and only if a hint is shown: the hint must not depend on
	// map order, and sorting per unknown id would be quadratic.
	known := sync.OnceValue(func() []string { return slices.Sorted(maps.Keys(ids)) })
	for i, conn := range m.Connections {
		from, okFrom := lookupEnd(c, i, "from", conn.From, ids, known)
		to, okTo := lookupEnd(c, i, "to", conn.To, ids, known)
		if !okFrom || !okTo {
			continue
		}
		e := [2]int{from, to}
		switch j, dup := firstUse[e]; {
		case from == to:
			c.addf(connectionPath(i, ""), "self-loop: %s -> %s is a cycle", echo.Clip(conn.From), echo.Clip(conn.To))
		case dup:
			c.addf(connectionPath(i, ""), "duplicate connection %s -> %s (same as %s)",
				echo.Clip(conn.From), echo.Clip(conn.To), connectionPath(j, ""))
		default:
			firstUse[e] = i
			edges = append(edges, e)
		}
	}
	if _, cycle := m.graph(edges).TopoOrder(); cycle != nil {
		names := make([]string, 0, len(cycle)+1)
		for _, n := range cycle {
			names = append(names, echo.Clip(m.Nodes[n].ID))
		}
		names = append(names, names[0])
		c.addf("$.connections", "cycle: %s", strings.Join(names, " -> "))
	}
}

// lookupEnd resolves the end ("from" or "to") of connection conn to a node
// index; known lists the ids for a "did you mean".
func lookupEnd(c *collector, conn int, end, id string, ids map[string]int, known func() []string) (int, bool) {
	if id == "" {
		c.addf(connectionPath(conn, end), "missing node id")
		return 0, false
	}
	i, ok := ids[id]
	if !ok {
		c.add(connectionPath(conn, end), func() string {
			return "unknown node id " + echo.Quote(id) + suggest.Hint(id, known())
		})
	}
	return i, ok
}
