"""Hostile inputs: every case ends fast, under a memory limit, with one line (bad input) or its findings.

Each case runs ``ctrules lint`` in its own process with an address-space limit (``RLIMIT_AS``, 3 GB) and a
120 s timeout enforced by the harness, never by a timed assertion: the limits only catch unbounded work and
pass on a loaded machine (how fast the bounded work is belongs to ``bench/``). The inputs are generated here (bombs,
devices, FIFOs, sockets, path traversal, ``$or`` explosions, encodings, surrogates, duplicate keys, huge
lists of names). What must hold for each:

* bad input: exit 2 and exactly one line on stderr;
* a rule with findings: exit 1 and the finding printed;
* never a traceback, never exit 0 when a finding exists.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.harness import RUN, TIME_LIMIT, Outcome, assert_bad_input, limits, lint

HEAD = {"source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"]}


def assert_findings(o: Outcome, code: str = "CTR003") -> None:
    assert o.code == 1, (o.code, o.err, o.out[:500])
    assert code in o.out, o.out[:2000]


def template(patterns: dict[str, object]) -> dict[str, object]:
    return {
        "Resources": {
            rid: {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": p}} for rid, p in patterns.items()
        }
    }


def write(path: Path, content: str | bytes | dict[str, object]) -> Path:
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


TYPO = {**HEAD, "detail": {"eventName": ["CreateBuckett"]}}


# --- files that are not files -------------------------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    assert_bad_input(lint(device), "not a regular file")


def test_fifo_without_writer_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "template.json"
    os.mkfifo(fifo)
    assert_bad_input(lint(fifo), "FIFO")


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as sock:
        try:
            sock.bind(str(path))
        except OSError as exc:  # a path too long for a socket on this system
            pytest.skip(str(exc))
        assert_bad_input(lint(path), "socket")


def test_file_over_the_size_cap_is_refused_and_the_flag_raises_it(tmp_path: Path) -> None:
    big = write(tmp_path / "t.json", template({"R": TYPO}))
    assert_bad_input(lint(big, "--max-bytes", "100"), "--max-bytes")
    assert_findings(lint(big, "--max-bytes", "1M"))


def test_stdin_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    assert_bad_input(lint("-", "--max-bytes", "1K", stdin=b"x: " + b"a" * 4096), "--max-bytes")


# --- YAML bombs, nesting, numbers ------------------------------------------------------------------------------


def _flow_bomb(levels: int = 9) -> str:
    parts = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    parts += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "{" + ", ".join(parts) + "}"


def _block_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def _scalar_alias_bomb() -> str:
    """One 1 MB string repeated by 300,000 aliases: 300 GB once used."""
    names = ", ".join(["*s"] * 300_000)
    return f'Resources: {{}}\nBig: &s "{"x" * 1_000_000}"\nMany: [{names}]\n'


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("flow.yaml", _flow_bomb, ("alias",)),
        ("flow.json.yml", _flow_bomb, ("alias",)),
        ("block.yaml", _block_bomb, ("alias",)),
        ("scalars.yaml", _scalar_alias_bomb, ("aliases",)),
        ("deep.json", lambda: "[" * 200_000 + "]" * 200_000, ()),
        ("deep.yaml", lambda: "a:\n" + "".join(" " * (i + 1) + "- \n" for i in range(3000)), ()),
        ("deepflow.yaml", lambda: "x: " + "{a: " * 100_000 + "1" + "}" * 100_000, ()),
        ("number.json", lambda: '{"Resources": {}, "n": ' + "9" * 5000 + "}", ("4,300 digits",)),
    ],
)
def test_yaml_and_json_bombs_end_with_one_line(
    tmp_path: Path, name: str, make: Callable[[], str], words: tuple[str, ...]
) -> None:
    assert_bad_input(lint(write(tmp_path / name, make())), *words)


# --- cloud assemblies that point outside themselves ------------------------------------------------------------


def _assembly(root: Path, artifacts: dict[str, object]) -> Path:
    asm = root / "cdk.out"
    asm.mkdir()
    write(asm / "manifest.json", {"version": "36.0.0", "artifacts": artifacts})
    return asm


def _stack(template_file: str) -> dict[str, object]:
    return {"type": "aws:cloudformation:stack", "properties": {"templateFile": template_file}}


@pytest.mark.parametrize(
    ("artifact", "words"),
    [
        (_stack("/dev/zero"), ("absolute path",)),
        (_stack("/etc/passwd"), ("absolute path",)),
        (_stack("../outside.json"), ("outside the cloud assembly",)),
        (_stack("sub/../../outside.json"), ("outside the cloud assembly",)),
        (_stack("escape.json"), ("outside the cloud assembly",)),  # a symlink out
        (_stack("fifo.json"), ("FIFO",)),
        ({"type": "cdk:cloud-assembly", "properties": {"directoryName": "../.."}}, ("outside the cloud assembly",)),
    ],
)
def test_assembly_paths_stay_inside_the_assembly(
    tmp_path: Path, artifact: dict[str, object], words: tuple[str, ...]
) -> None:
    write(tmp_path / "outside.json", template({"R": TYPO}))
    asm = _assembly(tmp_path, {"S": artifact})
    (asm / "escape.json").symlink_to(tmp_path / "outside.json")
    os.mkfifo(asm / "fifo.json")
    assert_bad_input(lint(asm), *words)


def test_assembly_inside_paths_are_still_read(tmp_path: Path) -> None:
    asm = _assembly(tmp_path, {"S": _stack("S.template.json")})
    write(asm / "S.template.json", template({"R": TYPO}))
    assert_findings(lint(asm))


# --- $or explosions ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [70, 128, 10_000])
def test_typo_in_the_last_of_many_alternatives_is_found(tmp_path: Path, n: int) -> None:
    alternatives = [{"detail": {"eventName": ["CreateBucket"]}} for _ in range(n - 1)]
    alternatives.append({"detail": {"eventName": ["DeleteBuckett"]}})
    o = lint(write(tmp_path / "t.json", template({"R": {**HEAD, "$or": alternatives}})))
    assert_findings(o)
    assert f"$.$or[{n - 1}].detail.eventName[0]" in o.out


@pytest.mark.parametrize("n", [8, 12, 100])
def test_typo_shared_by_every_combination_is_an_error(tmp_path: Path, n: int) -> None:
    pattern = {
        **HEAD,
        "$or": [{"detail": {"userIdentity": {"type": [f"T{i}"]}}} for i in range(n)],
        "detail": {"eventName": ["CreateBuckett"], "$or": [{"awsRegion": [f"r{i}"]} for i in range(n)]},
    }
    o = lint(write(tmp_path / "t.json", template({"R": pattern})))
    assert_findings(o)
    assert "CTR003 error  R  " in o.out and "at:  $.detail.eventName[0]" in o.out


def test_nested_or_explosion_ends(tmp_path: Path) -> None:
    """Ten ``$or`` of ten alternatives side by side: 10**10 combinations."""
    detail: dict[str, object] = {"eventName": ["CreateBuckett"]}
    for level in range(10):
        detail = {**detail, f"f{level}": {"$or": [{"k": [f"v{i}"]} for i in range(10)]}}
    assert_findings(lint(write(tmp_path / "t.json", template({"R": {**HEAD, "detail": detail}}))))


@pytest.mark.slow
def test_ten_thousand_unknown_names_end(tmp_path: Path) -> None:
    names = [f"CreateBuckett{i}x" for i in range(5000)] + [f"PutObjct{i}" for i in range(5000)]
    names.append("CreateBuckett")
    o = lint(write(tmp_path / "t.json", template({"R": {**HEAD, "detail": {"eventName": names}}})))
    assert_findings(o)


# --- encodings, surrogates, file names ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_lone_surrogate_and_non_utf8_file_name_are_reported(tmp_path: Path, fmt: str) -> None:
    text = json.dumps(template({"R": {**HEAD, "detail": {"eventName": ["Create\ud800Bucket", "CreateBuckett"]}}}))
    name = os.fsdecode(b"bad\xffname.json")
    write(tmp_path / name, text)
    o = lint(name, "--format", fmt, cwd=tmp_path)
    assert_findings(o)
    if fmt != "text":
        json.loads(o.out)


def test_utf16_template_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(b"\xff\xfe" + json.dumps(template({"R": TYPO})).encode("utf-16-le"))
    assert_findings(lint(path))


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary", b"Resources: \xe9\xe8\n", b"\xff\xfe\x00\xd8"])
def test_binary_and_bad_encodings_are_one_line(tmp_path: Path, data: bytes) -> None:
    assert_bad_input(lint(write(tmp_path / "t.yaml", data)))


# --- duplicate keys ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("t.json", '{"Resources": {"R": {"Type": "AWS::Events::Rule"},\n "R": {"Type": "AWS::SNS::Topic"}}}', 2),
        ("t.yaml", "Resources:\n  R:\n    Type: AWS::Events::Rule\n  R:\n    Type: AWS::SNS::Topic\n", 4),
        ("flow.yaml", "{Resources: {R: {Type: AWS::Events::Rule},\n R: {Type: x}}}", 2),
    ],
)
def test_duplicate_keys_are_a_finding_naming_line_and_key(tmp_path: Path, name: str, text: str, line: int) -> None:
    # The rule R is dropped by the second R (CloudFormation keeps the last value): an error at the second R's line.
    o = lint(write(tmp_path / name, text))
    assert o.code == 1, (o.code, o.err, o.out)
    assert f"{tmp_path / name}:{line}  CTR000 error  R  key 'R' appears twice" in o.out


# --- readers that leave early -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_closed_pipe_keeps_exit_code_1(tmp_path: Path, fmt: str) -> None:
    rules = {f"R{i}": {**HEAD, "detail": {"eventName": ["CreateBuckett"]}} for i in range(2000)}
    path = write(tmp_path / "t.json", template(rules))
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN, "lint", str(path), "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        preexec_fn=limits,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()
    proc.stdout.close()  # the reader leaves (`| head -1`)
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=TIME_LIMIT) == 1
    assert "Traceback" not in err and "Exception ignored" not in err, err


# --- rules the transform writes out ----------------------------------------------------------------------------


def test_rules_inside_for_each_are_checked_or_counted(tmp_path: Path) -> None:
    doc = {
        "Transform": "AWS::LanguageExtensions",
        "Resources": {
            "Fn::ForEach::Loop": [
                "Name",
                ["a", "b"],
                {"Rule${Name}": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": TYPO}}},
            ],
            "Fn::ForEach::Unknown": [
                "Name",
                {"Ref": "Names"},
                {
                    "Other${Name}": {
                        "Type": "AWS::Events::Rule",
                        "Properties": {"EventPattern": {**HEAD, "account": ["${Name}"]}},
                    }
                },
            ],
        },
    }
    o = lint(write(tmp_path / "t.json", doc))
    assert_findings(o)
    assert "Fn::ForEach::Loop/Rulea" in o.out and "Fn::ForEach::Loop/Ruleb" in o.out
    assert "1 with a pattern known only at deploy time, not checked" in o.out


def test_terraform_pattern_unknown_until_apply_is_counted(tmp_path: Path) -> None:
    rule = "aws_cloudwatch_event_rule"
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": [
            {"address": f"{rule}.a", "mode": "managed", "type": rule, "name": "a", "values": {"name": "a"}},
            {"address": f"{rule}.b", "mode": "managed", "type": rule, "name": "b", "values": {"event_pattern": json.dumps(TYPO)}},
        ]}},
        "resource_changes": [{"address": f"{rule}.a", "type": rule, "change": {"after_unknown": {"event_pattern": True}}}],
    }  # fmt: skip
    o = lint(write(tmp_path / "plan.json", plan))
    assert_findings(o)
    assert "1 with a pattern known only at deploy time, not checked" in o.out


# --- long strings -----------------------------------------------------------------------------------------------


def test_long_strings_everywhere_end(tmp_path: Path) -> None:
    pattern = {
        "source": ["aws.s3" + "x" * 200_000],
        "detail-type": ["AWS API Call via CloudTrail" + "y" * 200_000],
        "detail": {
            "eventName": ["CreateBucket" * 20_000, "Create" + "e" * 100_000, "CreateBuckett"],
            "eventSource": ["s3.amazonaws.com", "s3" + "z" * 100_000],
            "requestParameters": {"bucketName": [{"wildcard": "*a" * 5_000}, {"prefix": "x" * 100_000}]},
        },
    }
    assert_findings(lint(write(tmp_path / "t.json", template({"R": pattern}))))
