"""Errors raised by ctrules.

Every error a user can see subclasses :class:`CtrulesError`. Lookup errors also subclass
:class:`LookupError` so callers that already catch lookup failures keep working.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmbiguousEventError",
    "CtrulesError",
    "EventTypeMismatchError",
    "InvalidRuleError",
    "UnknownEventError",
    "UnknownFieldError",
    "UnknownServiceError",
]


class CtrulesError(Exception):
    """Base class of every error raised by ctrules."""


class UnknownEventError(CtrulesError, LookupError):
    """An event name that the catalog does not know (for the given service, if any).

    :param event_name: the name that was looked up.
    :param service: the service the lookup was restricted to, if any.
    :param suggestions: close names, best first ("did you mean").
    :param other_services: services that do log an event of exactly this name.
    """

    def __init__(
        self,
        event_name: str,
        *,
        service: str | None = None,
        suggestions: Sequence[str] = (),
        other_services: Sequence[str] = (),
        context: str | None = None,
    ) -> None:
        self.event_name = event_name
        self.service = service
        self.suggestions = tuple(suggestions)
        self.other_services = tuple(other_services)
        where = f" for service {service!r}" if service else ""
        parts = [f"{context}: " if context else "", f"unknown CloudTrail event {event_name!r}{where}"]
        if self.other_services:
            parts.append(
                f"; {event_name!r} is logged by {_join(self.other_services)}"
                f" (fix: service={self.other_services[0]!r})"
            )
        if self.suggestions:
            parts.append(f"; did you mean {_join(self.suggestions, 'or')}?")
        if not self.other_services and not self.suggestions:
            parts.append("; check the spelling with `ctrules search`")
        super().__init__("".join(parts))


class AmbiguousEventError(CtrulesError, LookupError):
    """An event name that several services log; the caller must say which service.

    :param event_name: the ambiguous name.
    :param services: the services (EventBridge sources) that log it.
    """

    def __init__(
        self, event_name: str, services: Sequence[str], *, context: str | None = None, likely: str | None = None
    ) -> None:
        """
        :param likely: the service to show in the example fix (default: the first); the catalog gives the one whose
            events real CloudTrail records confirm most.
        """
        self.event_name = event_name
        self.services = tuple(services)
        self.likely = likely if likely in self.services else (self.services[0] if self.services else "")
        prefix = f"{context}: " if context else ""
        if len(self.services) > 12:
            shown = ", ".join(repr(x) for x in self.services[:12]) + f" and {len(self.services) - 12} more"
        else:
            shown = _join(self.services)
        super().__init__(
            f"{prefix}CloudTrail event {event_name!r} is logged by {len(self.services)} services ({shown}); "
            f"pass service=... to choose one, e.g. service={self.likely!r} (in a list of names, "
            f"name the service of this one alone: '{self.likely.removeprefix('aws.')}:{event_name}')"
        )


class UnknownServiceError(CtrulesError, LookupError):
    """A ``service`` argument that names no service of the catalog.

    :param service: the value given.
    :param suggestions: close service names, best first.
    """

    def __init__(self, service: str, suggestions: Sequence[str] = ()) -> None:
        self.service = service
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {_join(self.suggestions, 'or')}?" if self.suggestions else ""
        super().__init__(
            f"unknown service {service!r}: give a botocore name ('organizations'), an EventBridge source "
            f"('aws.organizations') or an eventSource ('organizations.amazonaws.com'){hint}"
        )


class EventTypeMismatchError(CtrulesError, ValueError):
    """A typed rule asked for an event whose CloudTrail eventType is another one.

    For example ``ServiceEventRule(..., "CreateAccount")``: CreateAccount is an API call, so the rule
    would never fire; the fix is :class:`ctrules.ApiCallRule`.
    """


class InvalidRuleError(CtrulesError, ValueError):
    """Arguments to a ctrules construct or pattern builder that cannot make a rule that fires."""


class UnknownFieldError(CtrulesError, LookupError):
    """A field path that the records of an event do not carry (or that EventBridge cannot read).

    :param event_name: the event.
    :param path: the path given.
    :param reason: why it is refused.
    :param suggestions: close paths the records do carry, best first.
    """

    def __init__(self, event_name: str, path: str, reason: str, suggestions: Sequence[str] = ()) -> None:
        self.event_name = event_name
        self.path = path
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {_join(self.suggestions, 'or')}?" if self.suggestions else ""
        super().__init__(f"field {path!r} of CloudTrail event {event_name!r}: {reason}{hint}")


def _join(items: Sequence[str], word: str = "and") -> str:
    quoted = [repr(i) for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {word} " + quoted[-1]
