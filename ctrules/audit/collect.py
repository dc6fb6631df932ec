"""What is deployed in one account and region (buses, rules, targets, tags, trails, match counts), read-only.

Rules come with their pattern, State, targets and tags; trails with their event selectors and logging status; each
rule's CloudWatch match counts when asked. Only Describe/List/Get calls are made.

A trail applies to a region when it is homed there or is a multi-Region trail. ``DescribeTrails`` with
``includeShadowTrails`` (the default) lists, in each region, the trails replicated there from another region and, in
a member account, its organization's trails (botocore cloudtrail 2013-11-01 service model, ``includeShadowTrails``).
Its selectors and status are read in its home region, once per account however many regions show it.
``ListRules`` answers each rule's ``EventPattern``, ``State``, ``ManagedBy`` and ``EventBusName`` (the model's ``Rule``
shape), so no ``DescribeRule`` call is needed.
"""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ctrules.audit.aws import ReadOnlySession, describe_error
from ctrules.inputs.trails import selector_event_sources

__all__ = [
    "DeployedRule",
    "DeployedTrail",
    "MatchCounts",
    "RegionInventory",
    "TrailCache",
    "collect_region",
    "collect_trails",
    "inventory_json",
]


@dataclass
class MatchCounts:
    """A rule's CloudWatch ``AWS/Events`` sums over the last :attr:`days` days (absent data points count as 0:
    EventBridge publishes these metrics only for minutes with events).

    :param matched: ``MatchedEvents``: events the rule matched.
    :param triggered: ``TriggeredRules``: times the rule ran for a matching event.
    """

    days: int
    matched: float
    triggered: float


@dataclass
class DeployedRule:
    """One EventBridge rule as the account holds it.

    :param pattern: the ``EventPattern`` text (``None`` for a schedule-only rule).
    :param targets: the rule's targets as ``ListTargetsByRule`` gives them; ``None`` when they could not be read.
    :param tags: the rule's tags; ``None`` when they could not be read.
    :param managed_by: the service that manages the rule (``ManagedBy``), if one.
    """

    account: str
    region: str
    arn: str
    name: str
    bus: str
    pattern: str | None
    state: str | None
    managed_by: str | None = None
    description: str | None = None
    targets: list[dict[str, Any]] | None = None
    tags: dict[str, str] | None = None
    matches: MatchCounts | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """``name`` on the default bus, ``bus/name`` on another."""
        return self.name if self.bus == "default" else f"{self.bus}/{self.name}"


@dataclass
class DeployedTrail:
    """One CloudTrail trail that applies to a region.

    :param logging: whether it is logging (``GetTrailStatus``); ``None`` when unknown.
    :param selectors: its ``EventSelectors`` and ``AdvancedEventSelectors`` (``None`` when they could not be read).
    :param data_sources: the eventSources whose data events it logs (empty when it is not logging).
    :param network_sources: the eventSources whose network activity events it logs.
    :param problem: why its status or selectors could not be read.
    """

    arn: str
    name: str
    home_region: str
    multi_region: bool
    organization: bool
    logging: bool | None = None
    selectors: dict[str, Any] | None = None
    data_sources: list[str] = field(default_factory=list)
    network_sources: list[str] = field(default_factory=list)
    problem: str | None = None

    @property
    def known(self) -> bool:
        """True when both its status and its selectors were read."""
        return self.logging is not None and self.selectors is not None


@dataclass
class RegionInventory:
    """Everything read in one account and region.

    :param error: why the region could not be read at all (then it is reported as not checked).
    :param trails_error: why the trails could not be listed (then data-event coverage is unknown).
    """

    account: str
    region: str
    buses: list[str] = field(default_factory=list)
    rules: list[DeployedRule] = field(default_factory=list)
    trails: list[DeployedTrail] = field(default_factory=list)
    error: str | None = None
    denied: bool = False
    trails_error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def trails_known(self) -> bool:
        """True when every trail that applies here was read in full (data-event coverage is then known)."""
        return self.error is None and self.trails_error is None and all(t.known for t in self.trails)

    def data_trails(self) -> dict[str, DeployedTrail]:
        """eventSource -> a logging trail that logs its data events here."""
        out: dict[str, DeployedTrail] = {}
        for t in self.trails:
            if t.logging:
                for es in t.data_sources:
                    out.setdefault(es, t)
        return out


