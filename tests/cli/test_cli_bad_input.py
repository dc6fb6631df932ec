"""Bad input and bad usage: one clear line on stderr naming the file and the problem, exit 2, no traceback.

Includes property-based tests (hypothesis): random templates, plans, patterns and bytes never crash the
linter.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.clihelp import SEED, Run, rule, run, template, write


def one_error_line(r: Run) -> str:
    assert r.code == 2, (r.out, r.err)
    assert "Traceback" not in r.err and "internal error" not in r.err
    lines = r.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("ctrules: error: ") or lines[0].startswith("ctrules lint: error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.json", "", "empty file"),
        ("blank.yaml", "  \n\n  ", "empty file"),
        ("comments.yaml", "# nothing here\n", "empty file (no YAML document)"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.yaml", "Resources: caf\xe9".encode("latin-1"), "not UTF-8 text"),
        ("broken.json", '{"Resources": {"R": }', "broken JSON: Expecting value (line 1, column 21)"),
        ("broken.template", '{"Resources": [}', "broken JSON: Expecting value (line 1, column 16)"),
        ("broken.yaml", "Resources:\n  R: [a, b\n", "broken YAML:"),
        ("tabs.yaml", "Resources:\n\tR: 1\n", "broken YAML:"),
        ("python.yaml", "Resources: !!python/object:os.system {}\n", "broken YAML:"),
        ("two.yaml", "a: 1\n---\nb: 2\n", "broken YAML: expected a single document"),
        ("list.json", "[1, 2]", "not a format ctrules reads; it reads a CloudFormation or SAM template"),
        ("scalar.yaml", "just text\n", "not a format ctrules reads; it reads a CloudFormation or SAM template"),
        ("other.json", '{"name": "package.json"}', "not a format ctrules reads; it reads a CloudFormation or SAM template"),
        ("resources.yaml", "Resources: [a]\n", "Resources is not a mapping"),
        (
            "terraform.tfstate",
            '{"version": 4, "terraform_version": "1.9.5", "resources": []}',
            "a raw Terraform state",
        ),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
        ("huge.json", '{"Resources": {"R": {"x": 1' + "0" * 5000 + "}}}", "a number of more than 4,300 digits"),
        ("huge.yaml", "Resources:\n  R:\n    x: 1" + "0" * 5000 + "\n", "a number of more than 4,300 digits, which cannot be read"),
    ],
)
def test_unreadable_file(tmp_path: Path, name: str, content: str | bytes, problem: str) -> None:
    path = write(tmp_path / name, content)
    line = one_error_line(run("lint", path))
    assert line.startswith(f"ctrules: error: {path}: {problem}")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert one_error_line(run("lint", path)) == f"ctrules: error: {path}: no such file or directory"


def test_folder_without_any_rule(tmp_path: Path) -> None:
    # A folder is scanned for every format; one without any rule is one line, exit 2.
    (tmp_path / "notes.txt").write_text("nothing here\n")
    line = one_error_line(run("lint", tmp_path))
    assert line == f"ctrules: error: no EventBridge rule with an event pattern in {tmp_path}: nothing to lint"


@pytest.mark.parametrize(
    ("manifest", "problem"),
    [
        ("{", "manifest.json: broken JSON"),
        ('{"version": "1"}', "manifest.json: no artifacts"),
        (
            '{"artifacts": {"S": {"type": "aws:cloudformation:stack", '
            '"properties": {"templateFile": "S.json"}}}}',
            "S.json: no such file or directory",
        ),
    ],
)
def test_broken_cloud_assembly(tmp_path: Path, manifest: str, problem: str) -> None:
    write(tmp_path / "cdk.out" / "manifest.json", manifest)
    assert problem in one_error_line(run("lint", tmp_path / "cdk.out"))


def test_template_without_rules(tmp_path: Path) -> None:
    path = write(tmp_path / "t.yaml", "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")
    line = one_error_line(run("lint", path))
    assert line == f"ctrules: error: no EventBridge rule with an event pattern in {path}: nothing to lint"
    assert run("lint", path).out == ""


def test_pattern_string_that_is_not_json(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(Broken=rule('{"source": ["aws.ec2"]')))
    line = one_error_line(run("lint", path))
    at = path.read_text().splitlines().index('    "Broken": {') + 1
    assert line.startswith(
        f"ctrules: error: {path}:{at}: Broken: the event pattern is a string that is not JSON ("
    )


def test_pattern_string_with_a_huge_number(tmp_path: Path) -> None:
    huge = '{"source": ["aws.ec2"], "detail": {"x": [1' + "0" * 5000 + "]}}"
    path = write(tmp_path / "t.json", template(Huge=rule(huge)))
    line = one_error_line(run("lint", path))
    assert line == (
        f"ctrules: error: {path}:4: Huge: the event pattern is a JSON string with a number of more than 4,300 "
        "digits, which cannot be read"
    )


def test_pattern_json_that_is_not_an_object_is_ctr009(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(List=rule("[1]"), Empty=rule({})))
    r = run("lint", path, "--format", "json")
    assert r.code == 1 and r.codes() == ["CTR009", "CTR009"]


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["lint", "x.json", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["lint", "x.json", "--ignore", "CTR099"], "unknown check code CTR099"),
        (["lint", "x.json", "--ignore", ","], "unknown check code"),
        (["lint", "x.json", "--region", "us-east1"], "'us-east1' is not an AWS region name"),
        (["lint"], "the following arguments are required: PATH"),
        (["lint", "x.json", "--colour"], "unrecognized arguments: --colour"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["search", "x", "--limit", "0"], "'0' is not a positive whole number"),
        (["search", "x", "--type", "insight"], "invalid choice: 'insight'"),
    ],
)
def test_usage_errors(args: list[str], problem: str) -> None:
    r = run(*args)
    assert r.code == 2 and r.out == ""
    lines = r.err.splitlines()
    assert len(lines) == 1 and problem in lines[0], lines


def test_no_command_prints_help() -> None:
    r = run()
    assert r.code == 2 and "lint" in r.err and "Traceback" not in r.err


def test_one_bad_input_among_good_ones_still_lints_the_rest(tmp_path: Path) -> None:
    good = write(tmp_path / "good.json", template(R=rule(SEED)))
    r = run("lint", good, tmp_path / "missing.json", "--region", "us-east-1")
    assert r.code == 2
    assert "CTR001" in r.out
    assert r.err == f"ctrules: error: {tmp_path / 'missing.json'}: no such file or directory\n"


def test_utf16_file_is_read(tmp_path: Path) -> None:
    """PowerShell's `terraform show -json > plan.json` writes UTF-16 with a BOM."""
    path = write(tmp_path / "t.json", json.dumps(template(R=rule(SEED))).encode("utf-16"))
    assert run("lint", path, "--region", "us-east-1", "--format", "json").codes() == ["CTR001"]


