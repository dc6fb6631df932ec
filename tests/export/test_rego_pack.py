"""The Rego rule pack (ctrules.export.rego): fresh, loadable, and finding for finding the same as the Python core."""

from __future__ import annotations

import functools
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ctrules.cli.main import main
from ctrules.export.rego import ENGINE_VERSION, PACK_PATH, PackLoadError, in_scope, load_engine, rego_pack

cv = pytest.importorskip("cloudformation_validate")
sys.path.insert(0, str(Path(__file__).parent))
from differential import disagreements, pack_findings, template  # noqa: E402

GOLDEN = Path(__file__).parents[1] / "checks" / "golden"
# The AWS-validated cases, kept in the repository's test data (tests/eventpattern/aws/README.md gives their source).
CONFORMANCE = Path(__file__).resolve().parents[1] / "eventpattern" / "aws" / "eventbridge-pattern-cases.jsonl"
API = "AWS API Call via CloudTrail"


# Engines by (pack text, file name): loading the pack takes seconds, and the engine fixture, `--verify` and the
# refused-pack test load the same two packs. A refusal is kept and raised again.
_ENGINES: dict[tuple[str, str], Any] = {}


def _load(pack: str | None = None, name: str = "ctrules.rego") -> Any:
    """``load_engine(pack, name)``, once per pack text and name in this process."""
    key = (rego_pack() if pack is None else pack, name)
    if key not in _ENGINES:
        try:
            _ENGINES[key] = load_engine(pack, name)
        except PackLoadError as exc:
            _ENGINES[key] = exc
    loaded = _ENGINES[key]
    if isinstance(loaded, PackLoadError):
        raise loaded
    return loaded


@pytest.fixture(scope="session", autouse=True)
def _release_engines() -> Iterator[None]:
    """The engines go at the end of the session (not at interpreter exit, where the engine's finaliser fails)."""
    yield
    _ENGINES.clear()


@pytest.fixture(scope="session")  # not per module: the slow tests run first, apart from this module's others
def engine() -> Any:
    return _load()


def test_checked_in_pack_is_fresh() -> None:
    assert PACK_PATH.read_text(encoding="utf-8") == rego_pack(), "stale: run `ctrules export rego -o " \
        "ctrules/export/ctrules.rego` (make catalog)"