class TrailCache:
    """Trail status and selectors by ARN, read once per account (a multi-Region trail shows in every region)."""

    def __init__(self) -> None:
        self._found: dict[str, tuple[bool | None, dict[str, Any] | None, str | None]] = {}
        self._lock = threading.Lock()

    def read(self, ro: ReadOnlySession, arn: str, home: str) -> tuple[bool | None, dict[str, Any] | None, str | None]:
        """``(logging, selectors, problem)`` of the trail."""
        with self._lock:
            found = self._found.get(arn)
        if found is not None:
            return found
        ct = ro.client("cloudtrail", home)
        problems: list[str] = []
        logging: bool | None = None
        selectors: dict[str, Any] | None = None
        try:
            logging = bool(ct.get_trail_status(Name=arn).get("IsLogging"))
        except Exception as exc:
            problems.append(describe_error(exc, "GetTrailStatus", home).message)
        try:
            got = ct.get_event_selectors(TrailName=arn)
            selectors = {
                "EventSelectors": got.get("EventSelectors") or [],
                "AdvancedEventSelectors": got.get("AdvancedEventSelectors") or [],
            }
        except Exception as exc:
            problems.append(describe_error(exc, "GetEventSelectors", home).message)
        found = (logging, selectors, "; ".join(problems) or None)
        with self._lock:
            self._found[arn] = found
        return found


def _pages(call: Callable[..., dict[str, Any]], key: str, **kwargs: Any) -> Iterator[dict[str, Any]]:
    """Every item of a ``NextToken``-paginated list call (bounded: a token seen twice ends the walk)."""
    seen: set[str] = set()
    while True:
        page = call(**kwargs)
        yield from page.get(key) or []
        token = page.get("NextToken")
        if not token or token in seen:
            return
        seen.add(token)
        kwargs["NextToken"] = token


def _network_sources(selectors: dict[str, Any]) -> list[str]:
    """The eventSources of the trail's network activity selectors (``eventCategory`` ``NetworkActivity``)."""
    out: set[str] = set()
    for sel in selectors.get("AdvancedEventSelectors") or ():
        fields = {f.get("Field"): f for f in sel.get("FieldSelectors") or () if isinstance(f, dict)}
        category = fields.get("eventCategory", {}).get("Equals") or []
        if "NetworkActivity" in category:
            out.update(v for v in fields.get("eventSource", {}).get("Equals") or [] if isinstance(v, str))
    return sorted(out)


def collect_region(
    ro: ReadOnlySession,
    account: str,
    region: str,
    *,
    trails: TrailCache | None = None,
    since_days: int | None = None,
    now: datetime.datetime | None = None,
) -> RegionInventory:
    """Read the buses, rules, targets, tags and trails of one region (never raises for an AWS error: a region that
    cannot be read has :attr:`RegionInventory.error`; a rule or trail that cannot be read in full carries a note)."""
    inv = RegionInventory(account, region)
    try:
        _collect_rules(ro, inv)
    except Exception as exc:
        err = describe_error(exc, "", region)
        inv.error, inv.denied = err.message, err.denied
        return inv
    collect_trails(ro, inv, trails or TrailCache())
    if since_days is not None:
        _collect_matches(ro, inv, since_days, now or datetime.datetime.now(datetime.timezone.utc))
    return inv


#: Rules whose targets and tags are read at once within one region (on top of the account/region fan-out).
RULE_WORKERS = 4


def _collect_rules(ro: ReadOnlySession, inv: RegionInventory) -> None:
    events = ro.client("events", inv.region)
    try:
        inv.buses = [str(b["Name"]) for b in _pages(events.list_event_buses, "EventBuses") if b.get("Name")]
    except Exception as exc:
        raise describe_error(exc, "ListEventBuses", inv.region) from None
    for bus in inv.buses:
        try:
            listed = list(_pages(events.list_rules, "Rules", EventBusName=bus))
        except Exception as exc:
            raise describe_error(exc, f"ListRules (bus {bus})", inv.region) from None
        for r in listed:
            inv.rules.append(
                DeployedRule(
                    account=inv.account,
                    region=inv.region,
                    arn=str(r.get("Arn") or ""),
                    name=str(r.get("Name") or ""),
                    bus=bus,
                    pattern=r.get("EventPattern"),
                    state=r.get("State"),
                    managed_by=r.get("ManagedBy"),
                    description=r.get("Description"),
                )
            )
    with_pattern = [rule for rule in inv.rules if rule.pattern is not None]  # a schedule has no pattern to check
    if len(with_pattern) <= 1:
        for rule in with_pattern:
            _read_targets_and_tags(events, rule)
        return
    with ThreadPoolExecutor(max_workers=RULE_WORKERS) as pool:
        for _ in pool.map(lambda rule: _read_targets_and_tags(events, rule), with_pattern):
            pass


