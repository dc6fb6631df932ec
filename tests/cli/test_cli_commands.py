"""``ctrules show``, ``search``, ``catalog``; ``python -m ctrules``; the console script; no aws_cdk import."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ctrules import catalog
from ctrules.catalog import READ_ONLY_RULE_STATE
from ctrules.patterns import pattern_dict
from tests.cli.clihelp import SEED, rule, run, template, write

BIN = Path(sys.executable).parent


def pattern_block(out: str) -> object:
    """The JSON between "Event pattern:" and "ctrules (Python):"."""
    start = out.index("Event pattern:\n") + len("Event pattern:\n")
    return json.loads(out[start : out.index("\nctrules (Python):")])


# ------------------------------------------------------------------------------------------------ show


def test_show_service_event() -> None:
    r = run("show", "CreateAccountResult")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == "CreateAccountResult (aws.organizations)"
    text = r.out
    for expected in (
        "eventSource:  organizations.amazonaws.com",
        "source:       aws.organizations",
        "eventType:    AwsServiceEvent",
        "detail-type:  AWS Service Event via CloudTrail",
        "readOnly:     false",
        "EventBridge:  not read-only",
        "category:     Management",
        "home region:  us-east-1 (global service",
        "verified:     yes",
        "evidence:     ",
    ):
        assert expected in text, expected
    assert pattern_block(text) == pattern_dict("CreateAccountResult")
    assert lines[-2:] == [
        "from ctrules import ServiceEventRule",
        'ServiceEventRule(self, "CreateAccountResult", "CreateAccountResult")',
    ]


def test_show_read_only_event_names_the_state() -> None:
    ev = next(
        e for e in catalog.all_events() if e.eventbridge_read_only and len(catalog.lookup(e.event_name)) == 1
    )
    r = run("show", ev.event_name)
    assert f"EventBridge:  read-only: delivered only to rules with State {READ_ONLY_RULE_STATE}" in r.out


def test_show_ambiguous_name() -> None:
    r = run("show", "TagResource")
    assert r.code == 2 and r.out == ""
    (line,) = r.err.splitlines()
    assert line.startswith("ctrules: error: CloudTrail event 'TagResource' is logged by ")
    assert "'aws.kms'" in line or " more" in line
    assert "--service" in line


def test_show_ambiguous_name_with_service() -> None:
    r = run("show", "TagResource", "--service", "aws.kms")
    assert r.code == 0, r.err
    assert r.out.splitlines()[-1] == 'ApiCallRule(self, "TagResource", "TagResource", service="kms")'
    assert pattern_block(r.out) == pattern_dict("TagResource", service="kms")
    assert catalog.get("TagResource", service="kms").source == "aws.kms"


def test_show_several_event_types_uses_cloudtrail_rule() -> None:
    multi = [e for e in catalog.all_events() if len(e.event_types) > 1]
    if not multi:
        pytest.skip("no event with several eventTypes in this catalog")
    ev = multi[0]
    r = run("show", ev.event_name, "--service", ev.source)
    assert r.code == 0, r.err
    assert r.out.splitlines()[-1].startswith(f'CloudTrailRule(self, "{ev.event_name}", "{ev.event_name}"')
    assert "eventType:    " + ", ".join(ev.event_types) in r.out


def test_show_unknown_name_and_service() -> None:
    r = run("show", "CreateAccountResul")
    assert r.code == 2
    (line,) = r.err.splitlines()
    assert "unknown CloudTrail event 'CreateAccountResul'" in line and "CreateAccountResult" in line
    r = run("show", "CreateAccountResult", "--service", "organisations")
    assert r.code == 2
    (line,) = r.err.splitlines()
    assert "unknown service 'organisations'" in line and "organizations" in line


def test_show_json() -> None:
    r = run("show", "CreateAccountResult", "--json")
    doc = json.loads(r.out)
    assert doc["event_types"] == ["AwsServiceEvent"] and doc["home_region"] == "us-east-1"
    assert doc["pattern"] == pattern_dict("CreateAccountResult")
    assert doc["python"].endswith('ServiceEventRule(self, "CreateAccountResult", "CreateAccountResult")')


def test_show_output_is_a_pattern_that_lints_clean(tmp_path: Path) -> None:
    pattern = json.loads(run("show", "CreateAccountResult", "--json").out)["pattern"]
    path = write(tmp_path / "t.json", template(R=rule(pattern)))
    assert run("lint", path, "--region", "us-east-1").code == 0


# ---------------------------------------------------------------------------------------------- search


def test_search() -> None:
    r = run("search", "createaccountresult")
    assert r.code == 0
    first = r.out.splitlines()[0].split()
    assert first[:3] == ["CreateAccountResult", "aws.organizations", "AwsServiceEvent"]
    assert "global:us-east-1" in first


def test_search_filters_and_limit() -> None:
    r = run("search", "CreateAccount", "--type", "service-event", "--service", "organizations")
    assert [line.split()[0] for line in r.out.splitlines()] == ["CreateAccountResult"]
    r = run("search", "Describe", "--limit", "3")
    assert r.code == 0 and len(r.out.splitlines()) == 3
    assert r.err == "ctrules: more than 3 matches; narrow the search or raise --limit\n"
    r = run("search", "Login", "--type", "console-sign-in")
    for line in r.out.splitlines():
        assert "AwsConsoleSignIn" in line


def test_search_nothing_found_and_bad_service() -> None:
    r = run("search", "NoSuchEventAnywhere")
    assert (r.code, r.out, r.err) == (
        1,
        "",
        "ctrules: no CloudTrail event name contains 'NoSuchEventAnywhere'\n",
    )
    r = run("search", "Create", "--service", "nosuchservice")
    assert r.code == 2 and r.err.startswith("ctrules: error: unknown service 'nosuchservice'")


def test_search_json() -> None:
    doc = json.loads(run("search", "CreateAccountResult", "--json").out)
    assert doc["results"][0]["event_name"] == "CreateAccountResult" and doc["more"] is False


# --------------------------------------------------------------------------------------------- catalog


def test_catalog() -> None:
    r = run("catalog", "--top", "3")
    assert r.code == 0
    info = catalog.info()
    total = sum(1 for _ in catalog.all_events())
    lines = r.out.splitlines()
    assert lines[0].startswith(f"ctrules catalog: {total:,} events from ")
    assert f"catalog schema {info['schema']}; data of {catalog.coverage().version_text}" in r.out
    api_calls = sum(1 for e in catalog.all_events() if "AwsApiCall" in e.event_types)
    assert any(line.split() == ["AwsApiCall", f"{api_calls:,}"] for line in lines)
    by_service = lines[lines.index(next(x for x in lines if x.startswith("By service"))) + 1 :]
    assert len(by_service) == 3 and by_service[0].split()[0] == "aws.ec2"


def test_catalog_all_and_json() -> None:
    n_sources = len({e.source for e in catalog.all_events()})
    r = run("catalog", "--all")
    assert "By service (all):" in r.out
    assert len(r.out.split("By service (all):\n")[1].splitlines()) == n_sources
    doc = json.loads(run("catalog", "--json").out)
    assert doc["events"] == sum(doc["by_event_type"].values()) - _multi_type_extra()
    assert doc["upstream"]["botocore"] == catalog.info()["upstream"]["botocore"]


def _multi_type_extra() -> int:
    return sum(len(e.event_types) - 1 for e in catalog.all_events())


# ------------------------------------------------------------------------------------------- processes


def test_python_dash_m(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(NewAccount=rule(SEED)))
    proc = subprocess.run(
        [sys.executable, "-m", "ctrules", "lint", str(path), "--region", "us-east-1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert re.search(rf"^{re.escape(str(path))}:\d+  CTR001 error  NewAccount  ", proc.stdout, re.M)
    proc = subprocess.run(
        [sys.executable, "-m", "ctrules", "lint", str(tmp_path / "missing.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_console_script() -> None:
    exe = BIN / "ctrules"
    if not exe.exists():
        pytest.skip("console script not installed (pip install -e .)")
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("ctrules ")


def test_cli_does_not_import_aws_cdk(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(NewAccount=rule(SEED)))
    code = (
        "import sys, io, contextlib\n"
        "from ctrules.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['lint', {str(path)!r}]); main(['show', 'CreateAccountResult']); main(['catalog'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('aws_cdk', 'jsii', 'constructs'))))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stderr


def test_broken_pipe_is_quiet() -> None:
    code = "import sys; from ctrules.cli import main; sys.exit(main(['search', 'e', '--limit', '5000']))"
    proc = subprocess.run(
        f'"{sys.executable}" -c "{code}" | head -n 1', shell=True, capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_help() -> None:
    r = run("--help")
    assert r.code == 0 and "lint" in r.out and "show" in r.out and "search" in r.out and "catalog" in r.out
    r = run("lint", "--help")
    assert r.code == 0 and "--strict" in r.out and "Exit codes: 0 no error" in " ".join(r.out.split())


def test_show_accepts_a_qualified_name() -> None:
    from tests.cli.clihelp import run

    r = run("show", "guardduty:DeleteDetector")
    assert r.code == 0 and "aws.guardduty" in r.out
