"""Record shapes: lazy loading, the naming rules per protocol, statuses, the generator's --check."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ctrules.catalog import lookup, shapes
from ctrules.catalog.model import CatalogEvent

ROOT = Path(__file__).resolve().parents[2]
WHEEL = ROOT / ".cache" / "botocore-1.44.5-py3-none-any.whl"
RECORDS = ROOT / "tests" / "catalog" / "records"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_shapes", ROOT / "scripts" / "build_shapes.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_shapes"] = mod
    spec.loader.exec_module(mod)
    return mod


def status(event: str, path: str, service: str | None = None) -> str:
    return shapes.path_status(event, path, service=service).status


def test_catalog_import_and_cold_load_do_not_read_the_shape_data() -> None:
    code = (
        "import sys, ctrules.catalog as c; c.get('CreateAccountResult'); c.lookup('RunInstances');"
        "print('ctrules.catalog.shapes' in sys.modules);"
        "from ctrules.catalog import shapes; print(shapes._DATA is None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "True"]  # not even the module is imported; then no data read


@pytest.mark.parametrize(
    ("event", "path", "service"),
    [
        # json / rest-json: members lower-camelled, nested ones too
        ("CreateTable", "requestParameters.attributeDefinitions.attributeName", "dynamodb"),
        ("CreateFunction20150331", "requestParameters.functionName", None),
        ("CreateGrant", "requestParameters.granteePrincipal", "kms"),
        # query: lower-camelled, one-member responses kept and unwrapped
        ("CreateUser", "responseElements.user.userName", "iam"),
        ("CreateDBInstance", "responseElements.dBInstanceIdentifier", "rds"),
        # ec2: locationName, lists as items, _return and requestId
        ("RunInstances", "responseElements.instancesSet.items.instanceId", None),
        ("AuthorizeSecurityGroupIngress", "requestParameters.ipPermissions.items.ipRanges.items.cidrIp", None),
        ("AttachInternetGateway", "responseElements._return", None),
        # rest-xml S3: location names, sub-resource key, PascalCase body
        ("PutBucketEncryption", "requestParameters.bucketName", None),
        ("PutBucketEncryption", "requestParameters.encryption", None),
        (
            "PutBucketEncryption",
            "requestParameters.ServerSideEncryptionConfiguration.Rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm",
            None,
        ),
        ("PutBucketAcl", "requestParameters.x-amz-acl", None),
        # rest-xml Route 53 follows the json rule: TTL -> tTL
        ("ChangeResourceRecordSets", "requestParameters.changeBatch.changes.resourceRecordSet.tTL", "route53"),
        # curated service events and sign-in events
        ("CreateAccountResult", "serviceEventDetails.createAccountStatus.accountId", None),
        ("CreateAccountResult", "serviceEventDetails.createAccountStatus.failureReason", None),
        ("UpdateManagedAccount", "serviceEventDetails.updateManagedAccountStatus.account.accountId", None),
        ("ConsoleLogin", "additionalEventData.MFAUsed", None),
        ("ConsoleLogin", "responseElements.ConsoleLogin", None),
        # top-level fields, envelope
        ("CreateUser", "userIdentity.sessionContext.sessionIssuer.arn", "iam"),
        ("CreateUser", "$.detail.userIdentity.arn", "iam"),
        ("CreateUser", "$.source", "iam"),
        ("CreateUser", "$.replay-name", "iam"),  # replayed events (the envelope fields CTR010 knows)
    ],
)
def test_known_paths(event: str, path: str, service: str | None) -> None:
    assert status(event, path, service) == shapes.KNOWN


def test_unknown_path_with_completed_suggestion() -> None:
    st = shapes.path_status("UpdateManagedAccount", "serviceEventDetails.createManagedAccountStatus.account.accountId")
    assert st.status == shapes.UNKNOWN and not st.ok
    assert st.suggestions[0] == "serviceEventDetails.updateManagedAccountStatus.account.accountId"
    assert st.confidence == "seen"


def test_s3_body_keeps_its_case() -> None:
    st = shapes.path_status("PutBucketEncryption", "requestParameters.serverSideEncryptionConfiguration")
    assert st.status == shapes.UNKNOWN
    assert st.suggestions == ("requestParameters.ServerSideEncryptionConfiguration",)


def test_policy_documents_are_json_strings() -> None:
    st = shapes.path_status("CreateRole", "requestParameters.assumeRolePolicyDocument.Statement.Effect")
    assert st.status == shapes.INSIDE_JSON_STRING
    assert st.at == "requestParameters.assumeRolePolicyDocument"
    assert status("CreateRole", "requestParameters.assumeRolePolicyDocument") == shapes.KNOWN


def test_redacted_unchecked_and_a_value_without_fields() -> None:
    assert status("CreateToken", "responseElements.accessToken", "sso-oidc") == shapes.REDACTED
    assert status("Decrypt", "requestParameters.encryptionContext.aws:s3:arn", "kms") == shapes.UNCHECKED
    st = shapes.path_status("CreateUser", "requestParameters.userName.first", service="iam")
    assert st.status == shapes.UNKNOWN and "has no fields" in st.reason


def test_no_shape_for_an_event_of_no_known_type() -> None:
    ev = CatalogEvent("Nothing", "example.amazonaws.com", "aws.example", (), None, False, "Management", None,
                      None, False, ())
    assert shapes.fields_of(ev) is None
    assert shapes.path_status(ev, "requestParameters.x").status == shapes.NO_SHAPE


def test_shape_lists_its_fields() -> None:
    shape = shapes.fields_of("CreateAccountResult")
    assert shape is not None and shape.parts_known
    fields = shape.fields("serviceEventDetails")
    assert "serviceEventDetails.createAccountStatus.state" in fields
    assert all(f.startswith("serviceEventDetails") for f in fields)


def test_stored_records_name_their_source_and_commit() -> None:
    files = sorted(RECORDS.glob("*.json"))
    assert files
    for path in files:
        for item in json.loads(path.read_text(encoding="utf-8")):
            assert item["source"].startswith("github:")
            assert len(item["commit"]) == 40
            assert isinstance(item["record"]["eventName"], str)


def test_generator_interns_recursive_trees() -> None:
    gen = _load_generator()
    tree: dict[str, object] = {"name": "s"}
    tree["children"] = tree
    table = gen.Table()
    ref = table.add({"root": tree, "other": {"name": "s"}})
    root = table.rows[ref]
    node = table.rows[root["root"]]
    assert node["children"] == root["root"]
    assert table.rows[root["other"]] == {"name": "s"}


def test_generator_ec2_list_names() -> None:
    gen = _load_generator()
    assert {"instanceId", "instanceIdSet", "instancesSet"} <= set(gen.ec2_list_names("instanceId"))


def test_generator_types_values_from_the_sdk_model() -> None:
    gen = _load_generator()
    model = {
        "metadata": {"protocol": "json"},
        "shapes": {
            "In": {"type": "structure", "members": {
                "Flag": {"shape": "Bool"}, "Count": {"shape": "Int"}, "State": {"shape": "State"},
                "Name": {"shape": "Str"}, "When": {"shape": "Time"}, "Many": {"shape": "Big"},
            }},
            "Bool": {"type": "boolean"}, "Int": {"type": "integer"}, "Str": {"type": "string"},
            "Time": {"type": "timestamp"}, "State": {"type": "string", "enum": ["ON", "OFF"]},
            "Big": {"type": "string", "enum": [f"V{i}" for i in range(gen.MAX_ENUM + 1)]},
        },
    }  # fmt: skip
    enums: dict[tuple[str, ...], int] = {}
    tree = gen.Converter(model, "x", enums).tree("In", "json")
    assert tree == {"flag": "b", "count": "n", "state": "e0", "name": "S", "when": "t", "many": "S"}
    assert enums == {("ON", "OFF"): 0}  # an enumeration longer than MAX_ENUM is not kept
    # Two services sharing an eventSource that disagree on a type: no type is claimed.
    assert gen.merge({"a": "b"}, {"a": "S"}) == {"a": "s"}
    assert gen.merge({"a": "b"}, {"a": "s"}) == gen.merge({"a": "s"}, {"a": "b"}) == {"a": "b"}  # "s": type unknown


def test_generator_notes_the_json_types_records_hold() -> None:
    gen = _load_generator()
    part = {"a": True, "b": [1, 2], "c": '{"Version": "2012-10-17"}', "d": {"e": None, "f": "x"}, "g.h": 1}
    got = sorted((p, letter) for p, letter, _ in gen.observe(part, "requestParameters"))
    assert got == [
        ("requestParameters.a", "b"), ("requestParameters.b", "n"), ("requestParameters.b", "n"),
        ("requestParameters.c", "j"), ("requestParameters.d", "o"), ("requestParameters.d.e", "z"),
        ("requestParameters.d.f", "s"),
    ]  # fmt: skip
    assert gen._typed_overlay({"s": {"state": "e:A|B"}}, {}) == {"s": {"state": "e0"}}
    with pytest.raises(gen.ShapeError):
        gen._typed_overlay({"state": "e:A||B"}, {})


def test_value_types_record_backed_and_sdk_only() -> None:
    rec = shapes.fields_of("ModifyDBInstance", service="rds")
    assert rec is not None
    vt = rec.value_type("requestParameters.publiclyAccessible")
    assert vt is not None and vt.sdk == "boolean" and vt.record == frozenset("b") and vt.evidence
    sdk = shapes.fields_of("CreateDBInstance", service="rds")
    assert sdk is not None
    vt = sdk.value_type("requestParameters.publiclyAccessible")
    assert vt is not None and vt.sdk == "boolean" and vt.record == frozenset() and vt.evidence == ()
    enum = shapes.fields_of("PutAlternateContact", service="account")
    assert enum is not None
    vt = enum.value_type("requestParameters.alternateContactType")
    assert vt is not None and "SECURITY" in vt.enum and vt.enum_confirmed
    assert rec.value_type("requestParameters.noSuchField") is None
    assert rec.value_type("requestParameters") is None  # an object, not a value


def test_a_number_one_test_log_wrote_as_text_is_no_string_type() -> None:
    """AssumeRole's durationSeconds is a number in real records (stratus-red-team detonations, the IAM guide) and in
    the SDK; panther-analysis's normalised test logs write it "900": one source alone does not make it a string."""
    gen = _load_generator()
    assert gen._stringified(gen.NUMBER, "900") and gen._stringified(gen.BOOLEAN, "True")
    assert not gen._stringified(gen.NUMBER, "9 hundred") and not gen._stringified(gen.STRING, "900")
    rec = shapes.fields_of("AssumeRole", service="sts")
    assert rec is not None
    vt = rec.value_type("requestParameters.durationSeconds")
    assert vt is not None and vt.sdk in ("integer", "number") and "s" not in vt.record
    entry = {"observed": {}, "stringified_by": {"requestParameters.x": {"a", "b"}, "requestParameters.y": {"a"}}}
    assert gen._kept_observations(entry) == {"requestParameters.x": "s"}  # two sources agree: kept


@pytest.mark.slow
@pytest.mark.skipif(not WHEEL.exists(), reason="pinned botocore wheel not downloaded (make setup)")
def test_generator_regenerates_the_committed_data_identically(tmp_path: Path) -> None:
    gen = _load_generator()
    # The stale-output run compares the same build (a pure function of the wheel and the checked-in data: ~6 s
    # each) with a stale file: it takes the first run's bytes instead of building them again.
    built: list[bytes] = []
    build = gen.build

    def build_once(wheel: Path, records_dir: Path = RECORDS) -> bytes:
        if not built:
            built.append(build(wheel, records_dir))
        return built[0]

    gen.build = build_once
    assert gen.main(["--botocore-wheel", str(WHEEL), "--check"]) == 0
    stale = tmp_path / "shapes.json.gz"
    stale.write_bytes(gzip.compress(b"{}", mtime=0))
    assert gen.main(["--botocore-wheel", str(WHEEL), "--check", "--output", str(stale)]) == 1


def test_every_catalog_event_of_a_record_resolves() -> None:
    assert lookup("CreateAccountResult")[0].event_source == "organizations.amazonaws.com"
