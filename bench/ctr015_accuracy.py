#!/usr/bin/env python3
"""CTR015 against real CloudTrail records: false positives on real field paths, seeded typos caught.

For every record of ``tests/catalog/records/*.json`` (each with its source and commit) whose event is in the
catalog, and for every leaf path the record carries under requestParameters, responseElements,
serviceEventDetails or additionalEventData, one rule is written that a CloudTrail user could write::

    {"source": [<source>], "detail-type": [<detail-type of the record's eventType>],
     "detail": {"eventSource": [<es>], "eventName": [<name>], <part>: {...: [<the record's value>]}}}

The record itself matches that rule, so **every** CTR015 finding on it is a false positive. Reported:

* **false positives**: findings / judged paths, errors and warnings apart (target: 0 errors, <= 2 % warnings);
* **held out**: the same, with the shape data rebuilt from the *other* record files only (``seen`` then rests
  on records the measured file does not hold): the honest rate for errors. Needs the pinned botocore wheel
  (``.cache/botocore-1.44.5-py3-none-any.whl``, ``make setup``); skipped without it;
* **typos caught**: for each distinct (event, known path) of the records, seeded mistakes in one segment
  (all lower case, a deleted/inserted/replaced/swapped letter, first letter's case flipped); a typo is caught
  when CTR015 reports the rule. Seeded paths the shapes know as real fields are not counted.

Usage: ``python bench/ctr015_accuracy.py [--json] [--verbose] [--no-held-out]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import string
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ctrules.catalog import DETAIL_TYPES, CatalogEvent, lookup  # noqa: E402
from ctrules.catalog import shapes as sh  # noqa: E402
from ctrules.checks import RuleContext, check_pattern  # noqa: E402
from ctrules.checks import ctr015_record_path as ctr015  # noqa: E402
from ctrules.errors import CtrulesError  # noqa: E402

RECORDS = ROOT / "tests" / "catalog" / "records"
WHEEL = ROOT / ".cache" / "botocore-1.44.5-py3-none-any.whl"
PARTS = ("requestParameters", "responseElements", "serviceEventDetails", "additionalEventData")
CONTEXT = RuleContext(region="us-east-1")
TYPO_KINDS = ("lower", "delete", "insert", "replace", "swap", "first-case")


def load_records(folder: Path = RECORDS) -> dict[str, list[dict[str, Any]]]:
    """The stored records by file stem."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def part_leaves(value: Any, prefix: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path, value) of each leaf under a record part; arrays are walked through, as EventBridge does."""
    if isinstance(value, dict):
        if not value and len(prefix) > 1:
            yield prefix, value
        for k, v in value.items():
            yield from part_leaves(v, (*prefix, k))
    elif isinstance(value, list):
        if not value:
            yield prefix, value
        for v in value:
            yield from part_leaves(v, prefix)
    elif len(prefix) > 1:
        yield prefix, value


def catalog_event(record: dict[str, Any]) -> CatalogEvent | None:
    """The catalog entry of a record (by eventSource and eventName), or None."""
    es, name = record.get("eventSource"), record.get("eventName")
    if not isinstance(es, str) or not isinstance(name, str):
        return None
    try:
        found = lookup(name, service=es)
    except CtrulesError:
        return None
    return found[0] if found else None


