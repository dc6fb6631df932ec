"""The hostile-input harness itself: a forked run keeps what a new ``python -c RUN lint ...`` process gives the tests
(exit codes, stdin, stdout and stderr bytes, working folder, environment, the memory cap and the time-out), and the
server outlives a run that failed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.forkserver import ForkServer
from tests.hostile.harness import MEMORY_LIMIT, RUN, TIME_LIMIT, _server

TYPO = json.dumps({"source": ["aws.iam"], "detail": {"eventName": ["CreateUsr"]}}).encode()
GOOD = json.dumps({"source": ["aws.iam"], "detail": {"eventName": ["CreateUser"]}}).encode()


@pytest.fixture(scope="module")
def server() -> ForkServer:
    env = dict(os.environ)
    found = _server(env)
    assert found is not None and found.usable(env)
    return found


def _fresh(args: list[str], stdin: bytes | None, cwd: Path | None = None) -> tuple[int, bytes, bytes]:
    proc = subprocess.run([sys.executable, "-c", RUN, *args], input=stdin, capture_output=True, cwd=cwd,
                          stdin=None if stdin is not None else subprocess.DEVNULL, timeout=TIME_LIMIT)
    return proc.returncode, proc.stdout, proc.stderr


def _forked(server: ForkServer, args: list[str], stdin: bytes | None, cwd: Path | None = None,
            memory: int = MEMORY_LIMIT, timeout: float = TIME_LIMIT) -> tuple[int, bytes, bytes]:
    return server.run(args, stdin=stdin, cwd=cwd, env=dict(os.environ), memory=memory, timeout=timeout)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["lint", "-", "--format", "json"], TYPO),  # exit 1, findings on stdout
        (["lint", "-"], GOOD),  # exit 0
        (["lint", "--format", "nope", "x"], None),  # a usage error: exit 2, stderr only
        (["lint", "-"], None),  # stdin is /dev/null: nothing to lint
        (["lint", "-", "--max-bytes", "10"], TYPO),  # stdin over the cap
    ],
)
def test_a_forked_run_gives_what_a_new_process_gives(server: ForkServer, args: list[str], stdin: bytes | None) -> None:
    assert _forked(server, args, stdin) == _fresh(args, stdin)


def test_large_stdin_and_output_pass_whole(server: ForkServer) -> None:
    """Megabytes in and more than a pipe's buffer out (the server writes and reads the child's pipes together)."""
    rules = {f"R{i}": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": json.loads(TYPO)}} for i in range(1500)}
    template = json.dumps({"Resources": rules}).encode() + b" " * (3 << 20)
    args = ["lint", "-", "--format", "json", "--max-bytes", "10M"]
    code, out, err = _forked(server, args, template)
    assert (code, out, err) == _fresh(args, template)
    assert len(json.loads(out)["findings"]) == 1500 and len(out) > 1 << 19


def test_working_folder_and_non_utf8_names(server: ForkServer, tmp_path: Path) -> None:
    name = os.fsdecode(b"t\xff.json")
    (tmp_path / name).write_bytes(json.dumps({"Resources": {"R": {"Type": "AWS::Events::Rule", "Properties": {
        "EventPattern": json.loads(TYPO)}}}}).encode())  # fmt: skip
    args = ["lint", name]
    code, out, err = _forked(server, args, None, cwd=tmp_path)
    assert code == 1 and b"CTR003" in out
    assert (code, out, err) == _fresh(args, None, cwd=tmp_path)


def test_the_memory_cap_holds_in_the_child_and_the_server_goes_on(server: ForkServer) -> None:
    code, out, err = _forked(server, ["lint", "-"], TYPO, memory=24 * 1024**2)  # less than Python with ctrules needs
    assert code not in (0, 1) and (b"MemoryError" in err or code < 0), (code, out, err)
    assert _forked(server, ["lint", "-"], TYPO)[0] == 1


def test_the_time_limit_kills_the_child_and_the_server_goes_on(server: ForkServer) -> None:
    names = [f"CreateUsr{i}" for i in range(5000)]
    pattern = json.dumps({"source": ["aws.iam"], "detail": {"eventName": names}}).encode()
    with pytest.raises(subprocess.TimeoutExpired):
        _forked(server, ["lint", "-"], pattern, timeout=0.05)
    assert _forked(server, ["lint", "-"], TYPO)[0] == 1


def test_another_python_start_up_gets_a_new_process(server: ForkServer) -> None:
    assert not server.usable({**os.environ, "PYTHONIOENCODING": "latin-1"})
    assert _server({**os.environ, "PYTHONIOENCODING": "latin-1"}) is None
