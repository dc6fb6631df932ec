"""Golden files of the checks: per check, patterns with the exact findings (code, severity, path, message, fix).

``tests/checks/golden/CTR0NN.json`` holds ``{"cases": [{"name", "pattern", "context", "findings"}]}``: the findings
of check CTR0NN alone (``check_pattern(..., only=["CTR0NN"])``), so adding or changing a check never rewrites
another check's golden file. The test
``tests/checks/test_golden.py`` compares the checks' output with ``findings``; after an intended change of wording,
regenerate them with one command and review the diff::

    python scripts/golden.py --update

Add a case by appending ``{"name": ..., "pattern": ..., "context": {...}}`` to a file and running the command.
``context`` holds :class:`~ctrules.checks.RuleContext` fields as JSON: ``data_trail_sources`` a list,
``target_paths`` a list of ``[path, where, name]`` (CTR016).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "checks" / "golden"
sys.path.insert(0, str(ROOT))

from ctrules.checks import RuleContext, check_pattern  # noqa: E402
from ctrules.checks.findings import TargetPath  # noqa: E402


def context_of(case: dict[str, Any]) -> RuleContext:
    """The :class:`RuleContext` a golden case gives as JSON."""
    given = dict(case.get("context", {}))
    if "data_trail_sources" in given:
        given["data_trail_sources"] = frozenset(given["data_trail_sources"])
    if "target_paths" in given:
        given["target_paths"] = tuple(TargetPath(*t) for t in given["target_paths"])
    return RuleContext(**given)


def findings_of(case: dict[str, Any], code: str) -> list[dict[str, str]]:
    """What check ``code`` alone says about one golden case, as JSON data."""
    context = context_of(case)
    return [
        {"code": f.code, "severity": f.severity, "path": f.path, "message": f.message, "fix": f.fix}
        for f in check_pattern(case["pattern"], context, only=[code])
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the expected findings")
    args = parser.parse_args(argv)
    stale: list[str] = []
    for path in sorted(GOLDEN.glob("CTR*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        changed = False
        for case in doc["cases"]:
            found = findings_of(case, path.stem)
            if case.get("findings") != found:
                changed = True
                case["findings"] = found
        if changed:
            stale.append(path.name)
            if args.update:
                path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if stale and not args.update:
        print(f"golden files out of date: {', '.join(stale)} (python scripts/golden.py --update)", file=sys.stderr)
        return 1
    print(f"golden: {'updated ' + ', '.join(stale) if stale else 'all up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