def rule_for(event: CatalogEvent, event_type: str, path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """The rule a user would write to match this record on ``path`` (see the module docstring)."""
    leaf: list[Any] = [value] if value is None or isinstance(value, (str, int, float, bool)) else [{"exists": True}]
    node: Any = leaf
    for seg in reversed(path):
        node = {seg: node}
    return {
        "source": [event.source],
        "detail-type": [DETAIL_TYPES.get(event_type, DETAIL_TYPES["AwsApiCall"])],
        "detail": {"eventSource": [event.event_source], "eventName": [event.event_name], **node},
    }


def ctr015_findings(pattern: dict[str, Any]) -> list[Any]:
    return [f for f in check_pattern(pattern, CONTEXT) if f.code == "CTR015"]


def judged(path: tuple[str, ...]) -> bool:
    """Paths CTR015 can spell (keys with dots, brackets or digits only are left alone by the check)."""
    return all(seg and "." not in seg and "[" not in seg and not seg.isdigit() and seg != "*" for seg in path)


@dataclass
class Result:
    records: int = 0
    paths: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def rate(self, which: list[str]) -> float:
        return len(which) / self.paths if self.paths else 0.0


def false_positives(records: list[dict[str, Any]], every: int = 1) -> Result:
    """CTR015's findings on rules each real record matches (every ``every``-th distinct rule)."""
    out = Result()
    seen: set[str] = set()
    for item in records:
        rec = item["record"]
        event = catalog_event(rec)
        if event is None:
            continue
        out.records += 1
        event_type = rec.get("eventType") or event.event_types[0]
        for part in PARTS:
            if not isinstance(rec.get(part), dict):
                continue
            for path, value in part_leaves(rec[part], (part,)):
                if not judged(path):
                    continue
                pattern = rule_for(event, event_type, path, value)
                key = json.dumps(pattern, sort_keys=True)
                if key in seen:
                    continue
                seen.add(key)
                if (len(seen) - 1) % every:
                    continue
                out.paths += 1
                for f in ctr015_findings(pattern):
                    line = f"{event.event_source} {event.event_name} {'.'.join(path)} ({item['source']}): {f.message}"
                    (out.errors if f.severity == "error" else out.warnings).append(line)
    return out


def typo(word: str, kind: str, rng: random.Random) -> str:
    """One seeded mistake of ``kind`` in ``word`` (may equal ``word``: the caller skips those)."""
    letters = string.ascii_lowercase
    if kind == "lower":
        return word.lower()
    if kind == "first-case":
        return (word[0].lower() if word[0].isupper() else word[0].upper()) + word[1:]
    i = rng.randrange(len(word))
    if kind == "delete":
        return word[:i] + word[i + 1 :] if len(word) > 1 else word + "x"
    if kind == "insert":
        return word[:i] + rng.choice(letters) + word[i:]
    if kind == "replace":
        return word[:i] + rng.choice([c for c in letters if c != word[i].lower()]) + word[i + 1 :]
    j = i + 1 if i + 1 < len(word) else i - 1
    a, b = sorted((i, max(j, 0)))
    return word[:a] + word[b] + word[a] + word[b + 1 :]


def typos_caught(records: list[dict[str, Any]]) -> dict[str, tuple[int, int, int]]:
    """Per typo kind: (tried, caught, caught as an error)."""
    rng = random.Random(15)
    known: dict[tuple[str, str], tuple[CatalogEvent, str, set[tuple[str, ...]]]] = {}
    for item in records:
        rec = item["record"]
        event = catalog_event(rec)
        if event is None:
            continue
        entry = known.setdefault(
            (event.event_source, event.event_name), (event, rec.get("eventType") or event.event_types[0], set())
        )
        for part in PARTS:
            if isinstance(rec.get(part), dict):
                for path, _ in part_leaves(rec[part], (part,)):
                    if judged(path) and len(path) > 1 and sh.path_status(event, ".".join(path)).status == sh.KNOWN:
                        entry[2].add(path)
    out: dict[str, tuple[int, int, int]] = {}
    for kind in TYPO_KINDS:
        tried = caught = errors = 0
        for (_, _), (event, event_type, paths) in sorted(known.items(), key=lambda kv: kv[0]):
            for path in sorted(paths):
                i = rng.randrange(1, len(path))  # a segment below the part name
                bad = (*path[:i], typo(path[i], kind, rng), *path[i + 1 :])
                if bad == path or not bad[i] or sh.path_status(event, ".".join(bad)).ok:
                    continue  # not a mistake (the seeded name is a real field, or an accepted spelling)
                tried += 1
                found = ctr015_findings(rule_for(event, event_type, bad, "x"))
                caught += bool(found)
                errors += any(f.severity == "error" for f in found)
        out[kind] = (tried, caught, errors)
    return out


def held_out(per_file: dict[str, list[dict[str, Any]]]) -> dict[str, Result] | None:
    """Per record file: false positives with shape data built from the other files only (None: no wheel)."""
    if not WHEEL.exists():
        return None
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_shapes", ROOT / "scripts" / "build_shapes.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    sys.modules["build_shapes"] = gen
    spec.loader.exec_module(gen)
    out: dict[str, Result] = {}
    original = sh._data()
    try:
        for stem, records in per_file.items():
            with tempfile.TemporaryDirectory() as tmp:
                for other in per_file:
                    if other != stem:
                        (Path(tmp) / f"{other}.json").write_text(
                            (RECORDS / f"{other}.json").read_text(encoding="utf-8"), encoding="utf-8"
                        )
                data = gen.build(WHEEL, Path(tmp))
            sh._DATA = sh._Data(json.loads(gzip.decompress(data)))
            ctr015._STATUS.clear()
            out[stem] = false_positives(records)
    finally:
        sh._DATA = original
        ctr015._STATUS.clear()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="list every false positive")
    parser.add_argument("--no-held-out", action="store_true", help="skip the rebuild of the shape data per file")
    args = parser.parse_args()
    per_file = load_records()
    every = [r for recs in per_file.values() for r in recs]
    start = time.perf_counter()
    fp = false_positives(every)
    elapsed = time.perf_counter() - start
    typos = typos_caught(every)
    held = None if args.no_held_out else held_out(per_file)
    tried = sum(t for t, _, _ in typos.values())
    caught = sum(c for _, c, _ in typos.values())
    as_errors = sum(e for _, _, e in typos.values())
    if args.verbose:
        for line in fp.errors:
            print("error:", line, file=sys.stderr)
        for line in fp.warnings:
            print("warning:", line, file=sys.stderr)
        if held:
            for stem, r in held.items():
                for line in r.errors:
                    print(f"held-out {stem} error:", line, file=sys.stderr)
    if args.json:
        rows = [
            {"name": "CTR015: errors on real record paths", "value": round(100 * fp.rate(fp.errors), 3), "unit": "%",
             "target": "0", "ok": not fp.errors},
            {"name": "CTR015: warnings on real record paths", "value": round(100 * fp.rate(fp.warnings), 2),
             "unit": "%", "target": "<= 2", "ok": fp.rate(fp.warnings) <= 0.02},
            {"name": "CTR015: seeded typos caught", "value": round(100 * caught / tried, 2) if tried else 0.0,
             "unit": "%", "target": "report", "ok": True},
        ]
        if held:
            paths = sum(r.paths for r in held.values())
            errors = sum(len(r.errors) for r in held.values())
            rows.append({"name": "CTR015: errors on held-out record paths", "value": round(100 * errors / paths, 3),
                         "unit": "%", "target": "report", "ok": True})
        print(json.dumps(rows))
        return 0
    print(f"real records: {fp.records} with a catalog event, {fp.paths:,} distinct rules on their part paths "
          f"({elapsed:.1f} s)")
    print(f"  false positives: {len(fp.errors)} errors ({100 * fp.rate(fp.errors):.2f} %), "
          f"{len(fp.warnings)} warnings ({100 * fp.rate(fp.warnings):.2f} %)")
    by_event = Counter(line.split(" (")[0].rsplit(" ", 1)[0] for line in fp.warnings + fp.errors)
    if by_event:
        print("  by event: " + ", ".join(f"{k} ({n})" for k, n in by_event.most_common(8)))
    if held is None:
        print("held out: skipped (no pinned botocore wheel in .cache)")
    else:
        for stem, r in held.items():
            print(f"held out {stem}: {r.paths:,} rules, {len(r.errors)} errors ({100 * r.rate(r.errors):.2f} %), "
                  f"{len(r.warnings)} warnings ({100 * r.rate(r.warnings):.2f} %)")
    if tried:
        print(f"seeded typos: {caught:,} of {tried:,} caught ({100 * caught / tried:.1f} %), "
              f"{as_errors:,} of them as errors ({100 * as_errors / tried:.1f} %)")
    for kind, (t, c, e) in typos.items():
        print(f"  {kind:<11}{c:>6} of {t:<6} ({100 * c / t:5.1f} %), errors {e:>5}" if t else f"  {kind:<11} none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
