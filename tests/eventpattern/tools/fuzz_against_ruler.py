"""Differential fuzzing: random patterns and events, ctrules' matcher against event-ruler (``Oracle.java``).

Dev-time tool, not run by the test suite. Prints the counts of (event-ruler's verdict, agreement) and the
smallest disagreements. Disagreements caused by numbers beyond ±5e9 (a documented EventBridge limit that
current event-ruler no longer has, see ../README.md) are left out.

Usage: ``python fuzz_against_ruler.py SEED COUNT SHOWN ORACLE_CLASSPATH``
"""

from __future__ import annotations

import collections
import json
import random
import subprocess
import sys

from ctrules.eventpattern.match import InvalidPatternError, matches

NUMS = ["0", "1", "-1", "300", "3e2", "3.0e2", "300.0", "301.8", "3.018e2", "5000000000", "5e9", "-5e9",
        "5000000001", "123456789012", "0.000001", "0.0000001", "1e-7", "true", "false", "null", '"300"', '"1"',
        '"true"', '"null"', "4999999999.999999", "-0", "0.5", "1.5e3", "1500", "99999999999999999999"]  # fmt: skip
UNI = ["a", "A", "ß", "SS", "ss", "İ", "i", "I", "ı", "σ", "ς", "Σ", "K", "k", "\u212a", "é", "É", "x", "*", "\\"]
IPS = ["10.0.0.1", "10.0.0.255", "10.0.1.0", "220.160.154.1", "220.160.153.255", "220.160.155.0", "::1",
       "2001:db8::1", "2001:db8:0:1::1", "2001:DB8::FFFF", "::ffff:10.0.0.1", "010.0.0.1", "10.0.0", "1.2.3.4.5",
       "0.0.0.0", "255.255.255.255", "2001:db8::", "fe80::1%eth0", "1::", "1:2:3:4:5:6:7:8", "not-an-ip"]  # fmt: skip
CIDRS = ["10.0.0.0/24", "10.0.0.255/24", "220.160.154.255/24", "220.160.59.225/31", "10.0.0.0/8", "0.0.0.0/0",
         "2001:db8::/64", "2001:db8::ffff/32", "::1/128", "::/0", "::ffff:10.0.0.0/104", "10.0.0.1/32",
         "10.0.0.0/24/", "10.0.0.0/33", "1.2.3.4/-1", "2001:db8::/129", "10.0.0.0/+24", "10.0.0.0/024"]  # fmt: skip
BEYOND_LIMIT = ("5000000001", "123456789012", "99999999999999999999")


