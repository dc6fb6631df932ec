#!/usr/bin/env python3
"""How well the record shapes fit real CloudTrail records (accepted paths, coverage, typos caught).

Reads every record of ``tests/catalog/records/*.json`` (each with its source and commit) and reports:

* **accepted**: of the leaf field paths the records carry, for events whose shape ctrules claims, the
  share :func:`ctrules.catalog.shapes.path_status` accepts (``ok``, or ``redacted`` where the record
  holds ``HIDDEN_DUE_TO_SECURITY_REASONS``). Target >= 99 %.
* **with shape**: the share of distinct events of the records with a shape. Target >= 95 %.
* **typos caught**: one seeded typo (a deleted, inserted, replaced or swapped letter in one segment)
  per distinct known path; caught when the status is not ``ok``. Target >= 95 %.

Numbers are given per record file too. Records used as evidence by the generator are in the same
files, so the per-file numbers of a file the generator never saw are the honest ones (see --exclude).

Usage: ``python bench/shapes_accuracy.py [--json] [--records DIR] [--verbose]``.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ctrules.catalog import lookup  # noqa: E402
from ctrules.catalog import shapes as sh  # noqa: E402
from ctrules.errors import UnknownServiceError  # noqa: E402

HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS"


def leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        if not value and prefix:
            yield prefix, value
        for k, v in value.items():
            yield from leaves(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(value, list):
        if not value and prefix:
            yield prefix, value
        for v in value:
            yield from leaves(v, prefix)
    elif prefix:
        yield prefix, value


def typo(word: str, rng: random.Random) -> str:
    letters = string.ascii_lowercase
    i = rng.randrange(len(word))
    kind = rng.choice(("delete", "insert", "replace", "swap") if len(word) > 1 else ("insert", "replace"))
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        return word[:i] + rng.choice(letters) + word[i:]
    if kind == "replace":
        return word[:i] + rng.choice([c for c in letters if c != word[i].lower()]) + word[i + 1 :]
    j = min(i + 1, len(word) - 1) if i + 1 < len(word) else i - 1
    a, b = sorted((i, j))
    swapped = word[:a] + word[b] + word[a] + word[b + 1 :]
    return swapped if swapped != word else word + "x"


def measure(records: list[dict[str, Any]], verbose: bool) -> dict[str, Any]:
    rng = random.Random(15)
    events: dict[tuple[str, str], bool] = {}
    full: dict[tuple[str, str], bool] = {}
    total = accepted = 0
    rejected: list[str] = []
    known_paths: dict[tuple[str, str], set[str]] = {}
    for item in records:
        rec = item["record"]
        es, name = rec.get("eventSource"), rec.get("eventName")
        if not isinstance(es, str) or not isinstance(name, str):
            continue
        try:
            found = lookup(name, service=es)
        except UnknownServiceError:
            found = ()
        shape = sh.fields_of(found[0]) if found else None
        events[(es, name)] = shape is not None
        full[(es, name)] = shape is not None and shape.parts_known
        if shape is None:
            continue
        paths = known_paths.setdefault((es, name), set())
        for path, value in leaves(rec):
            total += 1
            st = shape.status(path)
            if st.ok or (st.status == sh.REDACTED and value == HIDDEN):
                accepted += 1
                if st.status == sh.KNOWN:
                    paths.add(path)
            else:
                rejected.append(f"{es} {name} {path}: {st.status} ({item['source']})")
    tried = caught = 0
    missed: list[str] = []
    for (es, name), paths in sorted(known_paths.items()):
        shape = sh.fields_of(lookup(name, service=es)[0])
        assert shape is not None
        for path in sorted(paths):
            segs = path.split(".")
            i = rng.randrange(len(segs))
            bad = ".".join([*segs[:i], typo(segs[i], rng), *segs[i + 1 :]])
            if bad in paths or bad == path:
                continue
            tried += 1
            if not shape.status(bad).ok:
                caught += 1
            else:
                missed.append(f"{es} {name} {bad} (from {path})")
    if verbose:
        for line in rejected:
            print("rejected:", line, file=sys.stderr)
        for line in missed:
            print("typo missed:", line, file=sys.stderr)
    with_shape = sum(events.values())
    return {
        "records": len(records),
        "paths": total,
        "accepted": accepted / total if total else 0.0,
        "events": len(events),
        "with_shape": with_shape / len(events) if events else 0.0,
        "with_parts": sum(full.values()) / len(events) if events else 0.0,
        "typos": tried,
        "caught": caught / tried if tried else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--records", type=Path, default=ROOT / "tests" / "catalog" / "records")
    parser.add_argument("--verbose", action="store_true", help="list rejected paths and missed typos")
    args = parser.parse_args()
    files = sorted(args.records.glob("*.json"))
    per_file = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in files}
    every = [r for recs in per_file.values() for r in recs]
    results = {"all": measure(every, args.verbose)}
    for stem, recs in per_file.items():
        results[stem] = measure(recs, False)
    size = (ROOT / "ctrules" / "catalog" / "data" / "shapes.json.gz").stat().st_size
    info = sh.data_info()
    if args.json:
        a = results["all"]
        rows = [
            {"name": "shapes: paths accepted", "value": round(100 * a["accepted"], 2), "unit": "%", "target": ">= 99",
             "ok": a["accepted"] >= 0.99},
            {"name": "shapes: events with a shape", "value": round(100 * a["with_shape"], 2), "unit": "%",
             "target": ">= 95", "ok": a["with_shape"] >= 0.95},
            {"name": "shapes: seeded typos caught", "value": round(100 * a["caught"], 2), "unit": "%",
             "target": ">= 95", "ok": a["caught"] >= 0.95},
            {"name": "shapes: data size (gzip)", "value": size, "unit": "bytes", "target": "report", "ok": True},
        ]
        print(json.dumps(rows))
        return 0
    print(f"shape data: {size:,} bytes gzip; {info['counts']['events']:,} events, {info['counts']['seen']:,} seen")
    print(f"{'records':<22}{'n':>6}{'paths':>8}{'accepted':>10}{'events':>8}{'shape':>8}{'parts':>8}{'typos':>7}{'caught':>8}")
    for stem, r in results.items():
        print(
            f"{stem:<22}{r['records']:>6}{r['paths']:>8}{100 * r['accepted']:>9.2f}%{r['events']:>8}"
            f"{100 * r['with_shape']:>7.1f}%{100 * r['with_parts']:>7.1f}%{r['typos']:>7}{100 * r['caught']:>7.1f}%"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
