"""Priority 1: the installed package imports from anywhere, privately."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import remotemedia as rm

REPO = Path(__file__).resolve().parents[2]


def test_imported_from_site_packages_not_the_checkout() -> None:
    assert not Path(rm.__file__).resolve().is_relative_to(REPO / "python"), rm.__file__
    assert "site-packages" in rm.__file__


def test_import_does_not_change_the_working_directory(tmp_path: Path) -> None:
    code = "import os; before = os.getcwd(); import remotemedia; assert os.getcwd() == before; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_native_module_is_private() -> None:
    assert "_core" not in rm.__all__
    assert not hasattr(rm, "bindings")


def test_py_typed_ships() -> None:
    assert (Path(rm.__file__).parent / "py.typed").exists()


def test_issue_snippet_runs_outside_checkout(tmp_path: Path) -> None:
    script = tmp_path / "snippet.py"
    script.write_text(
        "import numpy as np\n"
        "import remotemedia as rm\n"
        "class Normalize(rm.Node):\n"
        "    def process(self, x: np.ndarray) -> np.ndarray:\n"
        "        return x / np.abs(x).max()\n"
        "pipe = rm.Pipeline()\n"
        "src = pipe.add(rm.nodes.MultiplyNode(multiplier=2), id='mul')\n"
        "pipe.add(Normalize(), id='norm', after=src)\n"
        "print(pipe.run([np.arange(4, dtype=np.float32)]))\n"
        f"calc = rm.Pipeline.from_manifest({str(REPO / 'examples' / 'calculator.json')!r})\n"
        "assert calc.run([5, 7, 3]) == [20, 24, 16]\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert "[array([0.        , 0.33333334, 0.6666667 , 1.        ], dtype=float32)]" in out.stdout
