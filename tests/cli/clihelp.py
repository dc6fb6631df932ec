"""Helpers for the CLI tests: run ``ctrules`` in-process and build small fixtures."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ctrules.cli import main

API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"
# The seed mistake: CreateAccountResult is a service event, not an API call -> CTR001.
SEED: dict[str, Any] = {
    "source": ["aws.organizations"],
    "detail-type": [API],
    "detail": {"eventName": ["CreateAccountResult"]},
}
SEED_FIXED: dict[str, Any] = {**SEED, "detail-type": [SERVICE]}
GOOD: dict[str, Any] = {
    "source": ["aws.ec2"],
    "detail-type": [API],
    "detail": {"eventName": ["RunInstances"]},
}
# A warning only (CTR008: a detail key that is no CloudTrail record field).
WARN_ONLY: dict[str, Any] = {
    "source": ["aws.ec2"],
    "detail-type": [API],
    "detail": {"eventName": ["RunInstances"], "userIdentity": {"nickname": ["x"]}},
}


@dataclass
class Run:
    """The outcome of one ``ctrules`` run."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def codes(self) -> list[str]:
        """Finding codes of a JSON run."""
        return [f["code"] for f in self.json()["findings"]]


def run(*args: str | Path) -> Run:
    """Run ``ctrules ARGS`` in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return Run(code, out.getvalue(), err.getvalue())


def rule(pattern: Any, **props: Any) -> dict[str, Any]:
    """An ``AWS::Events::Rule`` resource."""
    return {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": pattern, **props}}


def template(**resources: dict[str, Any]) -> dict[str, Any]:
    """A CloudFormation template holding ``resources``."""
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}


def write(path: Path, content: Any) -> Path:
    """Write text, bytes or (as pretty JSON) anything else to ``path``; returns it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content, indent=2), encoding="utf-8")
    return path
