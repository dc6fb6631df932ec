"""The CloudTrail record envelope as the checks judge it: the keys of its fixed parts, the types and values of some.

The keys come from the record shapes (:data:`ENVELOPE`, a copy of :func:`ctrules.catalog.shapes.record_envelope`: the
curated ``record_fields`` of every eventType, evidence in the shapes overlay: the CloudTrail record contents and
userIdentity pages), plus
:data:`SUPPLEMENT` below (each entry with its evidence). CTR008 judges filter keys against them, CTR012 filter values.

A key is judged level by level from the top of ``detail``:

* a known key: go on below it; the per-event parts (``requestParameters``...) and maps (``webIdFederationData.
  attributes``) end the walk (CTR015 judges the parts per event);
* a key equal to a known key up to case and separators, or a slip of one (one edit; two for long keys; a swap of
  neighbours for short ones): **no** record carries it, an error with "did you mean";
* any other key: CloudTrail adds fields over time (``onBehalfOf``, ``inScopeOf``), so a warning: it may not match;
* a key below a plain value (``userIdentity.type.name``): an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from ctrules.checks.mistakes import provable_slip, squash

__all__ = [
    "ENVELOPE",
    "EVIDENCE",
    "SERVICE_EVENT_ONLY",
    "STRING_FIELDS",
    "SUPPLEMENT",
    "VALUES",
    "KeyProblem",
    "Values",
    "judge_key_path",
    "keys_known",
    "tree",
]

#: Where the facts of this module come from.
EVIDENCE: Final = (
    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html",
    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html",
    "github:awsdocs/aws-cloudtrail-user-guide@edd54aa2eff614c42157250e9f3ed7dba222629c^ "
    "doc_source/cloudtrail-event-reference-record-contents.md, doc_source/cloudtrail-event-reference-user-identity.md",
)

#: Keys real records carry that the shapes' envelope lacks (merged into :func:`tree`).
SUPPLEMENT: Final[dict[str, Any]] = {
    # Enriched events (record contents page: "Fields for enriched events such as eventContext"); a record:
    # github:groovy-sky/aws-docs@c39735bdd924e92fbaf7fd37931ff49aa8c9f39c
    # docs/services/awscloudtrail/latest/userguide/cloudtrail-context-events.md (requestContext, tagContext).
    "eventContext": "*",
    # Insights records spell it sharedEventId (record contents page, "Record fields for Insights events").
    "sharedEventId": "s",
    # EC2 Spot BidEvictedEvent records carry PascalCase parts: github:groovy-sky/aws-docs@c39735bd...
    # docs/services/ec2/latest/userguide/bidevictedevent.md.
    "RequestParameters": "*",
    "ResponseElements": "*",
    # S3 Express One Zone records: resources[].ARNPrefix (github:groovy-sky/aws-docs@c39735bd...
    # docs/services/s3/latest/userguide/s3-express-log-files.md).
    "resources": {"ARNPrefix": "s"},
    "userIdentity": {
        # onBehalfOf on the IAM Identity Center and federation paths:
        # https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-tip-simplified-auditing.html
        "onBehalfOf": {
            "identityCenterInstanceArn": "s", "subject": "s", "subjectType": "s", "issuer": "s",
            "federatedProviderArn": "s",
        },
    },
}  # fmt: skip

_OPEN = "*"

#: :func:`ctrules.catalog.shapes.record_envelope` as of the shapes data (kept here so that judging a filter on
#: ``userIdentity`` does not load the shape data; ``tests/checks/test_record_envelope.py`` keeps it fresh).
ENVELOPE: Final[dict[str, Any]] = {
    "addendum": {"originalEventID": "s", "originalRequestID": "s", "reason": "s", "updatedFields": "s"},
     "additionalEventData": "*",
     "apiVersion": "s",
     "awsRegion": "s",
     "edgeDeviceDetails": "*",
     "errorCode": "s",
     "errorMessage": "s",
     "eventCategory": "s",
     "eventID": "s",
     "eventName": "s",
     "eventSource": "s",
     "eventTime": "s",
     "eventType": "s",
     "eventVersion": "s",
     "insightDetails": {"errorCode": "s",
                        "eventName": "s",
                        "eventSource": "s",
                        "insightContext": {"attributions": {"attribute": "s",
                                                            "baseline": {"average": "s", "value": "s"},
                                                            "insight": {"average": "s", "value": "s"}},
                                           "statistics": {"baseline": {"average": "s"},
                                                          "baselineDuration": "s",
                                                          "insight": {"average": "s"},
                                                          "insightDuration": "s"}},
                        "insightType": "s",
                        "state": "s"},
     "managementEvent": "s",
     "readOnly": "s",
     "recipientAccountId": "s",
     "requestID": "s",
     "requestParameters": "*",
     "resources": {"ARN": "s", "accountId": "s", "arn": "s", "type": "s"},
     "responseElements": "*",
     "serviceEventDetails": "*",
     "sessionCredentialFromConsole": "s",
     "sharedEventID": "s",
     "sourceIPAddress": "s",
     "tlsDetails": {"cipherSuite": "s", "clientProvidedHostHeader": "s", "tlsVersion": "s"},
     "userAgent": "s",
     "userIdentity": {"accessKeyId": "s",
                      "accountId": "s",
                      "arn": "s",
                      "credentialId": "s",
                      "identityProvider": "s",
                      "inScopeOf": {"credentialsIssuedTo": "s",
                                    "issuerType": "s",
                                    "sourceAccount": "s",
                                    "sourceArn": "s"},
                      "invokedBy": "s",
                      "onBehalfOf": {"identityStoreArn": "s", "userId": "s"},
                      "principalId": "s",
                      "sessionContext": {"assumedRoot": "s",
                                         "attributes": {"creationDate": "s", "mfaAuthenticated": "s"},
                                         "ec2IssuedInVPC": "s",
                                         "ec2RoleDelivery": "s",
                                         "sessionIssuer": {"accountId": "s",
                                                           "arn": "s",
                                                           "principalId": "s",
                                                           "type": "s",
                                                           "userName": "s"},
                                         "sourceIdentity": "s",
                                         "webIdFederationData": {"attributes": "*", "federatedProvider": "s"}},
                      "type": "s",
                      "userName": "s"},
     "vpcEndpointAccountId": "s",
     "vpcEndpointId": "s"}  # fmt: skip


def _merge(into: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for k, v in extra.items():
        old = into.get(k)
        if isinstance(old, dict) and isinstance(v, Mapping):
            _merge(old, v)
        elif old is None:
            into[k] = _copy(v)


def _copy(node: Any) -> Any:
    return {k: _copy(v) for k, v in node.items()} if isinstance(node, Mapping) else node


@lru_cache(maxsize=1)
def tree() -> dict[str, Any]:
    """Every key of the record outside the per-event parts: ``{"userIdentity": {"type": "s", ...}, ...}``.

    A dict is an object (a list of objects such as ``resources`` shows its item); ``"s"`` a value; ``"*"`` any
    key may occur below it. Read-only.
    """
    from ctrules.checks.common import RECORD_FIELDS

    out = _copy(ENVELOPE)
    _merge(out, SUPPLEMENT)
    for name in RECORD_FIELDS:
        out.setdefault(name, _OPEN)
    return out  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class KeyProblem:
    """Why a key path under ``detail`` is not a record field.

    :param depth: index of the bad key in the path.
    :param kind: ``case`` (a known key in another case or with separators), ``slip`` (a misspelt known key),
        ``unknown`` (no known key is close), ``below-value`` (a key below a plain value).
    :param right: the known key it stands for (``case``, ``slip``), else None.
    :param known: the known keys at that level (``unknown``), sorted.
    """

    depth: int
    kind: str
    right: str | None = None
    known: tuple[str, ...] = ()

    @property
    def certain(self) -> bool:
        """True when no record can carry the path (the filter never matches)."""
        return self.kind != "unknown"


def _slip(key: str, names: Mapping[str, Any]) -> tuple[str, str] | None:
    """(kind, known key) when ``key`` provably stands for a known key."""
    squashed = squash(key)
    for name in names:
        if squash(name) == squashed:
            return "case", name
    right = provable_slip(key, names)
    return None if right is None else ("slip", right)


def judge_key_path(segs: tuple[str, ...]) -> KeyProblem | None:
    """The problem of a key path below ``detail`` (``("userIdentity", "tpye")``), or None when records may carry it."""
    node: Any = tree()
    for depth, key in enumerate(segs):
        if node == _OPEN:
            return None
        if not isinstance(node, dict):
            return KeyProblem(depth, "below-value")
        nxt = node.get(key)
        if nxt is None:
            found = _slip(key, node)
            if found is not None:
                return KeyProblem(depth, found[0], found[1])
            return KeyProblem(depth, "unknown", None, tuple(sorted(node)))
        node = nxt
    return None


#: Keys only some eventTypes' records carry in this spelling (EC2's BidEvictedEvent, a service event): CTR008
#: judges them against the rule's detail-types, so the fast answer leaves them to it.
SERVICE_EVENT_ONLY: Final = frozenset({"RequestParameters", "ResponseElements"})


def keys_known(detail: Mapping[str, Any]) -> bool:
    """True when every key of an ``$or``-free ``detail`` object is a known record key (the fast answer of CTR008)."""
    return SERVICE_EVENT_ONLY.isdisjoint(detail) and _known(detail, tree())


def _known(obj: Mapping[str, Any], node: Any) -> bool:
    if node == _OPEN:
        return True
    if not isinstance(node, dict):
        return False
    for key, value in obj.items():
        sub = node.get(key)
        if sub is None:
            return False
        if type(value) is list:
            continue  # a leaf, the common case: skips the costly isinstance test against an ABC
        if isinstance(value, Mapping) and not _known(value, sub):
            return False
    return True


@dataclass(frozen=True, slots=True)
class Values:
    """What records hold in one field.

    :param kind: ``text`` (a JSON string), ``text-boolean`` (the strings "true" / "false").
    :param members: the values CloudTrail documents (empty: any text).
    :param confident: True when real records agree on the type (a value of another type is an error), False
        when they disagree (a warning).
    :param evidence: where the fact comes from.
    """

    kind: str
    members: tuple[str, ...] = ()
    confident: bool = True
    evidence: str = ""


_UI = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html"
_RC = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html"
_IN = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-insights-fields.html"
_SI = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html"
_ORG = "https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccountStatus.html"

#: Fields under ``detail`` whose values the checks judge (path below ``detail`` -> what records hold there).
VALUES: Final[dict[tuple[str, ...], Values]] = {
    ("userIdentity", "type"): Values(
        "text",
        ("Root", "IAMUser", "AssumedRole", "Role", "FederatedUser", "Directory", "AWSAccount", "AWSService",
         "Unknown", "SAMLUser", "WebIdentityUser", "IdentityCenterUser"),
        evidence=_UI,
    ),
    ("userIdentity", "sessionContext", "sessionIssuer", "type"): Values(
        "text", ("Root", "IAMUser", "Role"), evidence=_UI
    ),
    # "true"/"false" as strings in 403 of 404 records of tests/catalog/records (AWS pages, awsdocs, Panther); one
    # AWS example shows a boolean (github:awsdocs/amazon-kendra-developer-guide@926e2ec6 doc_source/cloudtrail.md),
    # so a boolean filter is a warning, not an error.
    ("userIdentity", "sessionContext", "attributes", "mfaAuthenticated"): Values(
        "text-boolean", ("true", "false"), confident=False, evidence=_UI
    ),
    # AWS pages' records carry the string "true" (17 of 17); Panther's test records a JSON boolean (31 of 36).
    ("sessionCredentialFromConsole",): Values("text-boolean", ("true",), confident=False, evidence=_RC),
    ("eventType",): Values(
        "text",
        ("AwsApiCall", "AwsServiceEvent", "AwsConsoleAction", "AwsConsoleSignIn", "AwsCloudTrailInsight",
         "AwsVpceEvent"),
        evidence=_RC,
    ),
    ("eventCategory",): Values("text", ("Management", "Data", "Insight", "NetworkActivity"), evidence=_RC),
    ("addendum", "reason"): Values("text", ("DELIVERY_DELAY", "UPDATED_DATA", "SERVICE_OUTAGE"), evidence=_RC),
    ("insightDetails", "state"): Values("text", ("Start", "End"), evidence=_IN),
    ("insightDetails", "insightType"): Values("text", ("ApiCallRateInsight", "ApiErrorRateInsight"), evidence=_IN),
    ("tlsDetails", "tlsVersion"): Values("text", ("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"), evidence=_RC),
    # Per-event fields (a path only the named events' records carry, so judging it elsewhere changes nothing).
    # Console sign-in outcome: "Success" or "Failure" in all 45 sign-in records of tests/catalog/records.
    ("responseElements", "ConsoleLogin"): Values("text", ("Success", "Failure"), evidence=_SI),
    ("responseElements", "CheckMfa"): Values("text", ("Success", "Failure"), evidence=_SI),
    # Organizations CreateAccountResult: the CreateAccountState enum of the Organizations API.
    ("serviceEventDetails", "createAccountStatus", "state"): Values(
        "text", ("IN_PROGRESS", "SUCCEEDED", "FAILED"), evidence=_ORG
    ),
}  # fmt: skip

#: Fields under ``detail`` that records always hold as JSON strings (a number or boolean never equals them):
#: account ids are 12-digit *strings* in every record (record contents and userIdentity pages).
STRING_FIELDS: Final[frozenset[tuple[str, ...]]] = frozenset(
    {
        ("recipientAccountId",), ("vpcEndpointAccountId",), ("userIdentity", "accountId"),
        ("userIdentity", "principalId"), ("userIdentity", "arn"), ("userIdentity", "userName"),
        ("userIdentity", "sessionContext", "sessionIssuer", "accountId"), ("resources", "accountId"),
        ("resources", "ARN"), ("sourceIPAddress",), ("errorCode",),
    }
    | {p for p, v in VALUES.items() if v.kind == "text"}
)  # fmt: skip
