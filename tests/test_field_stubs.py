"""The generated typed ``ctrules.field`` paths: fresh, consistent with the shapes, and seen by mypy as documented."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import pytest

from ctrules import _field_paths
from ctrules.fields import checked_path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "gen_field_stubs.py"
MYPY = Path(sys.executable).parent / "mypy"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def _overloads() -> list[tuple[str, str | None, tuple[str, ...], bool]]:
    """(event, service literal or None, listed paths, has the typo trap) per typed event, read from the module."""
    tree = ast.parse((ROOT / "ctrules" / "_field_paths.py").read_text(encoding="utf-8"))
    aliases: dict[str, tuple[str, ...]] = {}
    calls: list[ast.FunctionDef] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript):
            (target,) = node.targets
            assert isinstance(target, ast.Name)
            aliases[target.id] = typing.get_args(getattr(_field_paths, target.id))
        elif isinstance(node, ast.FunctionDef) and node.name == "__call__":
            calls.append(node)
    out: list[tuple[str, str | None, tuple[str, ...], bool]] = []
    for f in calls:
        args = {a.arg: ast.unparse(a.annotation) for a in [*f.args.args, *f.args.kwonlyargs] if a.annotation}
        if args["event_name"] == "str" or args["path"] == "str":
            continue
        name = ast.literal_eval(args["event_name"].removeprefix("Literal[").removesuffix("]"))
        service = args["service"]
        svc = ast.literal_eval(service.removeprefix("Literal[").removesuffix("]")) if "Literal" in service else None
        paths = tuple(p for alias in args["path"].split(" | ") for p in aliases[alias])
        trap = any(
            ast.unparse(g.args.args[1].annotation or ast.Constant("")) == args["event_name"]
            and ast.unparse(g.args.args[2].annotation or ast.Constant("")) == "str"
            and any("deprecated" in ast.unparse(d) for d in g.decorator_list)
            for g in calls
        )
        out.append((name, svc, paths, trap))
    return out


@pytest.mark.slow
def test_committed_module_is_fresh() -> None:
    result = _run("--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_check_mode_notices_an_edited_module_and_regeneration_is_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "_field_paths.py"
    committed = (ROOT / "ctrules" / "_field_paths.py").read_bytes()
    out.write_bytes(committed.replace(b"'serviceEventDetails.createAccountStatus.accountId'", b"'x'", 1))
    stale = _run("--check", "--output", str(out))
    assert stale.returncode == 1 and "stale" in stale.stderr
    assert _run("--output", str(out)).returncode == 0
    assert out.read_bytes() == committed


def test_every_listed_path_is_one_ctrules_field_accepts() -> None:
    typed = _overloads()
    assert 50 <= len(typed) <= 150
    for name, service, paths, _trap in typed:
        assert paths, name
        for path in paths:
            assert checked_path(name, path, service=service) == "$.detail." + path


def test_the_examples_events_are_typed_with_their_paths() -> None:
    typed = {name: (paths, trap) for name, _service, paths, trap in _overloads()}
    paths, trap = typed["CreateAccountResult"]
    assert "serviceEventDetails.createAccountStatus.accountId" in paths and trap
    assert "userIdentity.arn" in paths  # the shared envelope paths
    paths, trap = typed["UpdateManagedAccount"]
    assert "serviceEventDetails.updateManagedAccountStatus.account.accountId" in paths and trap
    assert not any("createManagedAccountStatus" in p for p in paths)
    for name in ("ConsoleLogin", "CreateAccessKey", "StopLogging", "ScheduleKeyDeletion", "GetSecretValue"):
        assert name in typed
    # a list cut at MAX_DEPTH / MAX_PATHS has no typo trap (it would flag real deeper paths)
    assert not typed["RunInstances"][1]


def test_ctrules_import_does_not_load_the_typed_paths() -> None:
    code = "import sys, ctrules; ctrules.field; print('ctrules._field_paths' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_mypy_completes_common_events_flags_their_typos_and_takes_any_other_event(tmp_path: Path) -> None:
    src = tmp_path / "use_fields.py"
    src.write_text(
        textwrap.dedent(
            """\
            import ctrules
            from ctrules.fields import field

            good: str = ctrules.field("CreateAccountResult", "serviceEventDetails.createAccountStatus.accountId")
            env: str = field("ConsoleLogin", "userIdentity.arn")
            iam: str = ctrules.field("CreateUser", "requestParameters.userName", service="iam")
            other: str = ctrules.field("PutFunctionConcurrency", "requestParameters.anything.goes")
            name: str = input()
            dynamic: str = ctrules.field(name, "requestParameters.x")
            typo: str = ctrules.field("CreateAccountResult", "serviceEventDetails.createAccountStatus.acountId")
            """
        ),
        encoding="utf-8",
    )
    # The CDK's own stubs are skipped (checking them takes minutes); ctrules is analysed, its errors silenced.
    config = tmp_path / "mypy.ini"
    config.write_text(
        "[mypy]\nstrict = True\nenable_error_code = deprecated\n"
        "[mypy-aws_cdk.*,constructs.*,jsii.*,cdk_nag.*,hcl2.*,yaml.*]\nfollow_imports = skip\n"
        "[mypy-ctrules.*]\nfollow_imports = silent\n",
        encoding="utf-8",
    )
    cmd = [str(MYPY), "--config-file", str(config), "--cache-dir", str(tmp_path / "cache"), str(src)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(errors) == 1, result.stdout
    assert "use_fields.py:10:" in errors[0] and "[deprecated]" in errors[0]
    assert "not a field path ctrules lists for CreateAccountResult records" in errors[0]
