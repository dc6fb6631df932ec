"""What the catalog and record-shape generators share: reading a botocore wheel, and the --check/write step.

``build_catalog.py`` and ``build_shapes.py`` import it as a sibling module (both put ``scripts/`` on
``sys.path``, so this works when they run as scripts and when tests load them by file path).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The entry every botocore wheel has; its folder names the version.
METADATA = re.compile(r"botocore-([\d.]+)\.dist-info/METADATA$")

__all__ = ["METADATA", "ROOT", "check_output", "model_paths", "newest_model", "not_a_wheel", "relative",
           "wheel_version", "write_output"]


def not_a_wheel(wheel: Path) -> SystemExit:
    """The error for a file that is not a botocore wheel."""
    return SystemExit(f"{wheel}: not a botocore wheel (no dist-info METADATA)")


def wheel_version(names: Iterable[str]) -> str:
    """The botocore version of a wheel, from its entry names (``""`` when no METADATA entry names one)."""
    return next((m.group(1) for n in names if (m := METADATA.match(n))), "")


def model_paths(names: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """botocore service name -> its (API version, ``service-2.json[.gz]`` entry) pairs, from a wheel's entry names."""
    versions: dict[str, list[tuple[str, str]]] = {}
    for n in names:
        parts = n.split("/")
        if len(parts) == 5 and parts[:2] == ["botocore", "data"] and parts[4].startswith("service-2.json"):
            versions.setdefault(parts[2], []).append((parts[3], n))
    return versions


def newest_model(zf: zipfile.ZipFile, versions: list[tuple[str, str]]) -> tuple[str, dict[str, Any]]:
    """(API version, service model) of the newest API version among ``versions`` (see :func:`model_paths`)."""
    api_version, path = max(versions)
    raw = zf.read(path)
    model: dict[str, Any] = json.loads(gzip.decompress(raw) if path.endswith(".gz") else raw)
    return api_version, model


def relative(path: Path) -> str:
    """``path`` relative to the project root when it is inside it, else as given."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def check_output(prog: str, what: str, output: Path, data: bytes) -> int:
    """``--check``: exit status 1, with the reason on stderr, when ``output`` does not hold ``data``; else 0."""
    current = output.read_bytes() if output.exists() else b""
    if current != data:
        print(
            f"{prog}: {relative(output)} is stale or was edited by hand; run `make catalog` "
            f"(committed {len(current):,} bytes, regenerated {len(data):,} bytes)",
            file=sys.stderr,
        )
        return 1
    print(f"{what} up to date: {relative(output)} ({len(data):,} bytes, regenerated identically)")
    return 0


def write_output(output: Path, data: bytes) -> None:
    """Write the generated ``data`` to ``output`` (its folder created when missing)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
