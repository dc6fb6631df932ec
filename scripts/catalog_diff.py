#!/usr/bin/env python3
"""Show what a newer botocore adds to or removes from the catalog's SDK operations.

Reads two botocore wheels as zip files (never installs them) and prints the services and operations the
second one adds and removes. A removed service usually means AWS retired it: add it to
``ctrules/catalog/overlay/retired_services.json`` (date and evidence) so its events stay in the catalog.

Usage::

    python scripts/catalog_diff.py --from-wheel .cache/botocore-1.43.0-py3-none-any.whl \\
        --to-wheel .cache/botocore-1.44.5-py3-none-any.whl [--json]

Exit code 0 (also when the wheels differ), 2 on a bad argument.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _build_catalog() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_catalog", ROOT / "scripts" / "build_catalog.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_catalog", mod)
    spec.loader.exec_module(mod)
    return mod


bc = _build_catalog()


def operations(wheel: Path) -> tuple[str, dict[str, set[str]]]:
    """The botocore version of a wheel and its operations per service."""
    version, services, _ = bc.read_botocore(wheel)
    return version, {svc.name: set(svc.operations) for svc in services}


def diff(old: dict[str, set[str]], new: dict[str, set[str]]) -> dict[str, Any]:
    """Services and operations that ``new`` adds and removes compared with ``old``."""
    changed = {}
    for name in sorted(set(old) & set(new)):
        added, removed = sorted(new[name] - old[name]), sorted(old[name] - new[name])
        if added or removed:
            changed[name] = {"added": added, "removed": removed}
    return {
        "services_added": {n: sorted(new[n]) for n in sorted(set(new) - set(old))},
        "services_removed": {n: sorted(old[n]) for n in sorted(set(old) - set(new))},
        "services_changed": changed,
    }


def render(result: dict[str, Any], old_version: str, new_version: str, retired: Iterable[str]) -> str:
    """The diff as text."""
    known_retired = set(retired)
    add_ops = sum(len(v) for v in result["services_added"].values()) + sum(
        len(c["added"]) for c in result["services_changed"].values()
    )
    del_ops = sum(len(v) for v in result["services_removed"].values()) + sum(
        len(c["removed"]) for c in result["services_changed"].values()
    )
    lines = [
        f"botocore {old_version} -> {new_version}: +{add_ops:,} / -{del_ops:,} operations; "
        f"+{len(result['services_added'])} / -{len(result['services_removed'])} services"
    ]
    for name, ops in result["services_added"].items():
        lines.append(f"+ service {name} ({len(ops)} operations)")
    for name, ops in result["services_removed"].items():
        hint = "in retired_services.json" if name in known_retired else "not in retired_services.json: add it"
        lines.append(f"- service {name} ({len(ops)} operations; {hint})")
    for name, change in result["services_changed"].items():
        parts = []
        if change["added"]:
            parts.append("+" + ", +".join(change["added"]))
        if change["removed"]:
            parts.append("-" + ", -".join(change["removed"]))
        lines.append(f"~ {name}: {', '.join(parts)}")
    return "\n".join(lines) + "\n"


def _retired_names() -> list[str]:
    path = ROOT / "ctrules" / "catalog" / "overlay" / "retired_services.json"
    try:
        return [item["service"] for item in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--from-wheel", type=Path, required=True, help="the older botocore wheel")
    parser.add_argument("--to-wheel", type=Path, required=True, help="the newer botocore wheel")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(list(argv) if argv is not None else None)
    for wheel in (args.from_wheel, args.to_wheel):
        if not wheel.is_file() or not zipfile.is_zipfile(wheel):
            print(
                f"catalog_diff: {wheel}: not a wheel file; download one with "
                "`python -m pip download --no-deps --only-binary=:all: -d .cache botocore==X`",
                file=sys.stderr,
            )
            return 2
    old_version, old = operations(args.from_wheel)
    new_version, new = operations(args.to_wheel)
    result = diff(old, new)
    if args.json:
        sys.stdout.write(json.dumps({"from": old_version, "to": new_version, **result}, indent=2) + "\n")
    else:
        sys.stdout.write(render(result, old_version, new_version, _retired_names()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