# --------------------------------------------------------------------------------------- property tests

# fmt: off
WORDS = st.sampled_from([
    "source", "detail-type", "detail", "eventName", "eventSource", "userIdentity", "type", "errorCode",
    "$or", "prefix", "suffix", "anything-but", "numeric", "exists", "cidr", "equals-ignore-case", "wildcard",
    "aws.organizations", "aws.ec2", "aws.iam", "aws.s3", "aws.signin", "ec2.amazonaws.com",
    "AWS API Call via CloudTrail", "AWS Service Event via CloudTrail", "AWS Console Sign In via CloudTrail",
    "AWS Console Signin via CloudTrail", "CreateAccountResult", "RunInstances", "DescribeInstances",
    "CreateUser", "PutObject", "ConsoleLogin", "Describe*", "*", "", "${Token[TOKEN.1]}", "Ref", "Fn::Sub",
    ">", "<=", "=", "10.0.0.0/24",
])
# fmt: on
SCALARS = (
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats() | WORDS | st.text(max_size=12)
)
JSON_LIKE = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(WORDS | st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=25,
)
PATTERN_LEAF = st.lists(
    WORDS
    | st.integers(-5, 5)
    | st.booleans()
    | st.none()
    | st.dictionaries(
        WORDS, WORDS | st.integers() | st.booleans() | st.lists(WORDS | st.integers(), max_size=3), max_size=2
    ),
    max_size=3,
)
PATTERNS = st.recursive(
    PATTERN_LEAF,
    lambda children: (
        st.dictionaries(WORDS, children, max_size=4)
        | st.lists(st.dictionaries(WORDS, children, max_size=3), max_size=3)
    ),
    max_leaves=20,
)
# Patterns that EventBridge would mostly accept, so the meaning checks (CTR001-CTR008) run too.
OPERATORS = (
    st.builds(lambda v: {"prefix": v}, WORDS)
    | st.builds(lambda v: {"suffix": v}, WORDS)
    | st.builds(
        lambda v: {"wildcard": v}, st.sampled_from(["Describe*", "*Account*", "Run*", "Create*Result"])
    )
    | st.builds(lambda v: {"equals-ignore-case": v}, WORDS)
    | st.builds(lambda v: {"anything-but": v}, WORDS | st.lists(WORDS, min_size=1, max_size=2))
    | st.builds(lambda v: {"anything-but": {"prefix": v}}, WORDS)
    | st.builds(lambda v: {"exists": v}, st.booleans())
    | st.builds(lambda v: {"numeric": [">", v]}, st.integers(-5, 5))
)


