"""The hostile-input harness: ``ctrules lint`` in a child process under a memory limit and a time-out.

The limits (``RLIMIT_AS`` 3 GB, 120 s) only catch unbounded work and pass on a loaded machine; how fast bounded
work is belongs to ``bench/``. Every run asserts that no traceback, internal error, ``MemoryError`` or
``RecursionError`` reached the user.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MEMORY_LIMIT = 3 * 1024**3
TIME_LIMIT = 120
RUN = "import sys; from ctrules.cli import main; sys.exit(main())"
# The HCL grammar cache of the child processes goes to the repository's .cache (never into site-packages).
_CACHE = Path(__file__).resolve().parents[2] / ".cache" / "ctrules"


def limits() -> None:
    """Run in the child before ``exec``: cap its address space."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@dataclass
class Outcome:
    """What one run printed and its exit code."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]

    def json(self) -> Any:
        return json.loads(self.out)


def lint(*args: str | Path, stdin: bytes | None = None, cwd: Path | None = None) -> Outcome:
    """``ctrules lint ARGS`` in a child process under the memory and time limits."""
    env = {**os.environ, "CTRULES_CACHE_DIR": os.environ.get("CTRULES_CACHE_DIR", str(_CACHE))}
    proc = subprocess.run(
        [sys.executable, "-c", RUN, "lint", *map(os.fsdecode, args)],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=TIME_LIMIT,
        preexec_fn=limits,
        cwd=cwd,
        env=env,
    )
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err + out, err
    assert "internal error" not in err + out, err
    assert "MemoryError" not in err + out and "RecursionError" not in err + out, err
    return Outcome(proc.returncode, out, err)


def assert_bad_input(o: Outcome, *words: str) -> None:
    """Exit 2 and exactly one line on stderr, holding every word."""
    assert o.code == 2, (o.code, o.err, o.out[:500])
    assert len(o.err_lines) == 1, o.err
    for w in words:
        assert w in o.err, o.err
