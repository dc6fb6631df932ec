"""Every shell command in the docs is run here or allow-listed with the reason; README Python compiles and runs.

Docs scanned: README.md, docs/*.md, examples/README.md, bench/README.md (fenced ``bash``/``sh`` blocks).
A command is one line of a block after joining ``\\`` continuations and dropping comments.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "examples" / "README.md",
        ROOT / "bench" / "README.md"]

# Commands this test runs, with the exit code the docs imply (1 = the example file has a finding).
RUN: dict[str, int] = {
    "ctrules lint examples/lint/template.yaml": 1,
    "ctrules lint examples/ --exclude '*.tf'": 1,
    ".venv/bin/ctrules --version": 0,
    "ctrules lint examples/lint/main.tf --format sarif": 1,
    "ctrules lint - --region us-east-1 < examples/lint/pattern.json": 0,
    "ctrules show CreateAccountResult": 0,
    "ctrules show PutRolePolicy --fields": 0,
    "ctrules search CreateAccount": 0,
    "make help": 0,
}

# Commands not run here: (regular expression matching the whole command, why).
NOT_RUN: list[tuple[str, str]] = [
    (r"git clone .*", "needs the network; a fresh clone is what CI starts from"),
    (r"make setup|pip install .*|pip wheel .*|python -m build", "installs packages (network, minutes)"),
    (r"\.venv/bin/pip wheel \. -w dist --no-deps", "test_readme_wheel_command_builds_a_wheel runs it (slow)"),
    (r"make (synth|test|unit-quick|bench|catalog|catalog-check)",
     "CI runs make test (unit-quick is a subset of it); synth/bench/catalog take minutes"),
    (r'PATH="\$PWD/\.venv/bin:\$PATH" node_modules/\.bin/cdk synth',
     "cdk synth of the example app takes minutes; tests/test_e2e_synth.py runs it"),
    (r"make docs|\.venv/bin/python scripts/gen_docs\.py",
     "writes files; tests/docs/test_generated_docs.py runs it with --check"),
    (r"\.venv/bin/python scripts/golden\.py --update",
     "writes files; tests/checks/test_golden.py runs it in check mode"),
    (r"\.venv/bin/(pytest|ruff|mypy) .*", "the test suite and linters themselves (make test runs them)"),
    (r"export PATH=.*", "changes the calling shell only"),
    (r"(AWS_REGION=\S+ )?cdk (bootstrap|deploy) .*", "deploys to AWS: needs credentials"),
    (r"pre-commit try-repo .*", "tests/cli/test_precommit_hook.py runs it on a sample repository"),
    (r"ctrules export rego .*", "writes or reads a pack file; tests/export/test_rego_pack.py runs both"),
    (r"\.venv/bin/python bench/\S+\.py.*|python bench/\S+\.py.*", "benchmarks are run by hand (minutes)"),
    (r"ctrules audit( .*)?", "reads an AWS account: needs credentials (tests/audit runs it against moto's server)"),
]

_FENCE = re.compile(r"^```(\w*)\s*$")


def doc_commands() -> list[tuple[str, int, str]]:
    """(doc, line, command) for every command in a bash/sh block of the docs."""
    found: list[tuple[str, int, str]] = []
    for doc in DOCS:
        if not doc.exists():
            continue
        lang: str | None = None
        pending, start = "", 0
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            fence = _FENCE.match(line)
            if fence:
                lang = None if lang is not None else fence.group(1)
                continue
            if lang not in ("bash", "sh"):
                continue
            text = re.sub(r"(^|\s+)#(\s.*)?$", "", line).rstrip()
            if not pending:
                start = number
            if text.endswith("\\"):
                pending += text[:-1].rstrip() + " "
                continue
            command = (pending + text).strip()
            pending = ""
            if command:
                found.append((str(doc.relative_to(ROOT)), start, re.sub(r"\s+", " ", command)))
    return found


COMMANDS = doc_commands()


def _not_run_reason(command: str) -> str | None:
    return next((reason for pattern, reason in NOT_RUN if re.fullmatch(pattern, command)), None)


def test_the_docs_hold_commands() -> None:
    assert len(COMMANDS) > 10


@pytest.mark.parametrize(("doc", "line", "command"), COMMANDS, ids=[f"{d}:{n}" for d, n, _ in COMMANDS])
def test_every_doc_command_is_run_or_allow_listed(doc: str, line: int, command: str) -> None:
    assert command in RUN or _not_run_reason(command), (
        f"{doc}:{line}: `{command}` is neither run by tests/docs/test_doc_commands.py (RUN) nor allow-listed "
        "with a reason (NOT_RUN): add it to one of them"
    )


def test_every_listed_command_is_still_in_the_docs() -> None:
    commands = {c for _, _, c in COMMANDS}
    assert set(RUN) <= commands, f"RUN lists commands no doc has: {sorted(set(RUN) - commands)}"
    unused = [p for p, _ in NOT_RUN if not any(re.fullmatch(p, c) for c in commands)]
    assert not unused, f"NOT_RUN patterns no doc command matches: {unused}"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["CDK_VALIDATION"] = "false"
    return env


@pytest.mark.parametrize("command", sorted(RUN))
def test_doc_command_runs(command: str) -> None:
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=_env(), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == RUN[command], f"`{command}` exited {result.returncode}: {result.stderr[-2000:]}"
    assert result.stdout.strip(), f"`{command}` printed nothing"
    assert "Traceback" not in result.stderr


def _python_blocks(doc: Path) -> list[tuple[int, str]]:
    blocks: list[tuple[int, str]] = []
    lines, start, inside = [], 0, False
    for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
        if not inside and line.strip() == "```python":
            inside, lines, start = True, [], number + 1
        elif inside and line.strip() == "```":
            inside = False
            blocks.append((start, "\n".join(lines) + "\n"))
        elif inside:
            lines.append(line)
    return blocks


README_PYTHON = _python_blocks(ROOT / "README.md")


@pytest.mark.parametrize(("line", "source"), README_PYTHON, ids=[f"README.md:{n}" for n, _ in README_PYTHON])
def test_readme_python_compiles(line: int, source: str) -> None:
    compile(source, f"README.md:{line}", "exec")


def test_readme_quickstart_synthesizes(tmp_path: Path) -> None:
    quickstart = next(src for _, src in README_PYTHON if "app.synth()" in src and "CloudTrailChecks()" in src)
    (tmp_path / "app.py").write_text(quickstart, encoding="utf-8")
    env = _env()
    env["CDK_OUTDIR"] = str(tmp_path / "cdk.out")
    result = subprocess.run([sys.executable, "app.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    template = (tmp_path / "cdk.out" / "Org.template.json").read_text(encoding="utf-8")
    assert "AWS Service Event via CloudTrail" in template and "CreateAccountResult" in template


def _readme_text_blocks() -> list[tuple[int, str]]:
    blocks: list[tuple[int, str]] = []
    lines: list[str] = []
    start, inside = 0, False
    for number, line in enumerate((ROOT / "README.md").read_text(encoding="utf-8").splitlines(), 1):
        if not inside and line.strip() == "```text":
            inside, lines, start = True, [], number + 1
        elif inside and line.strip() == "```":
            inside = False
            blocks.append((start, "\n".join(lines) + "\n"))
        elif inside:
            lines.append(line)
    return blocks


def test_readme_sample_lint_output_is_a_real_run() -> None:
    """README's sample of ``ctrules lint`` output is what the command prints now (piped: no colour, no wrapping)."""
    command = "ctrules lint examples/lint/template.yaml"
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=_env(), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    samples = [text for _, text in _readme_text_blocks() if text.startswith("examples/lint/template.yaml:")]
    assert samples == [result.stdout], f"README.md's sample output is stale; paste this:\n{result.stdout}"


@pytest.mark.slow
def test_readme_wheel_command_builds_a_wheel() -> None:
    """README's wheel command, as written, builds a wheel; what it leaves behind is ignored by git."""
    command = ".venv/bin/pip wheel . -w dist --no-deps"
    assert any(c == command for _, _, c in COMMANDS)
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=_env(), capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert list((ROOT / "dist").glob("ctrules-*.whl"))
    for left in ("dist", "build", "ctrules.egg-info"):
        ignored = subprocess.run(["git", "check-ignore", "-q", left], cwd=ROOT)
        assert ignored.returncode == 0, f"{left}/ is not ignored by git"