def leaf(values: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(values | OPERATORS, min_size=1, max_size=3)


SOURCE_VALUES = st.sampled_from(
    [
        "aws.organizations",
        "aws.ec2",
        "aws.iam",
        "aws.s3",
        "aws.signin",
        "aws.kms",
        "aws.organisations",
        "aws.cloudwatch",
        "custom.app",
    ]
)
DETAIL_TYPE_VALUES = st.sampled_from(
    [
        "AWS API Call via CloudTrail",
        "AWS Service Event via CloudTrail",
        "AWS Console Sign In via CloudTrail",
        "AWS Console Signin via CloudTrail",
        "Amazon API Call via CloudTrail",
        "AWS Insight via CloudTrail",
        "AWS Console Action via CloudTrail",
        "aws api call via cloudtrail",
        "Order Placed",
    ]
)
NAME_VALUES = st.sampled_from(
    [
        "CreateAccountResult",
        "CreateAccount",
        "RunInstances",
        "RunInstance",
        "DescribeInstances",
        "CreateUser",
        "PutObject",
        "ConsoleLogin",
        "Decrypt",
        "UpdateFunctionCode20150331v2",
        "TagResource",
        "GetObject",
    ]
)
DETAIL = st.fixed_dictionaries(
    {},
    optional={
        "eventName": leaf(NAME_VALUES),
        "eventSource": leaf(
            st.sampled_from(
                [
                    "ec2.amazonaws.com",
                    "organizations.amazonaws.com",
                    "iam.amazonaws.com",
                    "s3.amazonaws.com",
                    "ec2.amazonaws.co",
                ]
            )
        ),
        "eventType": leaf(st.sampled_from(["AwsApiCall", "AwsServiceEvent", "AwsConsoleSignIn"])),
        "userIdentity": st.fixed_dictionaries({"type": leaf(st.sampled_from(["Root", "IAMUser"]))}),
        "errorCode": st.just([{"exists": False}]),
        "eventname": leaf(NAME_VALUES),
        "insightDetails": st.fixed_dictionaries({"eventName": leaf(NAME_VALUES)}),
    },
).filter(bool)
PLAUSIBLE_ONE = st.fixed_dictionaries(
    {}, optional={"source": leaf(SOURCE_VALUES), "detail-type": leaf(DETAIL_TYPE_VALUES), "detail": DETAIL}
).filter(bool)
PLAUSIBLE = (
    PLAUSIBLE_ONE
    | st.builds(
        lambda base, alts: {**base, "$or": alts} if alts else base,
        PLAUSIBLE_ONE,
        st.lists(PLAUSIBLE_ONE, min_size=2, max_size=3),
    )
    | st.builds(
        lambda base, alts: {**base, "detail": {"$or": alts}},
        PLAUSIBLE_ONE,
        st.lists(DETAIL, min_size=2, max_size=3),
    )
)
STATES = (
    st.none()
    | st.sampled_from(["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", "enabled", ""])
    | JSON_LIKE
)
EVENT_PATTERNS = (
    PLAUSIBLE
    | PLAUSIBLE.map(json.dumps)
    | PATTERNS
    | PATTERNS.map(json.dumps)
    | JSON_LIKE
    | st.text(max_size=30)
)


@st.composite
def templates(draw: st.DrawFn) -> Any:
    resources: dict[str, Any] = {}
    for i in range(draw(st.integers(0, 4))):
        kind = draw(
            st.sampled_from(
                [
                    "AWS::Events::Rule",
                    "AWS::Serverless::Function",
                    "AWS::Serverless::StateMachine",
                    "AWS::SNS::Topic",
                ]
            )
        )
        if kind == "AWS::Events::Rule":
            props: Any = {"EventPattern": draw(EVENT_PATTERNS)}
            if draw(st.booleans()):
                props["State"] = draw(STATES)
            if draw(st.booleans()):
                props["EventBusName"] = draw(JSON_LIKE)
        elif kind.startswith("AWS::Serverless"):
            ev_props = {"Pattern": draw(EVENT_PATTERNS), "State": draw(STATES), "Enabled": draw(JSON_LIKE)}
            ev_type = draw(st.sampled_from(["EventBridgeRule", "CloudWatchEvent", "Schedule"]))
            props = {"Events": {"E": {"Type": ev_type, "Properties": ev_props}}}
        else:
            props = draw(JSON_LIKE)
        resources[f"R{i}"] = (
            {"Type": kind, "Properties": props} if draw(st.integers(0, 9)) else draw(JSON_LIKE)
        )
    doc: Any = {"Resources": resources}
    if draw(st.booleans()):
        doc["Transform"] = draw(
            st.sampled_from(["AWS::Serverless-2016-10-31", ["AWS::Serverless-2016-10-31"]])
        )
    return doc


@st.composite
def plans(draw: st.DrawFn) -> Any:
    resources = []
    for i in range(draw(st.integers(0, 3))):
        values = {
            "event_pattern": draw(EVENT_PATTERNS | st.none()),
            "state": draw(STATES),
            "is_enabled": draw(JSON_LIKE),
            "event_bus_name": draw(JSON_LIKE),
            "region": draw(JSON_LIKE),
        }
        resources.append(
            {
                "address": f"aws_cloudwatch_event_rule.r{i}",
                "type": "aws_cloudwatch_event_rule",
                "values": values if draw(st.integers(0, 9)) else draw(JSON_LIKE),
            }
        )
    root: Any = {"resources": resources, "child_modules": draw(st.just([]) | st.lists(JSON_LIKE, max_size=2))}
    provider = {"aws": {"name": "aws", "expressions": {"region": draw(JSON_LIKE)}}}
    return {
        "format_version": "1.2",
        "planned_values": {"root_module": root},
        "configuration": {"provider_config": draw(st.just(provider) | JSON_LIKE)},
    }


def lint_document(content: str | bytes, suffix: str, *extra: str) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / f"input{suffix}", content)
        return run("lint", path, *extra)


