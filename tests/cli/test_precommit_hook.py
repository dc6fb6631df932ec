"""The pre-commit hook (``.pre-commit-hooks.yaml``), run by ``pre-commit try-repo`` on a sample git repository.

The hook's ``language: python`` makes pre-commit ``pip install`` this project (with aws-cdk-lib, ~430 MB) into a
fresh environment, which needs the package index. To run offline, the test serves the hook definition from a
copy whose only change is ``language: system`` (the ``ctrules`` of this virtualenv on PATH); everything else
(id, entry and arguments, file types, excludes) is the file as shipped, checked field by field below.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.clihelp import GOOD, SEED

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / ".pre-commit-hooks.yaml"

pytestmark = [
    pytest.mark.precommit,
    pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git"),
]


def hook() -> dict[str, Any]:
    (only,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return dict(only)


def test_hook_definition() -> None:
    h = hook()
    assert h["id"] == "ctrules-lint"
    assert h["language"] == "python"  # installs this project (pyproject's console script `ctrules`)
    assert h["entry"] == "ctrules lint --skip-unrecognized"
    assert set(h["types_or"]) == {"json", "yaml", "terraform", "hcl"}


def git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def offline_hook_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "hook-repo"
    repo.mkdir()
    (repo / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump([{**hook(), "language": "system"}]))
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "hook")
    return repo


def sample_repo(tmp_path: Path, pattern: dict[str, Any]) -> Path:
    repo = tmp_path / "project"
    (repo / "infra").mkdir(parents=True)
    rule = json.dumps(pattern)
    (repo / "infra" / "main.tf").write_text(
        f'resource "aws_cloudwatch_event_rule" "accounts" {{\n  event_pattern = <<EOF\n{rule}\nEOF\n}}\n'
    )
    (repo / "infra" / ".terraform.lock.hcl").write_text('provider "registry.terraform.io/hashicorp/aws" {\n}\n')
    (repo / "package.json").write_text('{"name": "app", "version": "1.0.0"}\n')
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n")
    (repo / "README.md").write_text("not linted\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


def try_repo(hook_repo: Path, project: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    cmd = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(hook_repo),
        "ctrules-lint",
        "--all-files",
        "--color",
        "never",
    ]
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=300)


def test_try_repo_fails_on_a_broken_rule_with_file_and_line(tmp_path: Path) -> None:
    proc = try_repo(offline_hook_repo(tmp_path), sample_repo(tmp_path, SEED), tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "ctrules lint (CloudTrail-driven EventBridge rules)" in proc.stdout and "Failed" in proc.stdout
    assert "infra/main.tf:2  CTR001 error  aws_cloudwatch_event_rule.accounts  " in proc.stdout
    # package.json is excluded, the workflow is noted as no format ctrules reads, README is not passed
    assert "package.json" not in proc.stdout and "README.md" not in proc.stdout
    assert "note: skipped .github/workflows/ci.yml: not a format ctrules reads" in proc.stdout


def test_try_repo_passes_on_a_correct_rule(tmp_path: Path) -> None:
    proc = try_repo(offline_hook_repo(tmp_path), sample_repo(tmp_path, GOOD), tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
