"""``ctrules lint FOLDER``: every format found by a scan, ``--exclude``, and docs/ci.md's GitHub Actions job as
written."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ctrules.cli.report import lint
from tests.cli.clihelp import GOOD, SEED, run, template, write

ROOT = Path(__file__).resolve().parents[2]

TF = """\
resource "aws_cloudwatch_event_rule" "accounts" {
  event_pattern = jsonencode({
    source        = ["aws.organizations"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail        = { eventName = ["CreateAccountResult"] }
  })
}
"""
SERVERLESS = """\
service: audit
provider:
  name: aws
  region: us-east-1
functions:
  onAccount:
    handler: h.main
    events:
      - eventBridge:
          pattern:
            source: [aws.organizations]
            detail-type: [AWS API Call via CloudTrail]
            detail:
              eventName: [CreateAccountResult]
"""
SAM = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Handler: h.main
      Runtime: python3.12
      Events:
        OnAccount:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [aws.organizations]
              detail-type: [AWS API Call via CloudTrail]
              detail:
                eventName: [CreateAccountResult]
"""


def sample_repo(root: Path) -> Path:
    """A repository with a rule in every format, and files of other kinds beside them."""
    write(root / "templates" / "org.json", template(NewAccount={"Type": "AWS::Events::Rule",
                                                                 "Properties": {"EventPattern": SEED}}))  # fmt: skip
    write(root / "templates" / "sam" / "template.yaml", SAM)
    write(root / "infra" / "main.tf", TF)
    write(root / "serverless.yml", SERVERLESS)
    write(root / "patterns" / "good.json", GOOD)
    asm = root / "app" / "cdk.out"
    artifact = {"type": "aws:cloudformation:stack", "environment": "aws://123456789012/us-east-1",
                "properties": {"templateFile": "S.template.json"}}  # fmt: skip
    write(asm / "manifest.json", {"version": "48.0.0", "artifacts": {"S": artifact}})
    write(asm / "S.template.json", template(R={"Type": "AWS::Events::Rule", "Properties": {"EventPattern": SEED}}))
    # Not templates: configuration, a CI workflow, a Helm chart that does not parse, docs, dependencies.
    write(root / "package.json", {"name": "x", "version": "1.0.0"})
    write(root / "config" / "settings.yaml", "log_level: debug\nretries: 3\n")
    write(root / "chart" / "templates" / "deploy.yaml", "kind: Deployment\n{{ .Values.x }}: [\n")
    write(root / ".github" / "workflows" / "ci.yml", "on: push\njobs: {}\n")
    write(root / "README.md", "# sample\n")
    write(root / "web" / "public" / "manifest.json", {"name": "My PWA", "icons": []})  # a web app's, not a cdk.out
    write(root / "node_modules" / "dep" / "t.json", template(X={"Type": "AWS::Events::Rule",
                                                                 "Properties": {"EventPattern": SEED}}))  # fmt: skip
    return root


def test_a_folder_is_scanned_for_every_format(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "repo")
    r = run("lint", repo, "--format", "json")
    doc = r.json()
    files = sorted(os.path.relpath(f["file"], repo) for f in doc["findings"])
    assert sorted(set(files)) == [
        "app/cdk.out/S.template.json",
        "infra/main.tf",
        "serverless.yml",
        "templates/org.json",
        "templates/sam/template.yaml",
    ]
    assert doc["summary"]["rules"] == 6 and doc["summary"]["checked"] == 6  # the good pattern too
    assert "node_modules" not in r.out
    skipped = sorted(os.path.relpath(s["file"], repo) for s in doc["skipped"])
    assert skipped == ["chart/templates/deploy.yaml", "config/settings.yaml", "web/public/manifest.json"]
    # One note for every file skipped, not one per file; exit 1 (errors found), not 2.
    assert r.code == 1
    (note,) = r.err.splitlines()
    assert note.startswith("ctrules: note: skipped 3 files of no format ctrules reads (")


def test_exclude(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "repo")
    r = run("lint", repo, "--format", "json", "--exclude", "sam", "--exclude", "infra/*", "--exclude", "chart/",
            "--exclude", "*.yml", "--exclude", "cdk.out")  # fmt: skip
    files = {os.path.relpath(f["file"], repo) for f in r.json()["findings"]}
    assert files == {"templates/org.json"}
    assert [os.path.relpath(s["file"], repo) for s in r.json()["skipped"]] == ["config/settings.yaml",
                                                                               "web/public/manifest.json"]


def test_a_broken_template_in_a_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    write(tmp_path / "ok.json", template(R={"Type": "AWS::Events::Rule", "Properties": {"EventPattern": GOOD}}))
    write(tmp_path / "broken.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n")
    r = run("lint", tmp_path)
    assert r.code == 2
    assert "broken.yaml: broken YAML" in r.err


def test_a_broken_serverless_file_in_a_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    write(tmp_path / "ok.json", template(R={"Type": "AWS::Events::Rule", "Properties": {"EventPattern": GOOD}}))
    write(tmp_path / "serverless.yml", "service: s\nfunctions:\n  f:\n    events:\n      - eventBridge:\n   [\n")
    r = run("lint", tmp_path)
    assert r.code == 2 and "serverless.yml: broken YAML" in r.err


def test_symbolic_links_in_a_folder_are_read_once(tmp_path: Path) -> None:
    """A linked file or folder outside the scanned folder is read under the link's name; one inside is read once,
    under its own name; a loop of links ends; a dangling link is noted."""
    shared = tmp_path / "shared"
    write(shared / "org.json", template(Org={"Type": "AWS::Events::Rule", "Properties": {"EventPattern": SEED}}))
    stack = tmp_path / "stack"
    write(stack / "ok.json", template(R={"Type": "AWS::Events::Rule", "Properties": {"EventPattern": GOOD}}))
    (stack / "org.json").symlink_to(shared / "org.json")  # a file outside the folder scanned
    (stack / "linked").symlink_to(shared, target_is_directory=True)  # a folder outside it
    (stack / "again.json").symlink_to(stack / "ok.json")  # inside: read once, as ok.json
    (stack / "loop").symlink_to(stack, target_is_directory=True)
    (stack / "gone.json").symlink_to(tmp_path / "missing.json")
    r = run("lint", stack, "--format", "json", "--region", "us-east-1")
    doc = r.json()
    assert r.code == 1
    assert sorted(os.path.relpath(f["file"], stack) for f in doc["findings"]) == ["linked/org.json", "org.json"]
    assert doc["summary"]["rules"] == 3
    assert [os.path.relpath(s["file"], stack) for s in doc["skipped"]] == ["gone.json"]


def test_rule_counts_match_the_files_given_one_by_one(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "repo")
    whole = lint([str(repo)])
    one_by_one = lint([str(repo / p) for p in ("templates", "infra", "serverless.yml", "patterns", "app/cdk.out")])
    assert whole.rules == one_by_one.rules == 6
    assert sorted(f.path for f in whole.files if f.rules) == sorted(f.path for f in one_by_one.files if f.rules)


# --- docs/ci.md's GitHub Actions job, as written -----------------------------------------------------------------


def _workflow() -> dict[str, Any]:
    import yaml

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.github/workflows/ctrules\.yml\n.*?)```", text, re.S)
    assert block, "docs/ci.md has no .github/workflows/ctrules.yml block"
    doc: dict[str, Any] = yaml.safe_load(block.group(1))
    return doc


def _expand(command: str, outputs: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*steps\.lint\.outputs\.(\w+)\s*\}\}", lambda m: outputs.get(m.group(1), ""), command)


def test_docs_ci_github_actions_job_runs_as_written(tmp_path: Path) -> None:
    """Every ``run:`` step of the job but the install (which needs the network; ctrules is on PATH here) runs in a
    sample repository, with ``$GITHUB_OUTPUT`` as the runner gives it; the upload step gets valid SARIF."""
    repo = sample_repo(tmp_path / "repo")
    (steps,) = [job["steps"] for job in _workflow()["jobs"].values()]
    output_file = tmp_path / "github_output"
    output_file.write_text("")
    env = {**os.environ, "GITHUB_OUTPUT": str(output_file), "PYTHONPATH": str(ROOT),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}  # fmt: skip
    ran = []
    outputs: dict[str, str] = {}
    for step in steps:
        if "run" not in step or step.get("name") == "Install ctrules":
            continue
        if step.get("if", "always()") not in ("always()",):
            condition = _expand(step["if"].replace("steps.lint.outputs.status", "'${{ steps.lint.outputs.status }}'"),
                                outputs)  # fmt: skip
            left, right = (s.strip().strip("'") for s in condition.split("!="))
            if left == right:
                continue
        proc = subprocess.run(["bash", "-e", "-c", _expand(step["run"], outputs)], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=120)  # fmt: skip
        ran.append((step.get("name"), proc.returncode))
        outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
        assert "Traceback" not in proc.stderr, proc.stderr
    sarif = json.loads((repo / "ctrules.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert outputs["status"] == "1"  # the sample repository has errors
    assert ran == [("Lint EventBridge rules", 0), ("Fail on errors", 1)]


# --- the registry: docs, help and the pre-commit hook agree with it ----------------------------------------------


def test_docs_ci_table_is_the_registry() -> None:
    from ctrules.inputs.registry import markdown_table

    assert markdown_table() in (ROOT / "docs" / "ci.md").read_text(encoding="utf-8"), (
        "docs/ci.md's table of formats differs from the registry of readers; paste this:\n" + markdown_table()
    )


def test_precommit_hook_types_are_the_registry() -> None:
    import yaml

    from ctrules.inputs.registry import precommit_types

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert sorted(hook["types_or"]) == precommit_types()


def test_help_names_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    from ctrules.inputs.registry import READERS

    assert run("lint", "--help").code == 0
    text = " ".join(capsys.readouterr().out.split()) + " ".join(run("lint", "--help").out.split())
    for reader in READERS:
        assert " ".join(reader.title.split()) in text


@pytest.mark.parametrize(
    ("pattern", "excluded"),
    [
        ("fixtures", {"fixtures/a.json", "src/fixtures/b.json"}),
        ("/fixtures", {"fixtures/a.json"}),
        ("src/*", {"src/fixtures/b.json", "src/c.json"}),
        ("**/fixtures/*.json", {"fixtures/a.json", "src/fixtures/b.json"}),
        ("*.json", {"fixtures/a.json", "src/fixtures/b.json", "src/c.json", "d.json"}),
        ("c.json/", set()),  # folders only
    ],
)
def test_exclude_patterns(pattern: str, excluded: set[str]) -> None:
    from ctrules.inputs.reader import Exclude

    files = {"fixtures/a.json", "src/fixtures/b.json", "src/c.json", "d.json"}
    assert {f for f in files if Exclude([pattern]).covers(f)} == excluded


def test_progress_is_told_each_file_while_reading_and_checking(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "repo")
    seen: list[str] = []
    lint([str(repo)], progress=lambda report, path: seen.append(os.path.relpath(path, repo)))
    assert "config/settings.yaml" in seen  # told while reading, before it is known to hold no rule
    assert "templates/org.json" in seen


def test_a_folder_that_cannot_be_read_is_named_and_the_scan_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One unreadable sub-folder (no permission) once ended the scan with an error naming the root, every finding
    of the readable files lost."""
    write(tmp_path / "a.json", template(R={"Type": "AWS::Events::Rule", "Properties": {"EventPattern": SEED}}))
    locked = tmp_path / "locked"
    write(locked / "b.json", template(R={"Type": "AWS::Events::Rule", "Properties": {"EventPattern": GOOD}}))
    listdir = os.listdir

    def refuse(path: Any = ".") -> list[str]:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return listdir(path)

    monkeypatch.setattr(os, "listdir", refuse)
    r = run("lint", tmp_path, "--format", "json", "--region", "us-east-1")
    assert r.code == 2
    assert [(os.path.relpath(p["file"], tmp_path), p["message"]) for p in r.json()["problems"]] == [
        ("locked", "cannot read this folder: Permission denied")
    ]
    assert [f["code"] for f in r.json()["findings"]] == ["CTR001"]