def assert_handled(r: Run) -> None:
    assert r.code in (0, 1, 2), r
    assert "Traceback" not in r.err and "internal error" not in r.err, r.err
    for line in r.err.splitlines():
        assert line.startswith(("ctrules: error: ", "ctrules: note: ")), line


PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMATS = st.sampled_from(["text", "json", "sarif"])


@pytest.mark.slow
@PROPERTY
@given(
    doc=templates(),
    as_yaml=st.booleans(),
    fmt=FORMATS,
    region=st.sampled_from([[], ["--region", "eu-west-1"]]),
)
def test_random_templates_never_crash(doc: Any, as_yaml: bool, fmt: str, region: list[str]) -> None:
    if as_yaml:
        content, suffix = yaml.safe_dump(doc, allow_unicode=True), ".yaml"
    else:
        content, suffix = json.dumps(doc), ".json"
    r = lint_document(content, suffix, "--format", fmt, *region)
    assert_handled(r)
    if fmt != "text":
        json.loads(r.out)  # machine-readable output stays parseable


@pytest.mark.slow
@PROPERTY
@given(
    pattern=PLAUSIBLE | PATTERNS | JSON_LIKE,
    state=STATES,
    ignore=st.lists(st.sampled_from(["CTR001", "CTR004", "CTR009"]), max_size=2),
    region=st.sampled_from([[], ["--region", "us-east-1"], ["--region", "eu-west-1"]]),
)
def test_random_patterns_never_crash(pattern: Any, state: Any, ignore: list[str], region: list[str]) -> None:
    props = {"State": state} if state is not None else {}
    extra = [a for code in ignore for a in ("--ignore", code)]
    r = lint_document(
        json.dumps(template(R=rule(pattern, **props))), ".json", "--format", "json", *extra, *region
    )
    assert_handled(r)
    assert r.code == 2 or all(f["code"] not in ignore for f in r.json()["findings"])


@pytest.mark.slow
@PROPERTY
@given(doc=plans())
def test_random_terraform_plans_never_crash(doc: Any) -> None:
    assert_handled(lint_document(json.dumps(doc), ".json", "--format", "json"))


@PROPERTY
@given(
    content=st.binary(max_size=200) | st.text(max_size=200), suffix=st.sampled_from([".json", ".yaml", ""])
)
def test_random_bytes_and_text_never_crash(content: bytes | str, suffix: str) -> None:
    assert_handled(lint_document(content, suffix))


@PROPERTY
@given(text=st.text(alphabet=st.sampled_from(list("!:-[]{}'\" \n\tabRefSubGetAtt.#&*|>%@`,?")), max_size=80))
def test_random_yaml_syntax_never_crashes(text: str) -> None:
    assert_handled(
        lint_document(
            "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: " + text,
            ".yaml",
        )
    )