class Fuzzer:
    """Random pattern and event texts over a small alphabet, weighted to the hard operators."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def text(self, alphabet: str, size: int = 6) -> str:
        return "".join(self.r.choice(alphabet) for _ in range(self.r.randint(0, size)))

    def unicode(self) -> str:
        return "".join(self.r.choice(UNI) for _ in range(self.r.randint(0, 3)))

    def value(self) -> str:
        k = self.r.random()
        if k < 0.35:
            return self.r.choice(NUMS)
        if k < 0.6:
            return json.dumps(self.text("ab*\\", 5))
        if k < 0.75:
            return json.dumps(self.unicode(), ensure_ascii=False)
        if k < 0.85:
            return json.dumps(self.r.choice(IPS))
        if k < 0.92:
            return "[]"
        return "[" + ",".join(self.value() for _ in range(self.r.randint(1, 3))) + "]"

    def operand(self) -> str:
        r = self.r
        choices = [
            lambda: r.choice(NUMS),
            lambda: json.dumps({"prefix": self.text("ab", 3)}),
            lambda: json.dumps({"suffix": self.text("ab", 3)}),
            lambda: json.dumps({"wildcard": self.text("ab*\\", 6)}),
            lambda: json.dumps({"equals-ignore-case": self.unicode()}, ensure_ascii=False),
            lambda: json.dumps({r.choice(["prefix", "suffix"]): {"equals-ignore-case": self.unicode()}}),
            lambda: json.dumps({"exists": r.choice([True, False])}),
            lambda: json.dumps({"cidr": r.choice(CIDRS)}),
            self.numeric,
            lambda: '{"anything-but": ' + r.choice([*NUMS[:17], json.dumps(self.text("ab", 2))]) + "}",
            lambda: json.dumps({"anything-but": [self.text("ab", 2) for _ in range(r.randint(1, 3))]}),
            lambda: json.dumps({"anything-but": [r.choice([0, 1, 300, 3e2, 5]) for _ in range(r.randint(1, 3))]}),
            lambda: json.dumps({"anything-but": {"wildcard": r.choice([self.text("ab*\\", 5), ["a*", "*b"]])}}),
            lambda: json.dumps(
                {"anything-but": {r.choice(["prefix", "suffix", "equals-ignore-case"]): self.text("aAb", 3)}}
            ),
            lambda: json.dumps(self.text("ab*\\", 3)),
        ]
        return r.choice(choices)()

    def numeric(self) -> str:
        ops = self.r.choice([[">", "<"], [">=", "<="], ["="], ["<"], [">="], [">", "<="]])
        nums = sorted(self.r.choice([0, 1, 5, 10, 300, 301.8, -1, 0.5, 5e9, -5e9, 1e-6]) for _ in ops)
        return '{"numeric": [' + ",".join(f'"{o}",{json.dumps(n)}' for o, n in zip(ops, nums, strict=True)) + "]}"

    def pattern(self, depth: int = 0) -> str:
        parts = []
        for key in self.r.sample(["a", "b", "c"], self.r.randint(1, 2)):
            if depth < 2 and self.r.random() < 0.35:
                parts.append(f'"{key}": ' + self.pattern(depth + 1))
            else:
                parts.append(f'"{key}": [' + ",".join(self.operand() for _ in range(self.r.randint(1, 3))) + "]")
        if self.r.random() < 0.15 and depth < 2:
            parts.append('"$or": [' + self.pattern(depth + 1) + "," + self.pattern(depth + 1) + "]")
        return "{" + ",".join(parts) + "}"

    def event(self, depth: int = 0) -> str:
        parts = []
        for key in self.r.sample(["a", "b", "c"], self.r.randint(0, 3)):
            k = self.r.random()
            if depth < 2 and k < 0.25:
                parts.append(f'"{key}": ' + self.event(depth + 1))
            elif depth < 2 and k < 0.45:
                items = [self.event(depth + 1) if self.r.random() < 0.8 else self.value() for _ in range(3)]
                parts.append(f'"{key}": [' + ",".join(items[: self.r.randint(0, 3)]) + "]")
            else:
                parts.append(f'"{key}": ' + self.value())
        return "{" + ",".join(parts) + "}"


def main(seed: int, count: int, shown: int, classpath: str) -> None:
    fuzzer = Fuzzer(seed)
    cases = [(fuzzer.pattern(), fuzzer.event()) for _ in range(count)]
    lines = "".join(json.dumps({"pattern": p, "event": e}, ensure_ascii=False) + "\n" for p, e in cases)
    run = subprocess.run(["java", "-cp", classpath, "Oracle"], input=lines, capture_output=True, text=True, check=True)
    stats: collections.Counter[tuple[str, bool]] = collections.Counter()
    diffs = []
    for (pattern, event), verdict in zip(cases, run.stdout.splitlines(), strict=True):
        if verdict.startswith("error"):
            continue
        expected: bool | str = "invalid" if verdict.startswith("invalid") else verdict == "true"
        try:
            got: bool | str = matches(pattern, event)
        except InvalidPatternError:
            got = "invalid"
        if got == "invalid" and any(n in pattern for n in BEYOND_LIMIT):
            continue
        stats[(str(expected), got == expected)] += 1
        if got != expected:
            diffs.append((str(expected), str(got), pattern, event))
    print(dict(stats))
    for diff in sorted(diffs, key=lambda d: len(d[2]) + len(d[3]))[:shown]:
        print(diff)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
