"""A fork server for the hostile-input harness: every ``ctrules`` run is still a new child process, without
paying for Python's start-up and ctrules' imports each time (~0.3 s a run, a hundred runs).

One server process per test process imports ctrules' modules (imports only: it never runs a command, loads no
catalog and builds no parser) and forks one child per run. The child is what ``python -c RUN ARGS`` is once its
imports are done: a process of its own, its address space capped (``RLIMIT_AS``) before it does any work,
standard input, output and error on pipes (``/dev/null`` as input when none is given), the caller's working
folder and environment, ``sys.argv`` as ``-c`` gives it, and Python's own handling of the end of
``sys.exit(main())``: the exit code, a traceback on stderr for an uncaught exception, atexit functions, flushing
(exit 120 when stdout cannot be flushed). The server kills a child that outlives the time limit.

Protocol, one JSON line each way per run on two pipes: the request ``{"args", "stdin", "out", "err", "cwd",
"env", "memory", "timeout"}`` names a file holding stdin's bytes (or null) and the files that receive stdout's and
stderr's bytes; the answer is ``{"code": N}`` (``-S`` when signal S killed the child, as ``subprocess`` says) or
``{"timeout": true}``.

The environment variables that shape Python itself at start-up (``PYTHON*``, the locale) are fixed when the server
starts; a run asked for with other values gets a plain new ``python`` process instead (:func:`usable`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

# Modules a lint run imports lazily (formats, the Terraform grammar's library, catalog extensions).
PRELOAD = (
    "ctrules.cli",
    "ctrules.cli.main",
    "ctrules.catalog.extensions",
    "ctrules.catalog.fact_schema",
    "tomllib",
    "yaml",
    "lark",
    "hcl2",
    "hcl2.parser",
    "hcl2.postlexer",
)

_SERVER = r'''
import atexit, importlib, json, os, resource, select, signal, sys, time

for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except ImportError:
        pass
REQ, ANS = int(sys.argv[2]), int(sys.argv[3])


def child(req, in_r, out_w, err_w):
    """In the forked child: become `python -c RUN ARGS` after its imports, run, exit."""
    code = 1
    try:
        resource.setrlimit(resource.RLIMIT_AS, (req["memory"], req["memory"]))
        os.dup2(in_r, 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        for fd in (in_r, out_w, err_w, REQ, ANS):
            os.close(fd)
        if req["cwd"] is not None:
            os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        sys.argv = ["-c", *req["args"]]
        try:
            from ctrules.cli import main

            sys.exit(main())
        except SystemExit as exc:  # what Python does with sys.exit's argument
            if exc.code is None:
                code = 0
            elif isinstance(exc.code, int):
                code = exc.code
            else:
                print(exc.code, file=sys.stderr)
                code = 1
        except BaseException:
            sys.excepthook(*sys.exc_info())
            code = 1
        atexit._run_exitfuncs()
        try:
            sys.stdout.flush()
        except BaseException:
            code = 120
        try:
            sys.stderr.flush()
        except BaseException:
            pass
    finally:
        os._exit(code)


def serve(req):
    data = b""
    if req["stdin"] is not None:
        with open(req["stdin"], "rb") as f:
            data = f.read()
        in_r, in_w = os.pipe()
    else:
        in_r, in_w = os.open(os.devnull, os.O_RDONLY), None
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        for fd in (in_w, out_r, err_r):
            if fd is not None:
                os.close(fd)
        child(req, in_r, out_w, err_w)
    for fd in (in_r, out_w, err_w):
        os.close(fd)
    chunks = {out_r: [], err_r: []}
    reading = {out_r, err_r}
    pending = memoryview(data)
    if in_w is not None:
        if pending:
            os.set_blocking(in_w, False)
        else:
            os.close(in_w)
            in_w = None
    deadline = time.monotonic() + req["timeout"]

    def give_up():
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        for fd in (*reading, *([in_w] if in_w is not None else [])):
            os.close(fd)
        return {"timeout": True}

    while reading:
        left = deadline - time.monotonic()
        if left <= 0:
            return give_up()
        readable, writable, _ = select.select(list(reading), [in_w] if in_w is not None else [], [], left)
        if writable:
            try:
                pending = pending[os.write(in_w, pending[:65536]):]
            except BlockingIOError:
                pass
            except BrokenPipeError:
                pending = pending[:0]
            if not pending:
                os.close(in_w)
                in_w = None
        for fd in readable:
            chunk = os.read(fd, 1 << 20)
            if chunk:
                chunks[fd].append(chunk)
            else:
                os.close(fd)
                reading.discard(fd)
    if in_w is not None:
        os.close(in_w)
        in_w = None
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            return give_up()
        time.sleep(0.002)
    for name, fd in (("out", out_r), ("err", err_r)):
        with open(req[name], "wb") as f:
            f.write(b"".join(chunks[fd]))
    return {"code": os.waitstatus_to_exitcode(status)}


answers = os.fdopen(ANS, "w")
for line in os.fdopen(REQ, "rb"):
    answers.write(json.dumps(serve(json.loads(line))) + "\n")
    answers.flush()
'''

# The variables Python reads at start-up (the server's were fixed when it started).
_STARTUP = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE")


def _startup_env(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k.startswith("PYTHON") or k in _STARTUP}


class ForkServer:
    """The server process of this test process, and the runs it makes."""

    def __init__(self, env: dict[str, str]) -> None:
        req_r, self._req_w = os.pipe()
        self._ans_r, ans_w = os.pipe()
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (the server's stderr, open as long as the server runs)
        self.startup_env = _startup_env(env)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SERVER, json.dumps(PRELOAD), str(req_r), str(ans_w)],
            pass_fds=(req_r, ans_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            env=env,
        )
        os.close(req_r)
        os.close(ans_w)
        self._requests = os.fdopen(self._req_w, "w")
        self._answers = os.fdopen(self._ans_r, "r")

    def usable(self, env: dict[str, str]) -> bool:
        """Whether a run with ``env`` is the same here as in a new ``python`` process."""
        return self.proc.poll() is None and _startup_env(env) == self.startup_env

    def run(
        self, args: list[str], *, stdin: bytes | None, cwd: Path | None, env: dict[str, str], memory: int, timeout: float
    ) -> tuple[int, bytes, bytes]:
        """Run ``python -c RUN ARGS`` as a forked child: (exit code, stdout, stderr)."""
        with tempfile.TemporaryDirectory(prefix="ctrules-fork-") as folder:
            files = {name: os.path.join(folder, name) for name in ("in", "out", "err")}
            if stdin is not None:
                Path(files["in"]).write_bytes(stdin)
            request: dict[str, Any] = {
                "args": args,
                "stdin": files["in"] if stdin is not None else None,
                "out": files["out"],
                "err": files["err"],
                "cwd": None if cwd is None else os.fspath(cwd),
                "env": env,
                "memory": memory,
                "timeout": timeout,
            }
            self._requests.write(json.dumps(request) + "\n")
            self._requests.flush()
            line = self._answers.readline()
            if not line:
                self._log.seek(0)
                raise RuntimeError("the hostile harness's fork server died: " + self._log.read().decode(errors="replace"))
            answer = json.loads(line)
            if answer.get("timeout"):
                raise subprocess.TimeoutExpired([sys.executable, "-c", "RUN", *args], timeout)
            return int(answer["code"]), Path(files["out"]).read_bytes(), Path(files["err"]).read_bytes()

    def close(self) -> None:
        self._requests.close()
        self._answers.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()
