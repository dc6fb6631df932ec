"""The hostile-input harness: ``ctrules lint`` in a child process under a memory limit and a time-out.

The limits (``RLIMIT_AS`` 3 GB, 120 s) only catch unbounded work and pass on a loaded machine; how fast bounded
work is belongs to ``bench/``. Every run asserts that no traceback, internal error, ``MemoryError`` or
``RecursionError`` reached the user. The child is forked from a server that has done ctrules' imports
(``forkserver.py``): a new process each run, without Python's start-up each time.
"""

from __future__ import annotations

import atexit
import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.hostile.forkserver import ForkServer

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


_SERVERS: list[ForkServer] = []


def _server(env: dict[str, str]) -> ForkServer | None:
    """This process's fork server (started at the first run), or ``None`` when ``env`` asks for another Python
    start-up than the server's (then the run is a plain new process)."""
    if not _SERVERS:
        _SERVERS.append(ForkServer(env))
        atexit.register(_SERVERS[0].close)
    elif _SERVERS[0].proc.poll() is not None:
        _SERVERS[0] = ForkServer(env)
        atexit.register(_SERVERS[0].close)
    return _SERVERS[0] if _SERVERS[0].usable(env) else None


def lint(*args: str | Path, stdin: bytes | None = None, cwd: Path | None = None) -> Outcome:
    """``ctrules lint ARGS`` in a child process under the memory and time limits."""
    env = {**os.environ, "CTRULES_CACHE_DIR": os.environ.get("CTRULES_CACHE_DIR", str(_CACHE))}
    argv = ["lint", *map(os.fsdecode, args)]
    server = _server(env)
    if server is not None:
        code, stdout, stderr = server.run(argv, stdin=stdin, cwd=cwd, env=env, memory=MEMORY_LIMIT, timeout=TIME_LIMIT)
    else:
        proc = subprocess.run(
            [sys.executable, "-c", RUN, *argv],
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=TIME_LIMIT,
            preexec_fn=limits,
            cwd=cwd,
            env=env,
        )
        code, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
    out = stdout.decode("utf-8", "replace")
    err = stderr.decode("utf-8", "replace")
    assert "Traceback" not in err + out, err
    assert "internal error" not in err + out, err
    assert "MemoryError" not in err + out and "RecursionError" not in err + out, err
    return Outcome(code, out, err)


def assert_bad_input(o: Outcome, *words: str) -> None:
    """Exit 2 and exactly one line on stderr, holding every word."""
    assert o.code == 2, (o.code, o.err, o.out[:500])
    assert len(o.err_lines) == 1, o.err
    for w in words:
        assert w in o.err, o.err
