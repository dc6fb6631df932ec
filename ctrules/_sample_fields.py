"""Values for the record parts of :func:`ctrules.testing.sample_event`, from the event's record shape.

``fill(event, region, account)`` returns ``requestParameters``, ``responseElements``,
``serviceEventDetails`` and ``additionalEventData`` as :mod:`ctrules.catalog.shapes` says the event's
records carry them, each leaf with a plausible value chosen from its name (``roleArn`` -> an IAM role
ARN, ``instanceId`` -> ``i-0…``, ``createdDate`` -> ISO-8601, ``dryRun`` -> a boolean, ``maxResults`` -> a
number); fields recorded as JSON strings get a JSON string, redacted ones
``HIDDEN_DUE_TO_SECURITY_REASONS``, EC2 lists ``{"items": [...]}``.

The shape data is a permissive union (every alias CloudTrail may use), so one spelling is chosen per
field: the shortest of an EC2 list's aliases (``groupSet`` before ``groupSetSet``), the wrapper of a
wrapped-or-flat response (IAM's ``role``, EC2's ``items``), not the XML-root copy (``RunInstancesRequest``).

Deterministic (values depend on names only, ids are hashes of the event and the path), bounded
(:data:`MAX_DEPTH` levels below a part, :data:`MAX_LEAVES` leaves per record) and lazy: the shape data
loads on the first call, never on import.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from typing import Any, Final

from ctrules.catalog.model import CatalogEvent

#: Levels of nesting below a part (``requestParameters.a.b.c.d``); deeper structures are left out.
MAX_DEPTH: Final = 4
#: Leaves per record, over all parts; a part gets an equal share of what the parts before it left.
MAX_LEAVES: Final = 60
REDACTED_VALUE: Final = "HIDDEN_DUE_TO_SECURITY_REASONS"
TIME: Final = "2026-01-15T12:00:00Z"

# Leaf codes of the shape data (ctrules/catalog/shapes.py).
_VALUE, _JSON_STRING, _JSON_TEXT, _REDACTED, _OPEN = "s", "j", "J", "r", "*"

#: ARN service names where they differ from the eventSource's first label.
_ARN_SERVICE = {"monitoring": "cloudwatch", "email": "ses", "elasticfilesystem": "elasticfilesystem"}
#: Services whose ARNs carry no region.
_GLOBAL_ARN = frozenset({"iam", "organizations", "cloudfront", "route53", "sts", "s3"})
#: Resource ARNs by a word of the field name (``executionRoleArn`` -> role): (service, resource).
_ARN_BY_WORD: Final = (
    ("boundary", "iam", "policy/example-boundary-policy"),
    ("role", "iam", "role/example-role"),
    ("instanceprofile", "iam", "instance-profile/example-profile"),
    ("bucket", "s3", "amzn-s3-demo-bucket"),
    ("kmskey", "kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    ("topic", "sns", "example-topic"),
    ("queue", "sqs", "example-queue"),
    ("function", "lambda", "function:example-function"),
    ("loggroup", "logs", "log-group:example-log-group"),
    ("secret", "secretsmanager", "secret:example-secret-AbCdEf"),
    ("certificate", "acm", "certificate/1234abcd-12ab-34cd-56ef-1234567890ab"),
    ("statemachine", "states", "stateMachine:example-state-machine"),
)
#: EC2-style id prefixes by the id's stem (``vpcId`` -> ``vpc-0…``).
_EC2_ID = {
    "instance": "i",
    "image": "ami",
    "vpc": "vpc",
    "subnet": "subnet",
    "volume": "vol",
    "snapshot": "snap",
    "networkinterface": "eni",
    "internetgateway": "igw",
    "routetable": "rtb",
    "natgateway": "nat",
    "keypair": "key",
    "reservation": "r",
    "launchtemplate": "lt",
    "transitgateway": "tgw",
    "vpcendpoint": "vpce",
    "allocation": "eipalloc",
    "networkacl": "acl",
    "securitygroup": "sg",
    "prefixlist": "pl",
    "spotinstancerequest": "sir",
    "kernel": "aki",
    "ramdisk": "ari",
}
_VERB = re.compile(
    r"^(Create|Delete|Update|Put|Get|Describe|List|Start|Stop|Modify|Add|Remove|Attach|Detach|Enable|Disable|"
    r"Register|Deregister|Associate|Disassociate|Run|Terminate|Tag|Untag|Set|Reset|Batch|Import|Export|Invoke)"
)
_BOOL_PREFIX = re.compile(r"^(is|has|enable|disable|allow|force|include|skip|use|encrypt|should|can)[A-Z0-9]")
_BOOL_NAMES = frozenset(
    {
        "enabled",
        "encrypted",
        "dryRun",
        "_return",
        "deleteOnTermination",
        "ebsOptimized",
        "sourceDestCheck",
        "multiAZ",
        "publiclyAccessible",
        "recursive",
        "overwrite",
        "disabled",
        "active",
        "default",
        "isDefault",
        "readOnly",
        "managed",
    }
)
_NUMBER = re.compile(
    r"(?i)(count|size|^max|^min|limit|port|duration|seconds|minutes|hours|days|capacity|memory|timeout|priority|"
    r"weight|number|percent|index|quantity|iops|throughput|retries|attempts|length|bytes|mib|gib)$|^(max|min|bytes)[A-Z]"
)
_TIME = re.compile(r"(Date|Time|Timestamp|DateTime|[a-z]At|Expiration|LastModified)$")


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", name).lower().strip("-_") or "resource"


def _stem(name: str) -> str:
    """The EC2 list stem: ``groupIdSet``, ``groupsSet``, ``groupId`` -> ``group``."""
    changed = True
    while changed:
        changed = False
        for suffix in ("Set", "s", "Id"):
            if name.endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)]
                changed = True
    return name


class _Filler:
    """Builds the parts of one record; ``budget`` counts leaves left."""

    def __init__(self, ev: CatalogEvent, region: str, account: str) -> None:
        from ctrules.catalog import shapes

        self.data = shapes._data()
        self.ev = ev
        self.region = region
        self.account = account
        label = ev.event_source.split(".", 1)[0]
        self.service = _ARN_SERVICE.get(label, label)
        noun = _VERB.sub("", ev.event_name) or ev.event_name
        self.noun = _kebab(noun.removesuffix("s") if len(noun) > 3 else noun)

    # ------------------------------------------------------------------ structure
    def node(self, ref: Any) -> Any:
        return self.data.structs[ref] if isinstance(ref, int) else ref

    def choose(self, node: dict[str, Any], top: bool) -> list[tuple[str, Any, bool]]:
        """One spelling per field of ``node``: (name, ref, as_list)."""
        names = set(node)
        # A wrapper next to a flat copy of its content (IAM responses, EC2 list items): keep the wrapper.
        for key in ("items", "item", *sorted(names)):
            ref = node.get(key)
            if not isinstance(ref, int):
                continue
            inner = self.data.structs[ref]
            same = {k for k, v in node.items() if v == ref}
            if inner and set(inner) == names - same:
                return [(key, ref, key in ("items", "item"))]
        out: list[tuple[str, Any, bool]] = []
        taken: dict[tuple[int, str], str] = {}
        spelled: set[str] = set()
        # EC2 records spell requestId, S3 records Host: the other spelling loses a tie
        for name in sorted(names, key=lambda n: (len(n), n in ("requestID", "host"), n)):
            ref = node[name]
            if top and name in (self.ev.event_name + "Request", self.ev.event_name + "Response"):
                continue  # the XML-root copy of the same fields
            if name == "item" and node.get("items") == ref:
                continue
            if not isinstance(ref, int):
                if name.lower() in spelled:
                    continue  # Host and host, requestId and requestID: one of them
                spelled.add(name.lower())
            if isinstance(ref, int):
                alias = (ref, _stem(name))
                if alias in taken:
                    continue
                taken[alias] = name
            out.append((name, ref, name == "items" and isinstance(ref, int)))
        return sorted(out, key=self._rank)

    def _rank(self, item: tuple[str, Any, bool]) -> tuple[int, str]:
        name, ref, as_list = item
        node = self.node(ref)
        if isinstance(node, dict) or as_list:
            return (2, name)
        if node == _OPEN:
            return (3, name)
        if (
            isinstance(node, str)
            and node not in (_JSON_STRING, _JSON_TEXT, _REDACTED)
            and re.search(r"(Name|Id|Arn|ARN)$|^(name|id|arn|key|bucketName)$", name)
        ):
            return (0, name)
        return (1, name)

    def part(self, ref: Any, budget: int) -> tuple[Any, int]:
        node = self.node(ref)
        if not isinstance(node, dict):
            return None, 0
        if not node:
            return None, 0  # CloudTrail records an empty part as null
        return self.struct(node, "", 1, budget, top=True)

    def struct(
        self, node: dict[str, Any], path: str, depth: int, budget: int, parent: str = "", top: bool = False
    ) -> tuple[Any, int]:
        fields = self.choose(node, top)
        nested = [f for f in fields if isinstance(self.node(f[1]), dict) or f[2]]
        leaves = [f for f in fields if f not in nested]
        if depth >= MAX_DEPTH:
            nested = []  # their fields would lie deeper than MAX_DEPTH
        room = budget - min(len(nested), budget // 2) if nested else budget
        out: dict[str, Any] = {}
        used = 0
        for name, ref, _ in leaves:
            if used >= room:
                break
            out[name] = self.leaf(name, self.node(ref), f"{path}.{name}", parent)
            used += 1
        for i, (name, ref, as_list) in enumerate(nested):
            left = budget - used
            if left <= 0:
                break
            share = max(1, left // (len(nested) - i))
            value, n = self.struct(self.node(ref), f"{path}.{name}", depth + 1, share, name)
            if n == 0:
                continue
            out[name] = [value] if as_list else value
            used += n
        return out, used

    # --------------------------------------------------------------------- leaves
    def leaf(self, name: str, code: Any, path: str, parent: str = "") -> Any:
        if code == _REDACTED:
            return REDACTED_VALUE
        if code in (_JSON_STRING, _JSON_TEXT):
            return json.dumps(self.json_value(name), separators=(",", ":"))
        if code == _OPEN:
            return {"Environment": "test"} if "tag" in name.lower() else {}
        return self.scalar(name, path, parent)

    def json_value(self, name: str) -> dict[str, Any]:
        lower = name.lower()
        if "assumerole" in lower or "trust" in lower:
            return {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            }
        if "polic" in lower:
            return {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": f"{self.service}:Get*", "Resource": "*"}],
            }
        return {"example": "value"}

    def arn(self, name: str) -> str:
        base = re.sub(r"(?i)arns?$", "", name).lower()
        for word, service, resource in _ARN_BY_WORD:
            if word in base:
                return self._arn(service, resource)
        if base in ("", "resource") or ("policy" in base and self.service == "iam"):
            if self.service == "iam":
                return self._arn("iam", "policy/example-policy" if "policy" in base else "role/example-role")
            return self._arn(self.service, f"{self.noun}/example-{self.noun}")
        kind = _kebab(base if base == name.lower() else re.sub(r"(?i)arns?$", "", name))
        return self._arn(self.service, f"{kind}/example-{kind}")

    def _arn(self, service: str, resource: str) -> str:
        if service == "s3":
            return f"arn:aws:s3:::{resource}"
        region = "" if service in _GLOBAL_ARN else self.region
        return f"arn:aws:{service}:{region}:{self.account}:{resource}"

    def hex_id(self, path: str, n: int) -> str:
        digest = hashlib.sha256(f"{self.ev.event_source}/{self.ev.event_name}{path}".encode()).hexdigest()
        return digest[:n]

    def scalar(self, name: str, path: str, parent: str = "") -> Any:
        """A value for the scalar field ``name`` (under ``parent``), by name rules read top to bottom."""
        if name == self.ev.event_name:  # sign-in records: responseElements.ConsoleLogin, .CheckMfa...
            return "Success"
        n = _lower_first(name)
        low = n.lower()
        if low in ("arn", "aarn"):  # a bare arn: of the enclosing structure, else of the event's resource
            return self.arn((_lower_first(parent) if parent and parent != "items" else self.noun) + "Arn")
        if re.search(r"(Arn|ARN|Arns)$", n):
            return self.arn(n)
        if low in ("accountid", "awsaccountid", "ownerid", "account", "recipientaccountid", "owneraccountid"):
            return self.account
        if low in ("requestid", "clienttoken", "clientrequesttoken", "idempotencytoken"):
            return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ctrules:{self.ev.event_source}/{self.ev.event_name}{path}"))
        if low in ("region", "regionname", "awsregion", "sourceregion", "destinationregion"):
            return self.region
        if low in ("availabilityzone", "zonename"):
            return self.region + "a"
        if low == "availabilityzoneid":
            return "use1-az1"
        if low == "organizationid":
            return "o-" + self.hex_id(path, 10)
        if re.search(r"(Id|ID|Ids)$", n) or low == "id":
            stem = re.sub(r"(Id|ID|Ids)$", "", n).lower()
            prefix = _EC2_ID.get(stem)
            if prefix is None and stem == "group" and self.service == "ec2":
                prefix = "sg"
            if prefix is not None:
                return f"{prefix}-0{self.hex_id(path, 16)}"
            if stem in ("kmskey", "key") and self.service in ("kms", "ebs", "ec2", "rds", "s3"):
                return "1234abcd-12ab-34cd-56ef-1234567890ab"
            return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ctrules:{self.ev.event_source}/{self.ev.event_name}{path}"))
        if low in ("role", "servicerole", "executionrole"):
            return self._arn("iam", "role/example-role")
        if low in ("content-type", "contenttype"):
            return "application/json"
        if low == "bucketname" or low == "bucket":
            return "amzn-s3-demo-bucket"
        if low in ("username", "iamusername"):
            return "alice"
        if low == "rolename":
            return "example-role"
        if re.search(r"Name$", n) or low == "name":
            kind = _kebab(n[:-4]) if len(n) > 4 else self.noun
            return f"example-{kind}"
        if "email" in low:
            return "alice@example.com"
        if _TIME.search(n) or low in ("timestamp", "date", "time", "expiration", "lastmodified", "created"):
            return TIME
        if n in _BOOL_NAMES or _BOOL_PREFIX.search(n) or n.endswith("Enabled"):
            return not low.startswith(("disable", "dryrun"))
        if _NUMBER.search(n):
            if "port" in low:
                return 443
            if "memory" in low:
                return 128
            return 3600 if "duration" in low or "seconds" in low else 30 if "timeout" in low else 1
        if low == "queueurl":
            return f"https://sqs.{self.region}.amazonaws.com/{self.account}/example-queue"
        if re.search(r"(Url|URL|Uri|URI)$", n) or low in ("url", "uri"):
            return "https://example.com/path"
        if low == "host":
            if self.service == "s3":
                return f"amzn-s3-demo-bucket.s3.{self.region}.amazonaws.com"
            return f"{self.service}.{self.region}.amazonaws.com"
        if low == "key":
            return "reports/2026/01/report.csv" if self.service == "s3" else "example-key"
        if low == "xmlns":
            if self.service == "s3":
                return "http://s3.amazonaws.com/doc/2006-03-01/"
            return f"http://{self.service}.amazonaws.com/doc/2016-11-15/"
        if low in ("state", "status") or n.endswith(("State", "Status")):
            return "SUCCEEDED"
        if low == "instancetype":
            return "t3.micro"
        if low == "type" or n.endswith("Type"):
            return "STANDARD"
        if low == "version" or n.endswith("Version"):
            return "1"
        if low == "path":
            return "/"
        if "ipaddress" in low or low.endswith("ip"):
            return "10.0.0.12"
        if "cidr" in low:
            return "10.0.0.0/16"
        if low in ("description", "message", "reason", "statusmessage", "statusreason", "failurereason"):
            return "Example " + _kebab(n).replace("-", " ")
        return f"example-{_kebab(n)}"


def fill(ev: CatalogEvent, kind: str, region: str, account: str) -> dict[str, Any]:
    """The record parts the shape of ``ev`` knows, for a record of eventType ``kind``; ``{}`` when none.

    Only parts the shape describes as fields are returned (not those it leaves open); an empty part
    is ``None``, as CloudTrail records it.
    """
    from ctrules.catalog import shapes

    shape = shapes.fields_of(ev)
    if shape is None or not shape.parts_known:
        return {}
    filler = _Filler(ev, region, account)
    wanted = ["requestParameters", "responseElements", "additionalEventData"]
    if kind == "AwsServiceEvent":
        wanted.append("serviceEventDetails")
    own = dict(zip(shapes.PARTS, shape._parts, strict=True))
    parts = [(p, own[p]) for p in wanted if own.get(p) is not None]
    out: dict[str, Any] = {}
    left = MAX_LEAVES
    for i, (name, ref) in enumerate(parts):
        if left <= 0:
            break
        if not isinstance(filler.node(ref), dict):
            continue  # an open part: nothing is claimed, keep the record's default
        value, used = filler.part(ref, max(1, left // (len(parts) - i)))
        out[name] = value
        left -= used
    return out
