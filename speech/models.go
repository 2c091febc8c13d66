package speech

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// model is one pinned model file and the package that ships it.
type model struct {
	file   string // file name, as looked up in $REMOTEMEDIA_MODELS
	inPkg  string // path inside site-packages
	pkg    string // the PyPI package and version that ships it
	sha256 string
}

var (
	sileroVADModel = model{
		file:   "silero_vad.onnx",
		inPkg:  "silero_vad/data/silero_vad.onnx",
		pkg:    "silero-vad==6.2.3",
		sha256: "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3",
	}
	smartTurnModel = model{
		file:   "smart-turn-v3.2-cpu.onnx",
		inPkg:  "pipecat/audio/turn/smart_turn/data/smart-turn-v3.2-cpu.onnx",
		pkg:    "pipecat-ai==1.14.0",
		sha256: "2bb026316b14a660486a75b1733cd3fbab8c2fd0314dc9af7be49f8cca967e4f",
	}
)

// locate returns the model's path. An explicit path (the node's model
// param) is used as given: it may be another export of the model. A file
// found in $REMOTEMEDIA_MODELS or an installed package must match the
// pinned sha256.
func (m model) locate(explicit string) (string, error) {
	if explicit != "" {
		if !isFile(explicit) {
			return "", fmt.Errorf("model %s: no such file", explicit)
		}
		return explicit, nil
	}
	var p string
	if dir := os.Getenv(EnvModels); dir != "" {
		p = filepath.Join(dir, m.file)
		if !isFile(p) {
			return "", fmt.Errorf("%s=%s holds no %s", EnvModels, dir, m.file)
		}
	} else {
		var tried []string
		if p, tried = findInSitePackages(m.inPkg); p == "" {
			return "", fmt.Errorf("model %s not found: install it with %s, set %s, or give the model param (%s)",
				m.file, modelHint(m.pkg), EnvModels, describeTried(tried))
		}
	}
	if err := m.verify(p); err != nil {
		return "", err
	}
	return p, nil
}

// verified caches successful checks by path, size and modification time,
// so building many pipelines hashes each file once.
var verified sync.Map // fileStamp -> struct{}

type fileStamp struct {
	path string
	size int64
	mod  time.Time
}

func (m model) verify(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	stamp := fileStamp{path, fi.Size(), fi.ModTime()}
	if _, ok := verified.Load(stamp); ok {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := m.check(path, f); err != nil {
		return err
	}
	verified.Store(stamp, struct{}{})
	return nil
}

// check reads the model's bytes from r and compares their sha256 with the
// pin; name says where they came from.
func (m model) check(name string, r io.Reader) error {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return fmt.Errorf("model %s: %w", name, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != m.sha256 {
		return fmt.Errorf("model %s has sha256 %s, want %s (the file of %s): it is corrupt or another version; reinstall: %s",
			name, got, m.sha256, m.pkg, modelHint(m.pkg))
	}
	return nil
}

// openError is how every build's failure to open a model reads: a truncated
// or corrupt file, or another model.
func openError(name string, err error) error {
	return fmt.Errorf("load model %s (corrupt, or not the model this node runs?): %w", name, err)
}
