"""The import graph: no package reaches into another package's private modules.

A module ``ctrules.<pkg>._x`` (or a private name imported from it) is an implementation detail of ``<pkg>``:
code outside ``ctrules/<pkg>/`` uses the package's public modules instead (e.g. ``ctrules.catalog.index``, not
``ctrules.catalog._store``). Top-level helpers ``ctrules._x`` are shared by the whole library and exempt.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ctrules"


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            out.extend((node.lineno, f"{node.module}.{a.name}") for a in node.names)
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
    return out


def private_imports_across_packages(root: Path = PACKAGE) -> list[str]:
    """``file:line: module`` for each import of ``ctrules.<pkg>._private`` from outside ``ctrules/<pkg>/``."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        own = path.relative_to(root.parent).with_suffix("").parts  # ("ctrules", "checks", "engine")
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        seen: set[int] = set()
        for line, module in _imported_modules(tree):
            if line in seen:
                continue  # one report per import statement
            parts = module.split(".")
            if parts[0] != "ctrules" or len(parts) < 3:
                continue
            private = next((i for i in range(2, len(parts)) if parts[i].startswith("_")), None)
            if private is None:
                continue
            owner = tuple(parts[:private])  # the package whose private part is imported (a module's package)
            while len(owner) > 1 and not root.parent.joinpath(*owner).is_dir():
                owner = owner[:-1]
            if own[: len(owner)] != owner:
                found.append(f"{path.relative_to(root.parent)}:{line}: {module}")
                seen.add(line)
    return found


def test_no_private_import_across_packages() -> None:
    assert private_imports_across_packages() == []


def test_the_scan_sees_a_private_import(tmp_path: Path) -> None:
    pkg = tmp_path / "ctrules"
    (pkg / "checks").mkdir(parents=True)
    (pkg / "catalog").mkdir()
    (pkg / "inputs").mkdir()
    (pkg / "checks" / "a.py").write_text("from ctrules.catalog._store import store\nimport ctrules.catalog.index\n")
    (pkg / "catalog" / "b.py").write_text("from ctrules.catalog._store import store\n")  # its own package: fine
    (pkg / "checks" / "c.py").write_text("def f():\n    from ctrules.inputs import _model\n")
    (pkg / "catalog" / "api.py").write_text("def _suggest(): ...\n")
    (pkg / "catalog" / "d.py").write_text("from ctrules.catalog.api import _suggest\n")  # same package: fine
    (pkg / "checks" / "e.py").write_text("from ctrules.catalog.api import _suggest\n")
    found = private_imports_across_packages(pkg)
    assert [f.split(": ")[1] for f in found] == ["ctrules.catalog._store", "ctrules.inputs._model", "ctrules.catalog.api._suggest"]


@pytest.mark.parametrize("module", ["ctrules.checks", "ctrules.catalog", "ctrules.eventpattern"])
def test_the_pure_core_does_not_import_the_cdk(module: str) -> None:
    import subprocess
    import sys

    code = f"import sys, {module}; print('aws_cdk' in sys.modules or 'jsii' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


def test_linting_reads_with_the_parsers_its_files_need(tmp_path: Path) -> None:
    """The Terraform reader's Lark parser (~40 ms of every start) and PyYAML (~15 ms) are imported when a file of
    theirs is read, not for a JSON template or pattern: and then they are."""
    import subprocess
    import sys

    template = tmp_path / "t.json"
    template.write_text('{"source": ["aws.iam"], "detail-type": ["AWS API Call via CloudTrail"]}', encoding="utf-8")
    hcl = tmp_path / "main.tf"
    hcl.write_text('resource "aws_cloudwatch_event_rule" "r" {\n  event_pattern = "{}"\n}\n', encoding="utf-8")
    yml = tmp_path / "t.yaml"
    yml.write_text("Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n"
                   "        source: [aws.iam]\n", encoding="utf-8")  # fmt: skip
    code = (
        "import io, sys, contextlib\nfrom ctrules.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    main(['lint', sys.argv[1], '--region', 'us-east-1'])\n"
        "print('lark' in sys.modules, 'yaml' in sys.modules)\n"
    )
    for path, loaded in ((template, "False False"), (hcl, "True False"), (yml, "False True")):
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert out.stdout.strip() == loaded, (path.name, out.stdout, out.stderr)