def _read_targets_and_tags(events: Any, rule: DeployedRule) -> None:
    """The rule's targets and tags; what cannot be read stays ``None`` with a note."""
    try:
        rule.targets = list(_pages(events.list_targets_by_rule, "Targets", Rule=rule.name, EventBusName=rule.bus))
    except Exception as exc:
        rule.notes.append(f"targets not read ({describe_error(exc, 'ListTargetsByRule').message})")
    try:
        tags = events.list_tags_for_resource(ResourceARN=rule.arn).get("Tags") or []
        rule.tags = {str(t.get("Key")): str(t.get("Value") or "") for t in tags}
    except Exception as exc:
        rule.notes.append(f"tags not read ({describe_error(exc, 'ListTagsForResource').message})")


def _applies(trail: dict[str, Any], region: str) -> bool:
    return bool(trail.get("IsMultiRegionTrail")) or trail.get("HomeRegion") == region


def collect_trails(ro: ReadOnlySession, inv: RegionInventory, cache: TrailCache) -> None:
    """Read the trails that apply to the inventory's region into it (``trails``, or ``trails_error``)."""
    ct = ro.client("cloudtrail", inv.region)
    try:
        listed = ct.describe_trails(includeShadowTrails=True).get("trailList") or []
    except Exception as exc:
        inv.trails_error = describe_error(exc, "DescribeTrails", inv.region).message
        return
    seen: set[str] = set()
    for t in listed:
        arn = str(t.get("TrailARN") or "")
        if not arn or arn in seen or not _applies(t, inv.region):
            continue
        seen.add(arn)
        home = str(t.get("HomeRegion") or inv.region)
        trail = DeployedTrail(
            arn=arn,
            name=str(t.get("Name") or arn.rsplit("/", 1)[-1]),
            home_region=home,
            multi_region=bool(t.get("IsMultiRegionTrail")),
            organization=bool(t.get("IsOrganizationTrail")),
        )
        trail.logging, trail.selectors, trail.problem = cache.read(ro, arn, home)
        if trail.selectors is not None:
            trail.network_sources = _network_sources(trail.selectors)
            if trail.logging:
                trail.data_sources = sorted(selector_event_sources(trail.selectors))
        inv.trails.append(trail)


#: GetMetricData takes at most 500 metrics per request (CloudWatch API reference, GetMetricData).
_METRICS_PER_CALL = 500


def _collect_matches(ro: ReadOnlySession, inv: RegionInventory, days: int, now: datetime.datetime) -> None:
    """Each rule's MatchedEvents and TriggeredRules sums over ``days``, 500 metrics per ``GetMetricData`` call."""
    cw = ro.client("cloudwatch", inv.region)
    start = now - datetime.timedelta(days=days)
    rules = [r for r in inv.rules if r.pattern is not None]
    queries: list[dict[str, Any]] = []
    for i, rule in enumerate(rules):
        # RuleName alone names a default-bus rule; EventBusName and RuleName a custom-bus rule (EventBridge user guide,
        # https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html).
        dims = [{"Name": "RuleName", "Value": rule.name}]
        if rule.bus != "default":
            dims.insert(0, {"Name": "EventBusName", "Value": rule.bus})
        for prefix, metric in (("m", "MatchedEvents"), ("t", "TriggeredRules")):
            stat = {"Metric": {"Namespace": "AWS/Events", "MetricName": metric, "Dimensions": dims},
                    "Period": 86400, "Stat": "Sum"}  # fmt: skip
            queries.append({"Id": f"{prefix}{i}", "MetricStat": stat, "ReturnData": True})
    sums: dict[str, float] = {}
    try:
        for at in range(0, len(queries), _METRICS_PER_CALL):
            batch = queries[at : at + _METRICS_PER_CALL]
            kwargs: dict[str, Any] = {"MetricDataQueries": batch, "StartTime": start, "EndTime": now}
            for result in _pages(cw.get_metric_data, "MetricDataResults", **kwargs):
                sums[result["Id"]] = sums.get(result["Id"], 0.0) + float(sum(result.get("Values") or []))
    except Exception as exc:
        inv.notes.append(f"match counts not read ({describe_error(exc, 'GetMetricData', inv.region).message})")
        return
    for i, rule in enumerate(rules):
        rule.matches = MatchCounts(days, sums.get(f"m{i}", 0.0), sums.get(f"t{i}", 0.0))


def inventory_json(inventories: list[RegionInventory]) -> str:
    """The inventory as JSON (``ctrules audit --inventory``): per region, buses, rules and trails as read."""
    from dataclasses import asdict

    return json.dumps([asdict(i) for i in inventories], indent=2, default=str) + "\n"
