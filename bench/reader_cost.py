#!/usr/bin/env python3
"""What reading costs per MB of input, for each reader: seconds and peak memory, at two sizes (is it linear?).

For each format a generated input of about ``--mb`` MB and one four times as large (the same rules, repeated) is
read by ``ctrules.inputs.read_path`` in a fresh child process, which reports the time of the read (the fastest of
up to five while they take less than 2 s in all) and the growth of its peak resident memory (``ru_maxrss``) during
the reads (0 when the read stays below the peak of the imports). The garbage collector is off, as in ``ctrules
lint``. Rows: seconds per MB and MB of memory per MB of input
at the small size, and the time ratio large/small (4 means linear; the target, 6, leaves room for load). The
formats: CloudFormation JSON and YAML, Terraform HCL (``.tf``), Terraform JSON syntax (``.tf.json``), a Terraform
plan (``terraform show -json``), Serverless ``serverless.yml``, and a bare pattern file.

Timed reads include parsing (python-hcl2's Lark parser for HCL, PyYAML's C loader when present for YAML); the
checks are not run (see ``lint_throughput.py`` and ``hcl_throughput.py`` for ``ctrules lint`` as a whole).

Usage: ``python bench/reader_cost.py [--mb N] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from _report import row, table  # noqa: E402

API = "AWS API Call via CloudTrail"
#: Time of a read four times as large over the time of the small one: 4 is linear; 6 leaves room for noise.
TARGET_GROWTH = 6.0
_CHILD = """\
import gc, json, resource, sys, time
from ctrules.inputs import read_path
gc.disable()  # as `ctrules lint` does while it reads and checks
path = sys.argv[1]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
times = []
while not times or (sum(times) < 2.0 and len(times) < 5):  # cheap reads: the fastest of a few
    t = time.perf_counter()
    result = read_path(path)
    times.append(time.perf_counter() - t)
seconds = min(times)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "rss_kb": after - before, "rules": result.rule_count,
                  "errors": [str(e) for e in result.errors]}))
"""


def _pattern(i: int) -> dict[str, Any]:
    return {
        "source": ["aws.s3"],
        "detail-type": [API],
        "detail": {"eventName": ["PutBucketPolicy", "DeleteBucket"], "requestParameters": {"bucketName": [f"b{i}"]}},
    }


def _cfn(n: int) -> dict[str, Any]:
    return {
        "Resources": {
            f"Rule{i}": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": _pattern(i), "State": "ENABLED"}}
            for i in range(n)
        }
    }


def _yaml(n: int) -> str:
    out = ["Resources:"]
    for i in range(n):
        out += [
            f"  Rule{i}:",
            "    Type: AWS::Events::Rule",
            "    Properties:",
            "      State: ENABLED",
            "      EventPattern:",
            "        source: [aws.s3]",
            f'        detail-type: ["{API}"]',
            "        detail:",
            "          eventName: [PutBucketPolicy, DeleteBucket]",
            f"          requestParameters: {{bucketName: [b{i}]}}",
        ]
    return "\n".join(out) + "\n"


def _tf(n: int) -> str:
    out = ['locals {\n  api = "AWS API Call via CloudTrail"\n}\n']
    for i in range(n):
        out.append(
            f'resource "aws_cloudwatch_event_rule" "r{i}" {{\n'
            "  event_pattern = jsonencode({\n"
            '    source        = ["aws.s3"]\n'
            '    "detail-type" = [local.api]\n'
            '    detail        = { eventName = ["PutBucketPolicy", "DeleteBucket"], '
            f'requestParameters = {{ bucketName = ["b{i}"] }} }}\n'
            "  })\n}\n"
        )
    return "\n".join(out)


def _tf_json(n: int) -> dict[str, Any]:
    return {
        "resource": {
            "aws_cloudwatch_event_rule": {f"r{i}": {"event_pattern": json.dumps(_pattern(i))} for i in range(n)}
        }
    }


def _plan(n: int) -> dict[str, Any]:
    resources = [
        {
            "address": f"aws_cloudwatch_event_rule.r{i}",
            "mode": "managed",
            "type": "aws_cloudwatch_event_rule",
            "name": f"r{i}",
            "values": {"event_pattern": json.dumps(_pattern(i)), "state": "ENABLED"},
        }
        for i in range(n)
    ]
    return {"format_version": "1.2", "planned_values": {"root_module": {"resources": resources}}}


def _serverless(n: int) -> str:
    out = ["service: s", "provider:", "  name: aws", "  region: us-east-1", "functions:"]
    for i in range(n):
        out += [
            f"  f{i}:",
            f"    handler: h.f{i}",
            "    events:",
            "      - eventBridge:",
            "          pattern:",
            "            source: [aws.s3]",
            f'            detail-type: ["{API}"]',
            "            detail:",
            "              eventName: [PutBucketPolicy, DeleteBucket]",
            f"              requestParameters: {{bucketName: [b{i}]}}",
        ]
    return "\n".join(out) + "\n"


def _patterns(n: int) -> dict[str, Any]:
    return {f"p{i}": _pattern(i) for i in range(n)}


#: name -> (file name, writer of n rules as text).
FORMATS: dict[str, tuple[str, Any]] = {
    "CloudFormation JSON": ("template.json", lambda n: json.dumps(_cfn(n), indent=1)),
    "CloudFormation YAML": ("template.yaml", _yaml),
    "Terraform HCL (.tf)": ("main.tf", _tf),
    "Terraform JSON syntax (.tf.json)": ("main.tf.json", lambda n: json.dumps(_tf_json(n), indent=1)),
    "Terraform plan JSON": ("plan.json", lambda n: json.dumps(_plan(n), indent=1)),
    "Serverless serverless.yml": ("serverless.yml", _serverless),
    "bare pattern file": ("patterns.json", lambda n: json.dumps(_patterns(n), indent=1)),
}


def _rules_for(write: Any, mb: float) -> int:
    """How many rules make about ``mb`` MB in this format."""
    per_rule = len(write(20)) / 20
    return max(10, int(mb * 1024 * 1024 / per_rule))


def _read(path: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, timeout=1800, env=env, check=False
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"seconds": float("nan"), "rss_kb": 0, "rules": 0, "errors": [proc.stderr.strip()[-300:]]}
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="the small input's size in MB (the large one is 4x)")
    parser.add_argument("--only", action="append", help="a format name to run (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for run_all.py)")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (file_name, write) in FORMATS.items():
            if args.only and name not in args.only:
                continue
            n = _rules_for(write, args.mb)
            measured = []
            for scale in (1, 4):
                folder = Path(tmp) / f"{file_name}-{scale}"
                folder.mkdir()
                path = folder / file_name
                path.write_text(write(n * scale), encoding="utf-8")
                size_mb = path.stat().st_size / (1024 * 1024)
                got = _read(path)
                if got["errors"] or got["rules"] != n * scale:
                    raise SystemExit(f"{name}: read {got['rules']} of {n * scale} rules: {got['errors']}")
                measured.append((size_mb, got["seconds"], got["rss_kb"] / 1024))
            (small_mb, small_s, small_rss), (_, large_s, _) = measured
            rows += [
                row(f"{name}: seconds per MB ({small_mb:.1f} MB, {n:,} rules)", small_s / small_mb, "s/MB"),
                row("  peak memory growth per MB of input", small_rss / small_mb, "MB/MB"),
                row("  time at 4x the size / time at 1x (4: linear)", large_s / small_s, "x", TARGET_GROWTH),
            ]
    print(json.dumps(rows) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
