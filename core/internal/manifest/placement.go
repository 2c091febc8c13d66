package manifest

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/remotemedia/remotemedia/core/internal/echo"
)

// PlacementKey is the node member that places a node elsewhere than the
// caller's process: {"backend": "ray", "num_cpus": 1, "concurrency": 2}.
const PlacementKey = "placement"

// Placement says where a node runs, with every default filled in.
// Consecutive nodes with equal placements form one placed segment.
type Placement struct {
	Backend string  `json:"backend"`
	NumCPUs float64 `json:"num_cpus"`
	NumGPUs float64 `json:"num_gpus"`
	// Concurrency is the number of actors the segment's streams share.
	Concurrency int `json:"concurrency"`
	// BatchFrames, BatchMS and BatchesInFlight shape the batches on the
	// segment's edges (segment.Options).
	BatchFrames     int `json:"batch_frames"`
	BatchMS         int `json:"batch_ms"`
	BatchesInFlight int `json:"batches_in_flight"`
}

// placementKeys states each key's bounds and how it sets a Placement; both
// validate and PlacementOf read placements through this one table.
var placementKeys = map[string]func(p *Placement, v any) string{
	"backend": func(p *Placement, v any) string {
		if s, ok := v.(string); ok && s == "ray" {
			p.Backend = s
			return ""
		}
		return `must be "ray" (the one backend today), got ` + echo.JSON(v)
	},
	"num_cpus":          numberKey(0, 1024, func(p *Placement, f float64) { p.NumCPUs = f }),
	"num_gpus":          numberKey(0, 64, func(p *Placement, f float64) { p.NumGPUs = f }),
	"concurrency":       intKey(1, 1024, func(p *Placement, n int) { p.Concurrency = n }),
	"batch_frames":      intKey(1, 4096, func(p *Placement, n int) { p.BatchFrames = n }),
	"batch_ms":          intKey(0, 10_000, func(p *Placement, n int) { p.BatchMS = n }),
	"batches_in_flight": intKey(1, 64, func(p *Placement, n int) { p.BatchesInFlight = n }),
}

func defaultPlacement() Placement {
	return Placement{NumCPUs: 1, Concurrency: 1, BatchFrames: 32, BatchMS: 20, BatchesInFlight: 2}
}

// PlacementOf returns node n's placement, or nil when it has none. It
// assumes a validated manifest; problems come from Validate.
func (n *Node) PlacementOf() *Placement {
	v, ok := n.Extra[PlacementKey]
	if !ok {
		return nil
	}
	p, _ := parsePlacement(v)
	return &p
}

// Placements maps the id of each placed node to its placement.
func (m *Manifest) Placements() map[string]*Placement {
	out := map[string]*Placement{}
	for i := range m.Nodes {
		if p := m.Nodes[i].PlacementOf(); p != nil {
			out[m.Nodes[i].ID] = p
		}
	}
	return out
}

// checkPlacement reports what is wrong with node i's placement.
func (n *Node) checkPlacement(i int, c *collector) {
	v, ok := n.Extra[PlacementKey]
	if !ok {
		return
	}
	for _, problem := range placementProblems(v) {
		path := nodePath(i, PlacementKey)
		if problem.key != "" {
			path = field(path, problem.key)
		}
		c.add(path, func() string { return problem.msg })
	}
}

type placementProblem struct{ key, msg string }

func parsePlacement(v any) (Placement, []placementProblem) {
	p := defaultPlacement()
	obj, ok := v.(map[string]any)
	if !ok {
		return p, []placementProblem{{"", "placement must be an object such as {\"backend\": \"ray\"}, got " + echo.JSONKind(v)}}
	}
	var problems []placementProblem
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		set, known := placementKeys[k]
		if !known {
			problems = append(problems, placementProblem{k, "unknown placement key " + echo.Quote(k) +
				"; known: backend, num_cpus, num_gpus, concurrency, batch_frames, batch_ms, batches_in_flight"})
			continue
		}
		if msg := set(&p, obj[k]); msg != "" {
			problems = append(problems, placementProblem{k, k + " " + msg})
		}
	}
	if _, has := obj["backend"]; !has {
		problems = append(problems, placementProblem{"backend", `backend is missing; expected "ray"`})
	}
	return p, problems
}

func placementProblems(v any) []placementProblem {
	_, problems := parsePlacement(v)
	return problems
}

func intKey(lo, hi int, set func(*Placement, int)) func(*Placement, any) string {
	return func(p *Placement, v any) string {
		f, ok := number(v)
		if !ok || f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
			return fmt.Sprintf("must be an integer between %d and %d, got %s", lo, hi, echo.JSON(v))
		}
		set(p, int(f))
		return ""
	}
}

func numberKey(lo, hi float64, set func(*Placement, float64)) func(*Placement, any) string {
	return func(p *Placement, v any) string {
		f, ok := number(v)
		if !ok || f < lo || f > hi {
			return fmt.Sprintf("must be a number between %g and %g, got %s", lo, hi, echo.JSON(v))
		}
		set(p, f)
		return ""
	}
}

// number reads a finite JSON number (json.Number from a document, or a Go
// number of a manifest built in code).
func number(v any) (float64, bool) {
	var f float64
	switch n := v.(type) {
	case json.Number:
		var err error
		if f, err = strconv.ParseFloat(string(n), 64); err != nil {
			return 0, false
		}
	case float64:
		f = n
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	default:
		return 0, false
	}
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}
