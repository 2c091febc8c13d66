package rmpkg

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// formatChecksums writes the sha256sum format ("<hex>  <name>\n"), sorted
// by name, so `unzip && sha256sum -c checksums.sha256` verifies a package.
func formatChecksums(files map[string][]byte) []byte {
	var b bytes.Buffer
	for _, name := range sortedKeys(files) {
		sum := sha256.Sum256(files[name])
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), name)
	}
	return b.Bytes()
}

// checkChecksums verifies every file against checksums.sha256, and that the
// list covers every file and names no missing one.
func (p *Package) checkChecksums(r *Report) {
	list, ok := p.files[ChecksumsFile]
	if !ok {
		r.warnf("", "no %s: contents are not verified (seed-format packages have none)", ChecksumsFile)
		return
	}
	listed := map[string]bool{}
	for i, line := range strings.Split(strings.TrimRight(string(list), "\n"), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		want, err := hex.DecodeString(sum)
		if !ok || err != nil || len(want) != sha256.Size || name == "" {
			r.errorf(ChecksumsFile, "line %d is not \"<sha256 hex>  <name>\"", i+1)
			continue
		}
		listed[name] = true
		content, present := p.files[name]
		if !present {
			r.errorf(ChecksumsFile, "lists %s, which the package does not contain", name)
			continue
		}
		if got := sha256.Sum256(content); !bytes.Equal(got[:], want) {
			r.errorf(name, "checksum mismatch: %s says %s, content hashes to %s", ChecksumsFile, sum, hex.EncodeToString(got[:]))
		}
	}
	for _, e := range p.entries {
		if e.Name != ChecksumsFile && !listed[e.Name] {
			r.errorf(e.Name, "not covered by %s", ChecksumsFile)
		}
	}
}
