package core

import (
	"fmt"
	"sort"

	"github.com/remotemedia/remotemedia/core/internal/manifest"
)

// Placement says where a node runs when it is not the caller's process
// (the manifest's "placement" member), with defaults filled in.
type Placement = manifest.Placement

// refusePlacements: this engine runs every node in process. A host that
// runs placed segments (the Python package with Ray) replaces them with
// segment nodes before building the pipeline.
func refusePlacements(m *Manifest) error {
	placed := m.Placements()
	if len(placed) == 0 {
		return nil
	}
	ids := make([]string, 0, len(placed))
	for id := range placed {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return fmt.Errorf("node %q has a placement (backend %q): placed nodes run from the Python API, "+
		"with pip install 'remotemedia[ray]' (rm.Pipeline.from_manifest(...).run or .stream); "+
		"this runtime runs every node in process", ids[0], placed[ids[0]].Backend)
}