def test_yaml_alias_bombs_are_refused(tmp_path: Path) -> None:
    """Lists of aliases of lists of aliases: 10**8 copies of a small mapping once written out (over 1 GB)."""
    levels = ["a0: &a0 {x: [aws.ec2]}"]
    for i in range(1, 9):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\nResources: {}\n")
    line = one_error_line(run("lint", path))
    assert "bomb.yaml" in line and "aliases" in line and "line 8" in line  # a7: 10**7 copies, 120 MB


def test_yaml_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("a: &a\n  b: *a\nResources: {}\n")
    line = one_error_line(run("lint", path))
    assert "loop.yaml" in line and "recursive" in line


def test_yaml_mapping_aliases_and_merge_keys_are_read(tmp_path: Path) -> None:
    """Everyday serverless.yml and template style: an anchored mapping reused with *alias and <<: merge keys."""
    text = (
        "x-cloudtrail: &ct\n  source: [aws.organizations]\n  detail-type: [AWS API Call via CloudTrail]\n"
        "Resources:\n"
        "  Merged:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        <<: *ct\n"
        "        detail: {eventName: [CreateAccountResult]}\n"
        "  Whole:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: *ct\n"
    )
    path = tmp_path / "anchors.yaml"
    path.write_text(text)
    doc = run("lint", path, "--format", "json", "--region", "us-east-1").json()
    assert sorted((f["resource"], f["code"]) for f in doc["findings"]) == [("Merged", "CTR001")]
    assert doc["summary"]["rules"] == 2


def test_yaml_scalar_aliases_are_fine(tmp_path: Path) -> None:
    text = (
        "Parameters: {Src: {Type: String, Default: &src aws.ec2}}\n"
        "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n"
        "        source: [*src]\n        detail-type: [AWS API Call via CloudTrail]\n"
        "        detail: {eventName: [RunInstances]}\n"
    )
    path = tmp_path / "ok.yaml"
    path.write_text(text)
    assert run("lint", path, "--region", "us-east-1").code == 0


@pytest.mark.parametrize("args", [("show", ""), ("search", " ")])
def test_empty_names_are_usage_errors(args: tuple[str, ...]) -> None:
    line = one_error_line(run(*args))
    assert "give" in line


@pytest.mark.parametrize(("given", "meant"), [("eu-wst-1", "eu-west-1"), ("us-esat-1", "us-east-1")])
def test_a_misspelt_region_is_refused_with_the_one_meant(given: str, meant: str) -> None:
    line = one_error_line(run("lint", "-", "--region", given))
    assert f"unknown region {given!r}; did you mean {meant!r}?" in line


def test_a_region_newer_than_the_catalog_is_taken(tmp_path: Path) -> None:
    """Its digits differ from every known Region's: no slip, a Region launched after botocore's data."""
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"]}))
    assert run("lint", path, "--region", "ap-southeast-9").code == 0


@pytest.mark.parametrize(
    ("text", "said"),
    [("Resources: {R: {Type: AWS::Events::Rule, Properties: {EventPattern: {x: [" + "9" * 5000 + "]}}}}\n",
      "a number of more than 4,300 digits, which cannot be read"),
     ("Resources: {R: {Type: AWS::Events::Rule, Properties: {EventPattern: {x: [0x" + "f" * 5000 + "]}}}}\n",
      "a number of more than 4,300 digits, which cannot be checked")],
)  # fmt: skip
def test_a_huge_integer_is_named_without_python_internals(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text)
    r = run("lint", path)
    assert r.code == 2 and said in r.err and "sys." not in r.err and "ValueError" not in r.err


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [("deep.yaml", "[" * 100_000, "YAML nested too deeply to read"),
     ("flow.yml", "{Resources: [}\n", "broken YAML: while parsing a flow node"),
     ("deep.json", "[" * 100_000, "JSON nested too deeply to read")],
)  # fmt: skip
def test_a_file_that_does_not_parse_is_named_by_its_own_format(tmp_path: Path, name: str, text: str, said: str) -> None:
    """A .yaml file in flow style ({...}) that does not parse was reported as broken JSON."""
    path = tmp_path / name
    path.write_text(text)
    assert said in one_error_line(run("lint", path))


def test_a_yaml_alias_of_no_anchor_is_the_parser_s_own_error(tmp_path: Path) -> None:
    path = tmp_path / "undefined.yaml"
    path.write_text("a: *nope\nResources: {}\n")
    line = one_error_line(run("lint", path))
    assert "found undefined alias" in line and "recursive" not in line
