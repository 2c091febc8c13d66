"""Build the Go engine into the CPython extension remotemedia._core with gopy.

`pip install .` runs this: it builds the pinned gopy and goimports tools from
go.mod, runs `gopy build` on the bindings package, and installs the result
as the private package remotemedia._core. The gopy build is skipped when no
Go source, go.mod or the Python version changed since the last one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
MODULE = "github.com/remotemedia/remotemedia"
BINDINGS = f"{MODULE}/bindings"
TOOLS = ROOT / "build" / "tools"
# gopy's output must sit inside the Go module, and gopy skips directories
# whose names start with "_", hence "core" here and "_core" once installed.
GOPY_OUT = ROOT / "build" / "gopy" / "core"


def _go_inputs_digest() -> str:
    h = hashlib.sha256()
    h.update(sys.version.encode())
    h.update(sysconfig.get_config_var("EXT_SUFFIX").encode())
    for name in ("go.mod", "go.sum", "setup.py"):
        h.update((ROOT / name).read_bytes())
    for top in ("bindings", "core", "internal", "remote", "speech"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and not path.name.endswith("_test.go") and "testdata" not in path.parts:
                h.update(str(path.relative_to(ROOT)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def _run(cmd: list[str], env: dict[str, str]) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def _gopy_build() -> Path:
    """Run gopy unless its last output is current; return the output dir."""
    digest = _go_inputs_digest()
    stamp = GOPY_OUT / ".inputs-sha256"
    ext = sysconfig.get_config_var("EXT_SUFFIX")
    if stamp.exists() and stamp.read_text() == digest and (GOPY_OUT / f"_core{ext}").exists():
        print("remotemedia: Go sources unchanged, reusing", GOPY_OUT, flush=True)
        return GOPY_OUT
    if shutil.which("go") is None:
        raise RuntimeError("building remotemedia needs Go (https://go.dev/dl) on PATH")
    env = dict(os.environ)
    env["PATH"] = f"{TOOLS}{os.pathsep}{env.get('PATH', '')}"
    env["CGO_ENABLED"] = "1"
    env["CGO_LDFLAGS_ALLOW"] = "-fwrapv|-Wl,.*|-g|-O2|-shared"
    env.setdefault("GOFLAGS", "-mod=mod")
    TOOLS.mkdir(parents=True, exist_ok=True)
    _run(["go", "build", "-o", str(TOOLS / "gopy"), "github.com/go-python/gopy"], env)
    _run(["go", "build", "-o", str(TOOLS / "goimports"), "golang.org/x/tools/cmd/goimports"], env)
    if GOPY_OUT.exists():
        shutil.rmtree(GOPY_OUT)
    _run([str(TOOLS / "gopy"), "build", f"-output={GOPY_OUT.relative_to(ROOT)}", "-name=core",
          f"-vm={sys.executable}", "-dynamic-link=true", "-no-make=true", BINDINGS], env)
    stamp.write_text(digest)
    return GOPY_OUT


def _patched_wrapper(src: Path) -> str:
    # gopy's wrappers chdir around their import; a library must not touch
    # the process's working directory (and the relative import needs none).
    lines = src.read_text().splitlines(keepends=True)
    return "".join(line for line in lines if not line.lstrip().startswith("os.chdir("))


class GopyBuildExt(build_ext):
    """Builds the one extension, remotemedia._core._core, with gopy."""

    def build_extension(self, ext: Extension) -> None:
        out = _gopy_build()
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        target = Path(self.get_ext_fullpath(ext.name))
        pkg = target.parent
        pkg.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / f"_core{suffix}", target)
        (pkg / "__init__.py").write_text('"""Private: the gopy build of package bindings. Use remotemedia."""\n')
        for name in ("bindings.py", "go.py"):
            (pkg / name).write_text(_patched_wrapper(out / name))
        for stub in (ROOT / "python" / "stubs" / "_core").glob("*.pyi"):
            shutil.copyfile(stub, pkg / stub.name)
        self._write_nodes_stub(pkg.parent)

    def _write_nodes_stub(self, package_dir: Path) -> None:
        """Generate remotemedia/nodes/__init__.pyi from the engine's specs."""
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]);"
            "from remotemedia._stubgen import nodes_stub; print(nodes_stub(), end='')"
        )
        lib = package_dir.parent
        src_pkg = ROOT / "python" / "remotemedia"
        # The freshly built _core sits in lib; the pure-Python sources may not
        # have been copied there yet, so stage them first.
        shutil.copytree(src_pkg, package_dir, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "_core"))
        stub = subprocess.run([sys.executable, "-c", code, str(lib)], check=True, capture_output=True, text=True,
                              cwd=lib).stdout
        (package_dir / "nodes" / "__init__.pyi").write_text(stub)


setup(
    ext_modules=[Extension("remotemedia._core._core", sources=[])],
    cmdclass={"build_ext": GopyBuildExt},
)
