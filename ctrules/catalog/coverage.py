"""What the catalog covers: its botocore versions and date, its size, and the services AWS has retired.

Warnings about a name the catalog does not list quote :func:`coverage` ("the catalog (botocore 1.44.5,
2026-11-17, 20,235 events) does not list X"); findings about a retired service quote :func:`retirement`
("OpsWorks was retired on 2024-05-26").

Example::

    from ctrules import catalog

    catalog.coverage().summary            # 'botocore 1.44.5 of 2026-11-17, 20,235 events, 419 eventSources'
    catalog.retirement("opsworks").date   # '2024-05-26'
"""

from __future__ import annotations

from collections import namedtuple

from ctrules.catalog._store import store

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (type checkers take it as True), without importing typing

__all__ = ["Coverage", "Retirement", "coverage", "retired_services", "retirement"]

_SUFFIX = ".amazonaws.com"


if TYPE_CHECKING:
    from typing import NamedTuple

    class _CoverageFields(NamedTuple):
        botocore: str
        date: str
        retired_from: tuple[str, ...]
        events: int
        event_sources: int
        retired_services: int
        added: int

    class _RetirementFields(NamedTuple):
        service: str
        event_source: str
        date: str
        evidence: tuple[str, ...]
        note: str
        botocore: str | None

else:
    # typing.NamedTuple costs an import of typing on every cold start: the same tuples from collections.
    _CoverageFields = namedtuple(
        "Coverage", ("botocore", "date", "retired_from", "events", "event_sources", "retired_services", "added")
    )
    _RetirementFields = namedtuple("Retirement", ("service", "event_source", "date", "evidence", "note", "botocore"))


class Coverage(_CoverageFields):
    """The extent of the catalog in this process.

    :param botocore: the botocore version whose operations the catalog lists.
    :param date: the catalog's date: the build date of that botocore wheel (``YYYY-MM-DD``), not the
        time the catalog was generated.
    :param retired_from: older botocore versions read for the operations of retired services.
    :param events: entries (eventSource, eventName), including those a project added.
    :param event_sources: distinct eventSources.
    :param retired_services: botocore services marked retired.
    :param added: entries a project added or changed with :func:`ctrules.catalog.extend`.
    """

    __slots__ = ()

    @property
    def version_text(self) -> str:
        """The catalog's date and sources, e.g. ``2026-11-17 (botocore 1.44.5; retired services from
        botocore 1.29.0, 1.43.0)``."""
        text = f"{self.date} (botocore {self.botocore}"
        if self.retired_from:
            text += f"; retired services from botocore {', '.join(self.retired_from)}"
        return text + ")"

    @property
    def summary(self) -> str:
        """One phrase for messages, e.g. ``botocore 1.44.5 of 2026-11-17, 20,235 events, 419 eventSources``."""
        text = f"botocore {self.botocore} of {self.date}, {self.events:,} events, {self.event_sources:,} eventSources"
        if self.added:
            text += f" ({self.added:,} added by the project)"
        return text


class Retirement(_RetirementFields):
    """A service AWS has retired whose events the catalog keeps.

    :param service: the botocore service name (``opsworks``).
    :param event_source: its CloudTrail eventSource (``opsworks.amazonaws.com``).
    :param date: the retirement (end of support) date, ``YYYY-MM-DD``.
    :param evidence: AWS pages (or SDK changes) stating it.
    :param note: what ended, in a sentence.
    :param botocore: the botocore version the service's operations were read from (``None`` when no
        pinned wheel had it).
    """

    __slots__ = ()


def coverage() -> Coverage:
    """What the catalog covers, for messages about names it does not list."""
    s = store()
    upstream = s.doc["upstream"]
    return Coverage(
        botocore=upstream["botocore"],
        date=s.doc.get("date", ""),
        retired_from=tuple(upstream.get("retired_from", {})),
        events=len(s.rows),
        event_sources=len(s.by_source),
        retired_services=len(s.retired),
        added=len(s.added),
    )


def _retirement(service: str) -> Retirement:
    s = store()
    date, evidence, note, botocore = s.retired[service]
    return Retirement(
        service=service,
        event_source=s.service_sources[service],
        date=date,
        evidence=tuple(s.strings[i] for i in evidence),
        note=note,
        botocore=botocore,
    )


def retirement(service: str) -> Retirement | None:
    """The retirement of a service, or ``None`` when it is not retired.

    :param service: a botocore service name (``opsworkscm``), an EventBridge source (``aws.opsworks-cm``)
        or an eventSource (``opsworks-cm.amazonaws.com``).
    :raises ctrules.errors.UnknownServiceError: when the catalog knows no such service.
    """
    from ctrules.catalog.api import event_source_for

    s = store()
    if service in s.retired:
        return _retirement(service)
    event_source = event_source_for(service)
    for name in sorted(s.retired):
        if s.service_sources.get(name) == event_source:
            return _retirement(name)
    return None


def retired_services() -> tuple[Retirement, ...]:
    """Every retired service the catalog keeps events of, by service name."""
    return tuple(_retirement(name) for name in sorted(store().retired))
