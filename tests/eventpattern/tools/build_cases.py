"""Build the reference cases (tests/eventpattern/cases/*.jsonl) from the reference engines' public tests.

Dev-time tool, not run by the test suite. It reads the patterns and events written in the test sources of
aws/event-ruler (Java) and timbray/quamina (Go), pairs the patterns and events that appear in the same test
method, and labels each pair with what event-ruler itself answers (``Oracle.java`` beside this file, run on
event-ruler's own sources): ``true``/``false`` for a match, ``"invalid"`` when event-ruler refuses the
pattern. The EventBridge user guide's examples are listed by hand in ``docs_cases.py``.

Usage (needs the two repositories as bare git dirs and a JVM; see README.md in the parent folder)::

    python tests/eventpattern/tools/build_cases.py RULER_GIT QUAMINA_GIT ORACLE_CLASSPATH
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "cases"
sys.path.insert(0, str(HERE))

from docs_cases import DOCS_CASES  # noqa: E402

RULER_FILES = [
    "src/test/software/amazon/event/ruler/RulerTest.java",
    "src/test/software/amazon/event/ruler/ACMachineTest.java",
    "src/test/software/amazon/event/ruler/MachineTest.java",
    "src/test/software/amazon/event/ruler/GenericMachineTest.java",
    "src/test/software/amazon/event/ruler/ByteMachineMultiByteWildcardTest.java",
    "src/test/software/amazon/event/ruler/StructuredFinderTest.java",
    "src/test/software/amazon/event/ruler/JsonRuleCompilerTest.java",
]
RULER_JSON = "src/test/resources/correctness-cases.json"
QUAMINA_FILES = [
    "anything_but_test.go",
    "arrays_test.go",
    "escaping_test.go",
    "monocase_test.go",
    "numbers_test.go",
    "pattern_test.go",
    "shell_style_test.go",
    "core_matcher_test.go",
    "wildcard_test.go",
    "external_test.go",
    "cl2_test.go",
]
PAIRS_PER_METHOD = 40

_JAVA_STR = r'"(?:\\.|[^"\\\n])*"'
_JAVA_EXPR = re.compile(_JAVA_STR + r"(?:\s*\+\s*" + _JAVA_STR + r")*")
_JAVA_METHOD = re.compile(r"\n\s*(?:@Test[^\n]*\n\s*)?(?:public|private|protected)?\s*(?:static\s+)?void\s+(\w+)\s*\(")
_JAVA_CONST = re.compile(r"static final String (\w+)\s*=\s*(" + _JAVA_STR + r"(?:\s*\+\s*" + _JAVA_STR + r")*)\s*;")
_GO_FUNC = re.compile(r"\nfunc (?:\([^)]*\)\s*)?(\w+)\(")
_GO_STR = re.compile(r"`([^`]*)`|\"((?:\\.|[^\"\\\n])*)\"")
_GO_EXERCISE = re.compile(
    r"exercisePattern\(t,\s*(`[^`]*`|\"(?:\\.|[^\"\\])*\"),\s*\[\]string\{(.*?)\},\s*\[\]string\{(.*?)\}\)"
)


def git_show(git_dir: str, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], capture_output=True, text=True, check=True
    ).stdout


def head(git_dir: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", git_dir, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()


def java_string(expr: str) -> str:
    parts = re.findall(_JAVA_STR, expr)
    return "".join(json.loads(p.replace("\\'", "'")) for p in parts)


def go_string(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return match.group(1)
    return str(json.loads('"' + match.group(2) + '"'))


def as_object(text: str) -> dict[str, Any] | None:
    text = text.strip()
    if not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) and value else None


def pattern_like(obj: object) -> bool:
    """Every leaf is a list (what a pattern looks like)."""
    if isinstance(obj, dict):
        return bool(obj) and all(isinstance(v, list) or (isinstance(v, dict) and pattern_like(v)) for v in obj.values())
    return False


def pairs(
    patterns: list[dict[str, Any]], events: list[dict[str, Any]]
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    count = 0
    for p in patterns:
        for e in events:
            if e is p or e == p:
                continue
            yield p, e
            count += 1
            if count >= PAIRS_PER_METHOD:
                return


def ruler_cases(git_dir: str) -> Iterator[dict[str, Any]]:
    commit = head(git_dir)
    for path in RULER_FILES:
        text = git_show(git_dir, path)
        consts = {m.group(1): as_object(java_string(m.group(2))) for m in _JAVA_CONST.finditer(text)}
        starts = [(m.start(), m.group(1)) for m in _JAVA_METHOD.finditer(text)]
        for index, (start, name) in enumerate(starts):
            body = text[start : starts[index + 1][0] if index + 1 < len(starts) else len(text)]
            objs = [o for o in (as_object(java_string(m.group(0))) for m in _JAVA_EXPR.finditer(body)) if o]
            objs += [o for cname, o in consts.items() if o and re.search(r"\b" + cname + r"\b", body)]
            patterns = [o for o in objs if pattern_like(o)]
            for p, e in pairs(patterns, objs):
                yield {"pattern": p, "event": e, "source": f"github:aws/event-ruler/{path}@{commit} ({name})"}
    for case in json.loads(git_show(git_dir, RULER_JSON)):
        yield {
            "pattern": case["rule"],
            "event": case["event"],
            "source": f"github:aws/event-ruler/{RULER_JSON}@{commit} ({case['name']})",
        }


def quamina_cases(git_dir: str) -> Iterator[dict[str, Any]]:
    commit = head(git_dir)
    for path in QUAMINA_FILES:
        text = git_show(git_dir, path)
        starts = [(m.start(), m.group(1)) for m in _GO_FUNC.finditer(text)]
        for index, (start, name) in enumerate(starts):
            body = text[start : starts[index + 1][0] if index + 1 < len(starts) else len(text)]
            source = f"github:timbray/quamina/{path}@{commit} ({name})"
            for m in _GO_EXERCISE.finditer(body):
                # exercisePattern formats the raw pattern and values into JSON text with %s
                pattern_text = go_string(_GO_STR.match(m.group(1)))  # type: ignore[arg-type]
                pattern = as_object('{"x": [ {"wildcard": "' + pattern_text + '"}]}')
                for group in (m.group(2), m.group(3)):
                    for v in _GO_STR.finditer(group):
                        event = as_object('{"x": "' + go_string(v) + '"}')
                        if pattern and event:
                            yield {"pattern": pattern, "event": event, "source": source}
            objs = [o for o in (as_object(go_string(m)) for m in _GO_STR.finditer(body)) if o]
            patterns = [o for o in objs if pattern_like(o)]
            for p, e in pairs(patterns, objs):
                yield {"pattern": p, "event": e, "source": source}


def category(pattern: Any, event: Any) -> str:
    text = json.dumps(pattern)
    if re.search(r'"anything-but": \{"wildcard"', text):
        return "anything-but-wildcard"
    for op in ("wildcard", "cidr", "numeric", "equals-ignore-case", "$or", "anything-but", "exists"):
        if f'"{op}"' in text:
            if op == "exists" and "[]" in json.dumps(event):
                return "exists-empty-array"
            return op
    if re.search(r"\[\s*\{", json.dumps(event)):
        return "array-of-objects"
    if '"prefix"' in text or '"suffix"' in text:
        return "prefix-suffix"
    return "exact"


def label(cases: list[dict[str, Any]], classpath: str) -> list[str]:
    lines = "".join(json.dumps({"pattern": c["pattern"], "event": c["event"]}) + "\n" for c in cases)
    out = subprocess.run(["java", "-cp", classpath, "Oracle"], input=lines, capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def main(ruler_git: str, quamina_git: str, classpath: str) -> None:
    groups = {
        "event-ruler": list(ruler_cases(ruler_git)),
        "quamina": list(quamina_cases(quamina_git)),
        "eventbridge-docs": [dict(c) for c in DOCS_CASES],
    }
    OUT.mkdir(exist_ok=True)
    seen: set[str] = set()
    for name, cases in groups.items():
        unique = []
        for case in cases:
            key = json.dumps([case["pattern"], case["event"]], sort_keys=True)
            if key not in seen:
                seen.add(key)
                unique.append(case)
        verdicts = label(unique, classpath)
        rows = []
        for case, verdict in zip(unique, verdicts, strict=True):
            if verdict.startswith("error:"):
                continue
            expected: bool | str = "invalid" if verdict.startswith("invalid:") else verdict == "true"
            if "expected" in case and case["expected"] != expected:
                print(f"docs case disagrees with event-ruler: {case}", file=sys.stderr)
            row = {
                "id": f"{name}-{len(rows) + 1:04d}",
                "category": category(case["pattern"], case["event"]),
                "pattern": case["pattern"],
                "event": case["event"],
                "expected": case.get("expected", expected),
                "source": case["source"],
            }
            rows.append(row)
        (OUT / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        print(f"{name}: {len(rows)} cases")


if __name__ == "__main__":
    main(*sys.argv[1:4])