def test_cli_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ctrules.rego"
    assert main(["export", "rego", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == rego_pack()
    assert main(["export", "rego", "--check", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: current\n"
    out.write_text(rego_pack().replace("CTR004", "CTR040", 1), encoding="utf-8")
    assert main(["export", "rego", "--check", str(out)]) == 1
    assert "stale" in capsys.readouterr().out
    assert main(["export", "rego", "--check", str(tmp_path / "missing.rego")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.rego" in err


def test_a_pack_the_engine_refuses_names_the_tested_version() -> None:
    broken = rego_pack().replace("input_region()", "input_region_v2()")
    with pytest.raises(PackLoadError) as info:
        _load(broken)
    message = str(info.value)
    assert f"tested with cloudformation-validate {ENGINE_VERSION}" in message and "\n" not in message
    assert "ctrules.rego:" in message and "input_region_v2" in message


@pytest.mark.slow
def test_cli_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ctrules.export.rego.load_engine", _load)  # the CLI loads what the other tests load
    good, bad = tmp_path / "good" / "ctrules.rego", tmp_path / "bad" / "ctrules.rego"
    good.parent.mkdir()
    bad.parent.mkdir()
    good.write_text(rego_pack(), encoding="utf-8")
    bad.write_text(rego_pack().replace("input_region()", "input_region_v2()"), encoding="utf-8")
    assert main(["export", "rego", "--verify", str(good)]) == 0
    assert main(["export", "rego", "--verify", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("cloudformation-validate runs it")
    assert len(out) == 2 and f"tested with cloudformation-validate {ENGINE_VERSION}" in out[1]


def test_the_classic_mistakes_are_findings(engine: Any) -> None:
    rules = [
        {"pattern": {"source": ["aws.organizations"], "detail-type": [API], "detail": {"eventName": ["CreateAccountResult"]}}},
        {"pattern": {"source": ["aws.iam"], "detail-type": [API], "detail": {"eventName": ["CreateUsr"]}}},
        {"pattern": {"source": ["aws.ec2"], "detail-type": [API], "detail": {"eventName": ["DescribeInstances"]}}},
        {"pattern": {"source": ["aws.iam"], "detail-type": [API], "detail": {"eventName": ["CreateUser"]}}},
        {"pattern": {"source": ["aws.iam"], "detail-type": [API], "detail": {"eventName": ["CreateUser"]}},
         "state": "ENABLED"},
    ]
    found = pack_findings(engine, template(rules), "eu-west-1")
    assert {(code, rid, sev) for code, rid, sev, _ in found} == {
        ("CTR001", "R0", "error"), ("CTR005", "R0", "error"), ("CTR003", "R1", "error"), ("CTR004", "R2", "error"),
        ("CTR005", "R3", "error"), ("CTR005", "R4", "error"),
    }


def test_messages_and_fixes_are_the_cores(engine: Any) -> None:
    from ctrules.checks import check_pattern
    from ctrules.checks.findings import RuleContext

    pattern = {"source": ["aws.organizations"], "detail-type": [API], "detail": {"eventName": ["CreateAccountResult"]}}
    report = engine.validate_template(cv.TemplateContent(json.dumps(template([{"pattern": pattern}])), "t.json"),
                                      cv.ValidateConfig(disable_builtin_rules=True))
    (diag,) = [d for d in report.diagnostics if d.rule_id == "CTR001"]
    (core,) = [f for f in check_pattern(pattern, RuleContext()) if f.code == "CTR001"]
    assert (diag.message, diag.suggested_fix) == (core.message, core.fix)


def test_the_packs_impossible_names_are_the_checks() -> None:
    """The pack's regular expression for names no CloudTrail event has says what mistakes.impossible_name says."""
    import re

    from ctrules.checks import mistakes
    from ctrules.checks.mistakes import impossible_name
    from ctrules.export.rego import _impossible_name

    rule = _impossible_name(mistakes.NAME_PUNCTUATION, mistakes.PLACEHOLDERS)
    for code in [*range(0x250), 0x200B, 0x2603, 0xFEFF, 0x1F600]:
        name = f"Create{chr(code)}User"
        pack = re.search(rule["pattern"], name) is not None and not any(m in name for m in rule["placeholders"])
        assert pack == (impossible_name(name) is not None), repr(name)
    assert impossible_name("Get${x}") is None and any(m in "Get${x}" for m in rule["placeholders"])


def _golden() -> dict[str | None, list[dict[str, Any]]]:
    by_region: dict[str | None, list[dict[str, Any]]] = {}
    for path in sorted(GOLDEN.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            ctx = case.get("context", {})
            rule = {"pattern": case["pattern"], "state": ctx.get("state"),
                    "bus": None if ctx.get("default_bus", True) else "custom-bus"}
            by_region.setdefault(ctx.get("region"), []).append(rule)
    return by_region


def test_golden_fixtures_agree(engine: Any) -> None:
    cases = _golden()
    assert sum(1 for rules in cases.values() for r in rules if in_scope(r["pattern"])) >= 50
    problems = [p for region, rules in cases.items() for p in disagreements(engine, rules, region)]
    assert not problems, "\n".join(problems[:20])


def test_conformance_cases_agree(engine: Any) -> None:
    assert CONFORMANCE.is_file(), f"{CONFORMANCE} is missing: the AWS-validated cases belong to the repository"
    rules = [{"pattern": json.loads(line)["pattern"]} for line in CONFORMANCE.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    rules = [r for r in rules if isinstance(r["pattern"], dict)]
    assert len(rules) >= 100
    problems = disagreements(engine, rules, "us-east-1")
    assert not problems, "\n".join(problems[:20])


def _generated(n: int, seed: int) -> list[dict[str, Any]]:
    """Rules with the mistakes real rules contain, built from the catalog."""
    from ctrules.catalog._store import store

    s = store()
    rnd = random.Random(seed)
    events = [s.event(i) for i in range(len(s.rows))]
    detail_types = [API, "AWS Service Event via CloudTrail", "AWS Console Sign In via CloudTrail",
                    "AWS Console Signin via CloudTrail", "AWS API call via CloudTrail", "Amazon API Call via CloudTrail",
                    "AWS Insight via CloudTrail", "Object Created", "AWS API Call via Cloudtrail"]
    states = [None, None, "ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"]

    def typo(name: str) -> str:
        k = rnd.randrange(len(name))
        kind = rnd.randrange(5)
        if kind == 0:
            return name[:k] + name[k + 1:]
        if kind == 1:
            return name[:k] + rnd.choice("aeiorstn") + name[k:]
        if kind == 2 and k + 1 < len(name):
            return name[:k] + name[k + 1] + name[k] + name[k + 2:]
        if kind == 3:
            return name.lower()
        return name[0].lower() + name[1:]

    strays = _stray_pairs()
    sign_ins = [e.event_name for e in events if e.event_source == "signin.amazonaws.com"]
    by_source: dict[str, list[str]] = {}
    for e in events:
        by_source.setdefault(e.event_source, []).append(e.event_name)

    def broken(name: str) -> str:
        """A name no CloudTrail event can have (whitespace, control and invisible characters, non-ASCII, punctuation)."""
        k = rnd.randrange(len(name) + 1)
        return name[:k] + rnd.choice([" ", "\t", "\n", "\u200b", "\u00e9", "!", ",", "'", "\"", "(", "\u0131"]) + name[k:]

    out: list[dict[str, Any]] = []
    for _ in range(n):
        e = rnd.choice(events)
        name, source, es = e.event_name, e.source, e.event_source
        pattern: dict[str, Any] = {}
        mistake = rnd.randrange(19)
        if mistake == 14:
            # a root sign-in alarm without eventName: the detail-type alone says "sign-in events"
            dt = rnd.choice(["AWS Console Sign In via CloudTrail", "AWS Console Sign In via CloudTrail", API])
            root: dict[str, Any] = {"detail-type": [dt], "detail": {"userIdentity": {"type": ["Root"]}}}
            if rnd.random() < 0.4:
                root["source"] = [rnd.choice(["aws.signin", "aws.signin", "aws.cloudtrail", "aws.iam"])]
            out.append({"pattern": root, "state": rnd.choice(states), "bus": rnd.choice([None, None, "custom"])})
            continue
        if mistake == 15:
            # source 'aws.cloudtrail' as if it meant every CloudTrail event
            every: dict[str, Any] = {"source": ["aws.cloudtrail"]}
            if rnd.random() < 0.6:
                every["detail-type"] = [rnd.choice([API, "AWS Console Sign In via CloudTrail",
                                                    "AWS Service Event via CloudTrail", "Object Created"])]
            if rnd.random() < 0.5:
                every["detail"] = rnd.choice([{"errorCode": ["AccessDenied"]}, {"userIdentity": {"type": ["Root"]}},
                                              {"eventSource": ["cloudtrail.amazonaws.com"]}])
            out.append({"pattern": every, "state": rnd.choice(states)})
            continue
        if mistake == 16:
            name = broken(name)
        elif mistake == 17:
            # a console sign-in name under another service's source
            name = rnd.choice(sign_ins)
        elif mistake == 18:
            # a typo that is another service's name: with the meant service's source (CTR002), or, beside other
            # names of that service, with none (CTR003)
            meant, stray = rnd.choice(strays)
            siblings = [c for c in by_source[meant[1]] if c != meant[0]]
            names = [stray[0], *rnd.sample(siblings, min(len(siblings), rnd.choice([1, 1, 2, 3])))]
            rnd.shuffle(names)
            typo_rule: dict[str, Any] = {"detail": {"eventName": names}}
            if rnd.random() < 0.5:
                typo_rule["source"] = ["aws." + meant[1].removesuffix(".amazonaws.com")]
            if rnd.random() < 0.7:
                typo_rule["detail-type"] = [API]
            out.append({"pattern": typo_rule, "state": rnd.choice(states)})
            continue
        if mistake == 0:
            name = typo(name)
        elif mistake == 1:
            # a typo, or the SDK's service name where it is not the eventSource's (aws.cloudwatch for monitoring)
            source = typo(source) if rnd.random() < 0.5 or e.service is None else "aws." + e.service
        elif mistake == 2:
            name = f"{source[4:]}:{name}"
        elif mistake == 3:
            name = name[: max(3, len(name) // 2)] + "*"
        elif mistake == 4:
            source = rnd.choice(events).source
        dt = e.detail_types[0] if rnd.random() < 0.6 else rnd.choice(detail_types)
        if rnd.random() < 0.9:
            pattern["source"] = [source]
        if rnd.random() < 0.9:
            pattern["detail-type"] = [dt]
        detail: dict[str, Any] = {"eventName": [name] + ([rnd.choice(events).event_name] if rnd.random() < 0.2 else [])}
        if mistake == 5:
            detail["eventSource"] = [es if rnd.random() < 0.5 else typo(es)]
        if mistake == 6:
            detail["eventType"] = [rnd.choice((*e.event_types, "AwsServiceEvent", "AwsApiCall"))]
        if mistake == 7:
            pattern["eventName"] = [name]
        if mistake == 8:
            pattern[rnd.choice(["Source", "detailType", "Detail-Type", "regions"])] = ["x"]
        if mistake == 9:
            detail["userIdentity"] = {"type": ["Root"]}
        if mistake == 10:
            detail["requestParameters"] = {"bucketName": ["logs-*"]}
        if rnd.random() < 0.15:  # the other values real rules filter on
            detail[rnd.choice(["readOnly", "managementEvent"])] = [rnd.choice([True, False])]
        if rnd.random() < 0.1:
            detail["errorCode"] = [None]
        if rnd.random() < 0.05:
            detail["requestParameters"] = {"fromPort": [22, 3389], "cidrIp": ["0.0.0.0/0"]}
        if rnd.random() < 0.15:  # the simple operators real rules put on the fields the checks do not read
            key, operand = rnd.choice([
                ("errorCode", [{"exists": False}]), ("errorCode", [{"exists": True}]),
                ("userAgent", [{"prefix": "console."}]), ("sourceIPAddress", [{"anything-but": ["10.0.0.1", "::1"]}]),
                ("errorMessage", [{"suffix": "denied"}]), ("awsRegion", [{"anything-but": "us-east-1"}]),
                ("recipientAccountId", [{"equals-ignore-case": "Abc"}, "123456789012"]),
                ("requestParameters", {"bucketName": [{"prefix": "logs-"}, "audit-*"]}),
            ])
            detail[key] = operand
        pattern["detail"] = detail
        out.append({"pattern": pattern, "state": rnd.choice(states)})
    return out


@functools.cache  # the same pairs for the three generated runs (~0.7 s each)
def _stray_pairs() -> tuple[tuple[tuple[str, str], tuple[str, str]], ...]:
    """((name, eventSource) meant, (name, eventSource) written): catalog names one edit apart that belong to
    disjoint services, such as CloudTrail's DeleteTrail and SageMaker's DeleteTrial (found by shared deletions)."""
    from ctrules.catalog.index import index

    s = index()
    owners = {n: frozenset(s.event(i).event_source for i in rows) for n, rows in s.by_name.items()}
    by_deletion: dict[str, list[str]] = {}
    for n in owners:
        if len(n) >= 5:
            by_deletion.setdefault(n, []).append(n)
            for k in range(len(n)):
                by_deletion.setdefault(n[:k] + n[k + 1:], []).append(n)
    pairs = set()
    for group in by_deletion.values():
        for a in group:
            for b in group:
                if a != b and not owners[a] & owners[b] and len(owners[a]) == len(owners[b]) == 1:
                    (ea,), (eb,) = owners[a], owners[b]
                    pairs.add(((a, ea), (b, eb)))
    assert len(pairs) >= 50
    return tuple(sorted(pairs))


@pytest.mark.slow  # ~15 s each: scheduled first so the workers finish together
@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1", None])
def test_generated_rules_agree(engine: Any, region: str | None) -> None:
    rules = _generated(1700, seed={"us-east-1": 11, "eu-west-1": 12, None: 13}[region])
    assert all(in_scope(r["pattern"]) for r in rules)
    problems = disagreements(engine, rules, region)
    assert not problems, f"{len(problems)} disagreements:\n" + "\n".join(problems[:20])


HOSTILE: list[Any] = [
    {"source": ["aws.iam"], "detail": {"eventName": ["A" * 100_000]}},
    {"source": ["aws.iam"], "detail": {"eventName": ["CreateUs", "Creat", "C", ""]}},
    {"source": ["aws."], "detail": {"eventName": ["é☃\u0000x"]}},
    {"source": [""], "detail-type": [""], "detail": {"eventSource": [""]}},
    {"detail-type": ["AWS Console Signin via CloudTrail"],
     "detail": {"eventName": ["ConsoleLogin"], "userIdentity": {"type": ["Root"]}}},
    {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": ["x"]}}}}}}}}},
    {"source": ["aws.iam"], "detail": {"eventName": ["CreateUser'\"\\"]}},
    {"source": ["aws.iam"], "detail": {"eventName": ["iam:CreateUser"], "eventType": ["AwsApiCall", "Bogus"]}},
    {"source": ["aws.iam"], "detail": {"eventName": [True, "CreateUser"]}},
    {"source": ["aws.iam"], "detail": {"eventName": ["CreateUser"], "readOnly": [False, None, 1e300, -1.8881545897087626e+289]}},
    {"source": ["aws.iam"], "detail-type": [5], "detail": {"eventName": ["CreateUsr"], "n": [1, 2.5, -7, True]}},
    # operators the pack leaves to `ctrules lint`: it must report nothing about these rules
    {"source": ["aws.iam"], "detail": {"eventName": [{"prefix": "CreateUsr"}], "errorCode": [{"exists": False}]}},
    {"source": [{"prefix": "aws.ia"}], "detail": {"eventName": ["CreateUsr"]}},
    {"source": ["aws.iam"], "detail": {"eventName": ["CreateUsr"], "sourceIPAddress": [{"anything-but": {"prefix": "10."}}]}},
    {"source": ["aws.iam"], "detail": {"eventName": ["CreateUsr"], "errorCode": [{"prefix": "*"}, {"exists": "no"}]}},
    {"source": ["aws.iam"], "detail": {"eventName": ["CreateUsr"], "n": [{"numeric": [">", 0]}], "m": [{"wildcard": "a*"}]}},
    {"source": ["aws.iam"], "$or": [{"detail": {"eventName": ["CreateUsr"]}}, {"detail-type": ["x"]}]},
    {"source": ["aws.iam"], "detail": {"eventName": ["CreateUsr"], "x": [{"prefix": ""}, {"anything-but": []}]}},
]


@pytest.mark.parametrize("region", [None, "eu-west-1", "cn-north-1"])
def test_hostile_inputs_agree_and_never_break_the_engine(engine: Any, region: str | None) -> None:
    rules: list[dict[str, Any]] = [{"pattern": p} for p in HOSTILE] + [{"pattern": json.dumps(p)} for p in HOSTILE]
    rules += [{"pattern": "not json"}, {"pattern": 5}, {"pattern": [1]}, {"pattern": {"x": 1}, "state": 5, "bus": 7},
              {"pattern": {"source": ["aws.iam"]}, "state": {"Ref": "S"}, "bus": {"Ref": "B"}}]
    problems = disagreements(engine, rules, region)
    assert not problems, "\n".join(problems[:20])


def _edited(rnd: random.Random, v: str, edits: int, near: tuple[int, ...] = ()) -> str:
    """``v`` with ``edits`` random edits (substitution, deletion, insertion, swap of neighbours), ends included; with
    ``near``, each edit within two letters of one of those positions."""
    for _ in range(edits):
        k = rnd.randrange(len(v) + 1) if not near else max(0, min(len(v), rnd.choice(near) + rnd.randint(-2, 2)))
        kind = rnd.randrange(4)
        letter = rnd.choice("aeinorstxDGL0")
        if kind == 0 and k < len(v):
            v = v[:k] + letter + v[k + 1:]
        elif kind == 1 and k < len(v):
            v = v[:k] + v[k + 1:]
        elif kind == 2:
            v = v[:k] + letter + v[k:]
        elif k + 1 < len(v):
            v = v[:k] + v[k + 1] + v[k] + v[k + 2:]
    return v


#: A probe over the pack's own functions: each rule's pattern holds a pair {"v": [v], "c": [c], "m": [mode]}; per pair
#: it reports (mode "edits") a value within lim edits that _may_be_within drops (CTR003) and every value it drops
#: (CTR001), (mode "short") a value of 3 or 4 letters _short_slip takes for a slip (CTR003), or (mode "ratio") a value _ratio puts at a cutoff that _ratio_at_least drops (CTR003) and the
#: quick_ratio bound (CTR001, as the message).
_PROBE = """
_lim(v) := 2 if count(v) >= 14

else := 1

_probe(p) := _edits_probe(p.v[0], p.c[0]) if p.m[0] == "edits"

else := _short_probe(p.v[0], p.c[0]) if p.m[0] == "short"

else := _ratio_probe(p.v[0], p.c[0])

_edits_probe(v, c) := {_f("CTR003", "error", "dropped", "", "$") | _within_dropped(v, c)} | {
	_f("CTR001", "error", "far", "", "$") |
	_far(v, c)
}

_far(v, c) if not _may_be_within(v, c, _lim(v))

_short_probe(v, c) := {_f("CTR003", "error", "slip", "", "$") | _short_slip(v, c)}

_ratio_probe(v, c) := {_f("CTR003", "error", "dropped", "", "$") | _close_dropped(v, c)} | {
	_f("CTR001", "error", sprintf("%.6f", [bound]), "", "$") |
	bound := (2 * _shared_letters(v, c)) / (count(v) + count(c))
}

_within_dropped(v, c) if {
	abs(count(c) - count(v)) <= _lim(v)
	_distance(v, c, _lim(v)) <= _lim(v)
	not _may_be_within(v, c, _lim(v))
}

_close_dropped(v, c) if {
	r := _ratio(v, c)
	some cut in [0.7, 0.75, 0.8]
	r >= cut
	not _ratio_at_least(v, c, cut)
}
"""


def _probe(pairs: list[tuple[str, str]], mode: str) -> dict[int, list[Any]]:
    """The probe's diagnostics for each pair, by the pair's index (one engine for the session)."""
    import cloudformation_validate as cv

    text = rego_pack().replace("\tsome f in _findings(r)\n", "\tsome f in _probe(r.p)\n") + _PROBE
    assert "_probe(r.p)" in text
    engine = _load(text, "probe.rego")
    out: dict[int, list[Any]] = {i: [] for i in range(len(pairs))}
    for start in range(0, len(pairs), 400):
        rules = [{"pattern": {"v": [v], "c": [c], "m": [mode]}} for v, c in pairs[start : start + 400]]
        report = engine.validate_template(
            cv.TemplateContent(json.dumps(template(rules)), "t.json"), cv.ValidateConfig(disable_builtin_rules=True)
        )
        for d in report.diagnostics:
            if d.rule_id.startswith("CTR") and d.entity is not None:
                out[start + int(d.entity.logical_id[1:])].append(d)
    return out


def test_the_slip_prefilter_never_drops_a_value_within_the_limit() -> None:
    """``_may_be_within`` (the cheap test before ``_distance`` in ``_close_slip``) is false only for a value more
    than ``lim`` edits away: checked in the engine on names with one and two random edits anywhere and at the cut
    points, against ctrules' own edit distance, and shown to reject far values (so the probe is not empty)."""
    from ctrules.catalog.index import index
    from ctrules.checks.mistakes import edit_distance

    rnd = random.Random(5)
    names = sorted(n for n in index().by_name if len(n) >= 5)
    pairs: list[tuple[str, str]] = []
    for v in rnd.sample(names, 400):
        # where the test cuts v into parts: an edit there is what a wrong cut would miss
        third = (len(v) - 2) // 3
        cuts = ((len(v) - 1) // 2,) if len(v) < 14 else (third, len(v) - third - 1)
        pairs += [(v, _edited(rnd, v, 1)), (v, _edited(rnd, v, 2)), (v, rnd.choice(names))]
        pairs += [(v, _edited(rnd, v, 1, cuts)), (v, _edited(rnd, v, 2, cuts))]
    found = _probe(pairs, "edits")
    assert not [pairs[i] for i, ds in found.items() if any(d.rule_id == "CTR003" for d in ds)]
    far = {i for i, ds in found.items() if any(d.rule_id == "CTR001" for d in ds)}
    lim = [2 if len(v) >= 14 else 1 for v, _ in pairs]
    within = {i for i, (v, c) in enumerate(pairs) if edit_distance(v, c, lim[i]) <= lim[i]}
    assert not within & far, [pairs[i] for i in sorted(within & far)[:5]]  # ctrules' own distance agrees
    assert len(within) >= 1200  # most edited names stay within the limit
    assert len(far) >= 300  # and the test does reject values: most of the unrelated names


def test_the_quick_ratio_bound_never_drops_a_close_value() -> None:
    """``_ratio_at_least`` tries difflib's quick_ratio (the letters two values share) before the costly ``_ratio``:
    it holds wherever ``_ratio`` reaches the cutoff (checked in the engine on sources, eventSources and names with
    random edits), and its bound is difflib's own quick_ratio."""
    import difflib

    from ctrules.catalog.index import index

    rnd = random.Random(8)
    s = index()
    values = rnd.sample(sorted(s.source_names), 25) + rnd.sample(sorted(s.by_source), 25)
    values += rnd.sample(sorted(n for n in s.by_name if len(n) >= 5), 25)
    pairs = [(v, _edited(rnd, v, rnd.choice([1, 2, 3]))) for v in values] + [(v, rnd.choice(values)) for v in values]
    pairs += [("", ""), ("", "aws.iam"), ("aws.iam", "")]  # a rule's value may be empty
    found = _probe(pairs, "ratio")
    for i, (v, c) in enumerate(pairs):
        assert not any(d.rule_id == "CTR003" for d in found[i]), (v, c)
        if v and c:
            (bound,) = [float(d.message) for d in found[i] if d.rule_id == "CTR001"]
            assert bound == pytest.approx(difflib.SequenceMatcher(None, v, c).quick_ratio(), abs=1e-6), (v, c)


def test_short_slips_are_the_same_in_the_pack() -> None:
    """Of a value of 3 or 4 letters, the pack's _short_slip takes the candidates ctrules' provable_slip takes (two
    neighbours swapped, one letter left out or added), and no other: pairs with every kind of one edit."""
    from ctrules.checks.mistakes import provable_slip

    rnd = random.Random(11)
    words = ["type", "arn", "Root", "name", "tags", "role", "user", "key", "iam", "arnn", "typ", "tpye", "ty"]
    pairs = [(v, c) for v in words for c in words if v != c and 3 <= len(v) < 5]
    for _ in range(300):
        v = "".join(rnd.choice("abcdeT") for _ in range(rnd.choice([3, 4])))
        pairs.append((v, _edited(rnd, v, 1)))
    found = _probe(pairs, "short")
    for i, (v, c) in enumerate(pairs):
        assert bool(found[i]) is (provable_slip(v, [c]) == c), (v, c)
    assert sum(bool(ds) for ds in found.values()) >= 40  # not vacuous
