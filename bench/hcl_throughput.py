#!/usr/bin/env python3
"""``ctrules lint`` throughput on Terraform HCL: a generated tree of 1,000 rules in ``.tf`` and Terragrunt files.

The tree (20 module folders of 50 rules, fixed seed) holds the forms people write: ``jsonencode({...})``
with ``local.*`` and ``merge()``, heredoc JSON (``<<EOF`` and ``<<-EOF``), escaped JSON strings, the
terraform-aws-modules/eventbridge ``rules = {...}`` map, Terragrunt ``inputs``, a variable with a default,
and one rule in twenty whose pattern is known only at plan time; about one rule in ten has a mistake.
Event names come from the bundled catalog.

Timed after a first run (reported apart), N rounds that alternate the three measures so that load from other
processes falls on all of them alike, median of each: ``ctrules lint TREE`` in this process, output to memory;
reading alone (``read_path``); and the parse floor, python-hcl2's parser on every file
(``hcl2.parses_to_tree``), which no reader built on it can beat. Rules/s = rules / median lint time. The
target is a ratio (lint / parse floor), which other load on the machine moves much less than seconds.

Usage: ``python bench/hcl_throughput.py [--rules N] [--repeat N] [--json]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from _report import row, table  # noqa: E402

from ctrules import catalog  # noqa: E402
from ctrules.cli import main as ctrules_main  # noqa: E402
from ctrules.inputs import read_path  # noqa: E402

#: ``ctrules lint`` time over python-hcl2's parse time of the same files: what ctrules adds to the parser.
TARGET_RATIO = 1.5
PER_FOLDER = 50
API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"


def _events(rng: random.Random) -> list[tuple[str, str, str]]:
    """(source, eventName, detail-type) of regional, non read-only catalog events."""
    out = []
    for ev in catalog.all_events():
        if ev.home_region or ev.eventbridge_read_only or ev.category != "Management":
            continue
        if ev.event_types == ("AwsApiCall",):
            out.append((ev.source, ev.event_name, API))
        elif ev.event_types == ("AwsServiceEvent",):
            out.append((ev.source, ev.event_name, SERVICE))
    rng.shuffle(out)
    return out[:5000]


def _pattern(source: str, name: str, detail_type: str, mistake: bool) -> dict[str, Any]:
    if mistake:  # the most common real mistake: the other CloudTrail detail-type
        detail_type = SERVICE if detail_type == API else API
    return {"source": [source], "detail-type": [detail_type], "detail": {"eventName": [name]}}


def _hcl(value: Any, indent: str = "") -> str:
    """A value as an HCL object/tuple literal (what goes inside ``jsonencode(...)``)."""
    if isinstance(value, dict):
        inner = indent + "  "
        items = [f"{inner}{json.dumps(k)} = {_hcl(v, inner)}" for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list):
        return "[" + ", ".join(_hcl(v, indent) for v in value) + "]"
    return json.dumps(value)


def generate(root: Path, rules: int, seed: int = 7) -> int:
    """Write the tree; returns how many rules it holds."""
    rng = random.Random(seed)
    events = _events(rng)
    written = 0
    folder = 0
    while written < rules:
        n = min(PER_FOLDER, rules - written)
        d = root / f"stack{folder:02d}"
        d.mkdir(parents=True)
        picked = [events[(written + i) % len(events)] for i in range(n)]
        mistakes = [rng.random() < 0.1 for _ in range(n)]
        if folder % 5 == 4:  # a Terragrunt unit feeding the eventbridge module
            body = "".join(
                f"    r{i} = {{\n      event_pattern = jsonencode({_hcl(_pattern(*e, m), '      ')})\n"
                f'      state = "ENABLED"\n    }}\n'
                for i, (e, m) in enumerate(zip(picked, mistakes, strict=True))
            )
            (d / "terragrunt.hcl").write_text(
                'terraform {\n  source = "tfr:///terraform-aws-modules/eventbridge/aws?version=4.1.0"\n}\n\n'
                f'inputs = {{\n  bus_name = "default"\n  rules = {{\n{body}  }}\n}}\n'
            )
        elif folder % 5 == 3:  # the eventbridge module in a .tf file
            body = "".join(
                f"    r{i} = {{\n      event_pattern = jsonencode({_hcl(_pattern(*e, m), '      ')})\n"
                f"      enabled = true\n    }}\n"
                for i, (e, m) in enumerate(zip(picked, mistakes, strict=True))
            )
            (d / "main.tf").write_text(
                'module "events" {\n  source = "terraform-aws-modules/eventbridge/aws"\n  create_bus = false\n'
                f"  rules = {{\n{body}  }}\n}}\n"
            )
        else:  # resources in every form
            parts = [
                'provider "aws" {\n  region = var.region\n}\n\n',
                'variable "region" {\n  default = "us-east-1"\n}\n\nvariable "env" {\n  type = string\n}\n\n',
                f'locals {{\n  api = "{API}"\n  service = "{SERVICE}"\n}}\n\n',
            ]
            for i, (e, m) in enumerate(zip(picked, mistakes, strict=True)):
                p = _pattern(*e, m)
                form = i % 20
                if form == 19:
                    expr = f'jsonencode({{ source = ["{e[0]}"], detail = {{ eventName = [var.env] }} }})'
                elif form % 4 == 0:
                    dt = "local.api" if p["detail-type"] == [API] else "local.service"
                    expr = (
                        f'jsonencode(merge({{ source = ["{e[0]}"] }}, {{\n    "detail-type" = [{dt}]\n'
                        f'    detail = {{ eventName = ["{e[1]}"] }}\n  }}))'
                    )
                elif form % 4 == 1:
                    expr = "<<EOF\n" + json.dumps(p, indent=2) + "\nEOF\n"
                elif form % 4 == 2:
                    expr = json.dumps(json.dumps(p))
                else:
                    expr = f"jsonencode({_hcl(p, '  ')})"
                parts.append(
                    f'resource "aws_cloudwatch_event_rule" "r{i}" {{\n  name = "r{i}-${{var.env}}"\n'
                    f"  event_pattern = {expr}\n}}\n\n"
                )
            (d / "main.tf").write_text("".join(parts))
        written += n
        folder += 1
    return written


def timed(func: Callable[[], Any]) -> float:
    """One run of ``func``, in seconds."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def medians(funcs: list[Callable[[], Any]], repeat: int) -> list[float]:
    """The median time of each function over ``repeat`` rounds that run them in turn."""
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for i, func in enumerate(funcs):
            times[i].append(timed(func))
    return [statistics.median(t) for t in times]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for run_all.py)")
    args = parser.parse_args(argv)
    import hcl2

    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tf"
        n = generate(tree, args.rules)
        files = sorted(p for p in tree.rglob("*") if p.suffix in (".tf", ".hcl"))
        texts = [p.read_text() for p in files]

        def lint() -> int:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                return ctrules_main(["lint", str(tree)])

        first = timed(lint)  # imports, catalog load, grammar load
        result = read_path(str(tree))
        assert result.rule_count == n and not result.errors, (result.rule_count, result.errors)
        plan_time = sum(r.deploy_time and r.known_at == "plan" for f in result.files for r in f.rules)
        partly = sum(bool(r.unknown_parts) for f in result.files for r in f.rules)
        lint_s, read_s, parse_s = medians(
            [lint, lambda: read_path(str(tree)), lambda: [hcl2.parses_to_tree(t) for t in texts]], args.repeat
        )
        code = lint()
    rows = [
        row(f"ctrules lint, {n:,} HCL rules in {len(files)} files", round(n / lint_s), "rules/s"),
        row("  lint / parse floor (python-hcl2's parser)", lint_s / parse_s, "x", TARGET_RATIO),
        row("  lint time (median)", lint_s, "s"),
        row("  lint time, first run in the process", first, "s"),
        row("  reading only (read_path)", read_s, "s"),
        row("  parse floor (hcl2.parses_to_tree of every file)", parse_s, "s"),
        row("  rules known only at plan time (counted, not checked)", plan_time, "rules"),
        row("  rules checked partly (a value known only at plan time)", partly, "rules"),
        row("  lint exit code (1: the planted mistakes were found)", code, ""),
    ]
    if args.json:
        print(json.dumps(rows))
    else:
        print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
