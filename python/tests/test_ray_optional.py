"""Ray is optional: only remotemedia.ray imports it, and without it that
import says which extra to install. Runs with or without Ray installed."""

from __future__ import annotations

import subprocess
import sys


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_nothing_else_imports_ray() -> None:
    p = _python(
        "import sys, remotemedia as rm, remotemedia.cli, remotemedia.stdnodes\n"
        "rm.Pipeline.from_manifest({'version': 'v1', 'nodes': [{'id': 'a', 'node_type': 'AddNode',"
        " 'params': {'addend': 1}}]}).run([1])\n"
        "print(sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))\n"
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"


def test_without_ray_the_import_names_the_extra() -> None:
    blocked = "import sys; sys.modules['ray'] = None  # as if Ray were not installed\n"
    p = _python(blocked + "import remotemedia.ray\n")
    assert p.returncode == 1
    assert "ImportError: remotemedia.ray needs Ray Data: pip install 'remotemedia[ray]'" in p.stderr, p.stderr
    p = subprocess.run([sys.executable, "-c", blocked + "import sys, remotemedia.cli as c; sys.exit(c.main())",
                        "ray", "run", "m.json"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2
    assert p.stderr == "error: remotemedia.ray needs Ray Data: pip install 'remotemedia[ray]'\n"
