"""A finding's fix in the syntax of the file it is reported in: no CDK advice in a Terraform finding.

The checks write one fix for every format, with labelled parts (``CloudFormation/SAM `State: X```;
``Terraform `state = "X"```; ``CDK: ...``; ``(in the CDK: ...)``). This shell keeps the parts for the file's
syntax (see :attr:`ctrules.inputs.registry.Reader.syntax`) and drops the others; it decides nothing.
"""

from __future__ import annotations

import re

from ctrules.inputs import InputFile
from ctrules.inputs.registry import READERS

__all__ = ["SYNTAXES", "fix_for", "syntax_of"]

#: The syntaxes a fix can be written in, and the labels the checks use for each.
SYNTAXES: dict[str, tuple[str, ...]] = {
    "cloudformation": ("CloudFormation/SAM", "CloudFormation", "SAM"),
    "terraform": ("Terraform",),
    "serverless": ("Serverless",),
    "cdk": ("CDK", "in the CDK"),
    "cloudformation-json": ("CloudFormation/SAM", "CloudFormation", "SAM"),
    "pattern": (),
}
_ALL_LABELS = sorted({label for labels in SYNTAXES.values() for label in labels}, key=len, reverse=True)
_LABEL = re.compile(r"^(?:" + "|".join(re.escape(label) for label in _ALL_LABELS) + r")\b[:,]?")


def syntax_of(f: InputFile) -> str:
    """The syntax of a file's fixes: its reader's, else told by its kind (``cloudformation-json`` for a template
    written in JSON)."""
    for reader in READERS:
        if reader.name == f.reader:
            if reader.syntax == "cloudformation" and f.text[:200].lstrip().startswith("{"):
                return "cloudformation-json"
            return reader.syntax
    kind = f.kind.lower()
    if "terraform" in kind or "terragrunt" in kind:
        return "terraform"
    if "cdk" in kind:
        return "cdk"
    if "serverless" in kind:
        return "serverless"
    if "template" in kind:
        return "cloudformation"
    return "pattern"


def _label(part: str) -> str | None:
    m = _LABEL.match(part.strip())
    if m is None:
        return None
    return m.group(0).rstrip(":,").strip()


def _for(label: str, syntax: str) -> bool:
    own = SYNTAXES.get(syntax, ())
    if syntax == "serverless":  # a Serverless service's rules are CloudFormation underneath
        own = (*own, *SYNTAXES["cloudformation"])
    return label in own


def _drop_parentheticals(text: str, syntax: str) -> str:
    """``text`` without the parenthesised parts labelled for another syntax (``(in the CDK: f(x, 'y'))``)."""
    out: list[str] = []
    i = 0
    while True:
        start = text.find("(", i)
        if start < 0:
            out.append(text[i:])
            return "".join(out)
        label = _label(text[start + 1 :])
        depth, end = 0, start
        for end in range(start, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        if label is None or _for(label, syntax) or depth:
            out.append(text[i : start + 1])
            i = start + 1
            continue
        out.append(text[i:start].rstrip())
        i = end + 1


_CACHE: dict[tuple[str, str], str] = {}


def fix_for(syntax: str, fix: str) -> str:
    """The fix with only the parts written for ``syntax`` (all of them for a bare pattern, whose rule may be
    written in any syntax)."""
    if syntax == "pattern":
        return fix
    key = (syntax, fix)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > 10_000:
            _CACHE.clear()
        found = _CACHE[key] = _fix_for(syntax, fix)
    return found


#: A YAML snippet of a fix, ``Key: Value`` in backquotes, to write as JSON in a JSON template.
_YAML_SNIPPET = re.compile(r"`([A-Za-z][\w-]*): ([^`\s][^`]*)`")


def _fix_for(syntax: str, fix: str) -> str:
    if syntax == "cloudformation-json":
        return _YAML_SNIPPET.sub(lambda m: f'`"{m.group(1)}": "{m.group(2)}"`', _fix_for("cloudformation", fix))
    text = _drop_parentheticals(fix, syntax)
    head, sep, rest = text.partition(": ")
    if not sep or _label(rest) is None:
        head, rest = "", text
    parts = [p for p in re.split(r";\s+", rest) if p.strip()]
    kept = [p for p in parts if (label := _label(p)) is None or _for(label, syntax)]
    if not kept and head:
        return head
    body = "; ".join(kept)
    return f"{head}: {body}" if head else body
