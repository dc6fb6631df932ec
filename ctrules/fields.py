"""Typed access to record fields: :func:`field` gives a checked ``events.EventField`` path for a target input.

Example::

    import ctrules
    from aws_cdk import aws_events as events

    account_id = ctrules.field("CreateAccountResult", "serviceEventDetails.createAccountStatus.accountId")
    events.RuleTargetInput.from_object({"account": account_id})

The path is checked against the event's record shape (:mod:`ctrules.catalog.shapes`) before the CDK
is imported: a path the records never carry raises :class:`~ctrules.errors.UnknownFieldError` with
"did you mean" suggestions, and so does a path inside a field recorded as a JSON string.
"""

from __future__ import annotations

from ctrules.catalog import shapes
from ctrules.errors import UnknownFieldError

__all__ = ["checked_path", "field"]


def checked_path(event_name: str, path: str, *, service: str | None = None) -> str:
    """The JSONPath (``$.detail.<path>``) of a field of ``event_name``'s records, after checking it.

    :param event_name: the CloudTrail eventName (as in :func:`ctrules.catalog.get`).
    :param path: a path below the record (``serviceEventDetails.createAccountStatus.accountId``); a
        leading ``detail.`` or ``$.detail.`` is accepted.
    :param service: the service, when several log ``event_name``.
    :raises UnknownFieldError: the records do not carry the path, or it points inside a JSON string.
    :raises ctrules.errors.UnknownEventError: for an unknown event name.
    """
    st = shapes.path_status(event_name, path, service=service)
    if st.status == shapes.NO_SHAPE:
        raise UnknownFieldError(
            event_name, path, "ctrules knows no record shape for this event, so it cannot check the path; "
            "use aws_events.EventField.from_path('$.detail...') directly"
        )
    if not st.ok:
        where = f" ({st.confidence} shape)" if st.confidence else ""
        raise UnknownFieldError(event_name, path, (st.reason or st.status) + where, st.suggestions)
    body = path.strip()
    for prefix in ("$.detail.", "detail."):
        if body.startswith(prefix):
            body = body[len(prefix) :]
    return "$.detail." + body


def field(event_name: str, path: str, *, service: str | None = None) -> str:
    """``aws_events.EventField.from_path("$.detail.<path>")`` after checking the path against the event.

    Returns the CDK token (a string) that ``RuleTargetInput.from_object``/``from_text`` turn into an
    input transformer entry. See :func:`checked_path` for the arguments and errors. ``aws_cdk`` is
    imported only here.
    """
    json_path = checked_path(event_name, path, service=service)
    from aws_cdk import aws_events

    return aws_events.EventField.from_path(json_path)
