"""AWS access for ``ctrules audit``: read-only clients, botocore's standard retry mode, and AWS errors as one line.

Every client the audit makes goes through :class:`ReadOnlySession`, which registers a ``before-call`` hook on it: an
operation that is not in :data:`ALLOWED_OPERATIONS` raises :class:`WriteRefused` before any request is signed, so the
audit cannot change an account even through a bug. Each allowed operation is a Describe, List or Get call, plus
``sts:AssumeRole`` for ``--org`` (which changes nothing in the account; it hands out the credentials of the role).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "ALLOWED_OPERATIONS",
    "AwsError",
    "ReadOnlySession",
    "WriteRefused",
    "describe_error",
    "is_access_denied",
]

#: Every AWS operation the audit may call, by botocore service name.
ALLOWED_OPERATIONS: Mapping[str, frozenset[str]] = {
    "events": frozenset({"ListEventBuses", "ListRules", "ListTargetsByRule", "ListTagsForResource"}),
    "cloudtrail": frozenset({"DescribeTrails", "GetEventSelectors", "GetTrailStatus"}),
    "cloudwatch": frozenset({"GetMetricData"}),
    "ec2": frozenset({"DescribeRegions"}),
    "organizations": frozenset({"ListAccounts"}),
    "sts": frozenset({"GetCallerIdentity", "AssumeRole"}),
    "config": frozenset({"GetResourceConfigHistory"}),
}

#: Error codes that mean "this principal may not read this" (the account or region is reported as not checked).
_DENIED = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "AuthFailure",
        "OptInRequired",
        "UnauthorizedAccess",
        "AWSOrganizationsNotInUseException",
        "ExpiredToken",
        "ExpiredTokenException",
    }
)


class WriteRefused(RuntimeError):
    """An operation outside :data:`ALLOWED_OPERATIONS` was about to be called (a bug: the audit only reads)."""


class AwsError(Exception):
    """An AWS call failed; :attr:`message` is one line that names the operation, the region and the cause."""

    def __init__(self, message: str, *, denied: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.denied = denied


def describe_error(exc: BaseException, operation: str = "", region: str = "") -> AwsError:
    """One line for any failure of a botocore call (never a traceback): the error code and message as AWS gives them."""
    from botocore.exceptions import BotoCoreError, ClientError

    where = " ".join(x for x in (operation, f"in {region}" if region else "") if x)
    prefix = f"{where}: " if where else ""
    if isinstance(exc, AwsError):
        return exc
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code") or "Error")
        message = " ".join(str(error.get("Message") or "").split())
        return AwsError(f"{prefix}{code}: {message}".rstrip(": "), denied=code in _DENIED)
    if isinstance(exc, BotoCoreError):
        name = type(exc).__name__
        denied = name in {"NoCredentialsError", "PartialCredentialsError", "CredentialRetrievalError"}
        return AwsError(f"{prefix}{' '.join(str(exc).split())}", denied=denied)
    return AwsError(f"{prefix}{type(exc).__name__}: {' '.join(str(exc).split())}")


def is_access_denied(exc: BaseException) -> bool:
    """True when the failure says the caller may not read (not that the service failed)."""
    return describe_error(exc).denied


class ReadOnlySession:
    """boto3 clients for one set of credentials, each limited to :data:`ALLOWED_OPERATIONS`, with botocore's
    ``standard`` retry mode (which retries throttling and transient errors with backoff).

    :param session: a ``boto3.Session`` (a profile's, or one made from an assumed role's credentials).
    :param on_call: called with ``(service, operation)`` before every call (tests record them).
    :param max_attempts: the retry mode's total attempts per call; by default ``AWS_MAX_ATTEMPTS`` when set (as
        botocore reads it), else 8.
    :param fallback_region: the region of calls that need one when the session has none (STS, Organizations, EC2
        ``DescribeRegions``): the first region audited.
    """

    def __init__(
        self,
        session: Any,
        *,
        on_call: Callable[[str, str], None] | None = None,
        max_attempts: int | None = None,
        fallback_region: str | None = None,
    ) -> None:
        from botocore.config import Config

        self.session = session
        self._fallback = fallback_region
        self._on_call = on_call
        if max_attempts is None:
            env = os.environ.get("AWS_MAX_ATTEMPTS", "")
            max_attempts = int(env) if env.isdigit() and int(env) > 0 else 8
        self._config = Config(
            retries={"mode": "standard", "max_attempts": max_attempts},
            user_agent_extra="ctrules-audit",
            connect_timeout=10,
            read_timeout=30,
        )
        self._clients: dict[tuple[str, str | None], Any] = {}
        self._lock = threading.Lock()

    @property
    def region_name(self) -> str | None:
        """The session's default region (the profile's or ``AWS_DEFAULT_REGION``), else the fallback region."""
        name = self.session.region_name
        return name if isinstance(name, str) and name else self._fallback

    def client(self, service: str, region: str | None = None) -> Any:
        """A read-only client for ``service`` in ``region`` (cached; botocore clients are thread-safe)."""
        if service not in ALLOWED_OPERATIONS:
            raise WriteRefused(f"ctrules audit does not call {service}")
        key = (service, region)
        with self._lock:
            found = self._clients.get(key)
            if found is None:
                found = self.session.client(service, region_name=region, config=self._config)
                found.meta.events.register("before-call", self._guard)
                self._clients[key] = found
        return found

    def _guard(self, model: Any, **_: Any) -> None:
        service = model.service_model.service_name
        operation = model.name
        if operation not in ALLOWED_OPERATIONS.get(service, frozenset()):
            raise WriteRefused(f"ctrules audit refused to call {service}:{operation}, which is not read-only")
        if self._on_call is not None:
            self._on_call(service, operation)
