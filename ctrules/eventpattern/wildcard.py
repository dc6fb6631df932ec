"""EventBridge wildcards: syntax check, parsing (escapes), matching and the complexity limit's automaton.

A wildcard's ``*`` matches any run of characters, including none; ``\\*`` is a literal star and ``\\\\`` a
literal backslash; any other backslash escape and ``**`` are invalid (aws/event-ruler README, "Wildcard
matching").
"""

from __future__ import annotations

from collections.abc import Callable

from ctrules.eventpattern.render import show
from ctrules.eventpattern.vocab import WILDCARD_COMPLEXITY_LIMIT

__all__ = [
    "compile_wildcard",
    "wildcard_complexity",
    "wildcard_error",
    "wildcard_match",
    "wildcard_tokens",
]

_MAX_AUTOMATON_SUBSETS = 5000  # state sets explored per wildcard complexity evaluation
_STAR = -1  # wildcard marker in parsed wildcard byte sequences


def wildcard_error(text: str) -> tuple[str, str] | None:
    """Why ``text`` is not an acceptable wildcard pattern, and how to fix it (None when fine)."""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "*":
            if index + 1 < len(text) and text[index + 1] == "*":
                return (
                    f'wildcard {show(text)} has consecutive wildcard characters "**" at position {index}',
                    'use a single "*"; it already matches any run of characters, including none',
                )
        elif char == "\\":
            following = text[index + 1] if index + 1 < len(text) else ""
            if following not in ("*", "\\"):
                shown = repr(following) if following else "the end of the string"
                return (
                    f"wildcard {show(text)} has an invalid escape at position {index}: a backslash followed by {shown}",
                    "only a literal asterisk (backslash + *) and a literal backslash (two backslashes) "
                    "can be escaped; double any other backslash",
                )
            index += 2
            continue
        index += 1
    return None


def wildcard_tokens(text: str) -> list[str | None]:
    """Characters of a valid wildcard, with None standing for an unescaped ``*``."""
    tokens: list[str | None] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "*":
            tokens.append(None)
        elif char == "\\" and index + 1 < len(text):
            index += 1
            tokens.append(text[index])
        else:
            tokens.append(char)
        index += 1
    return tokens


def wildcard_match(pattern: str, value: str) -> bool | None:
    """EventBridge wildcard matching (linear-time glob); None for an invalid pattern."""
    if wildcard_error(pattern) is not None:
        return None
    tokens = wildcard_tokens(pattern)
    pos_p = pos_v = 0
    star = -1
    mark = 0
    while pos_v < len(value):
        if pos_p < len(tokens) and tokens[pos_p] is not None and tokens[pos_p] == value[pos_v]:
            pos_p += 1
            pos_v += 1
        elif pos_p < len(tokens) and tokens[pos_p] is None:
            star = pos_p
            mark = pos_v
            pos_p += 1
        elif star >= 0:
            pos_p = star + 1
            mark += 1
            pos_v = mark
        else:
            return False
    while pos_p < len(tokens) and tokens[pos_p] is None:
        pos_p += 1
    return pos_p == len(tokens)


def wildcard_bytes(text: str) -> list[int]:
    """The byte sequence EventBridge compiles for a wildcard: quoted UTF-8 bytes, ``_STAR`` for ``*``."""
    out = [0x22]
    for token in wildcard_tokens(text):
        if token is None:
            out.append(_STAR)
        else:
            out.extend(token.encode("utf-8", "surrogatepass"))
    out.append(0x22)
    return out


def wildcard_complexity(terms: dict[str, tuple[str, ...]]) -> int:
    """Worst-case number of wildcard terms partially matched at once by one input value.

    Models the byte automaton EventBridge builds for one field: patterns share their literal prefix up to
    and including the first ``*``; after that each pattern has its own states.  A state's weight is the
    number of terms (match objects) reachable from it; the complexity is the largest total weight of a state
    set reachable by some input (plus the ``*`` loop states entered next).  Returns early once the limit is
    exceeded.
    """
    edges: list[dict[int, set[int]]] = [{}]
    any_edges: list[set[int]] = [set()]
    weight: list[set[str]] = [set()]
    trie: list[dict[int, int]] = [{}]
    first_star: list[int] = [-1]

    def new_state() -> int:
        edges.append({})
        any_edges.append(set())
        weight.append(set())
        trie.append({})
        first_star.append(-1)
        return len(edges) - 1

    for term, patterns in terms.items():
        for pattern in patterns:
            current = 0
            determinate = True
            before_star = -1
            for token in wildcard_bytes(pattern):
                if token == _STAR:
                    if determinate:
                        loop = first_star[current]
                        if loop < 0:
                            loop = new_state()
                            first_star[current] = loop
                    else:
                        loop = new_state()
                    any_edges[current].add(loop)
                    any_edges[loop].add(loop)
                    before_star, current, determinate = current, loop, False
                else:
                    if determinate:
                        nxt = trie[current].get(token, -1)
                        if nxt < 0:
                            nxt = new_state()
                            trie[current][token] = nxt
                            edges[current].setdefault(token, set()).add(nxt)
                    else:
                        nxt = new_state()
                        edges[current].setdefault(token, set()).add(nxt)
                        if before_star >= 0:
                            edges[before_star].setdefault(token, set()).add(nxt)
                    before_star, current = -1, nxt
                weight[current].add(term)

    start = frozenset({0})
    seen = {start}
    queue = [start]
    best = 0
    while queue:
        active = queue.pop()
        # bytes with an explicit transition out of the active states, plus 256 standing for any other byte
        for byte in [*sorted({byte for state in active for byte in edges[state]}), 256]:
            following: set[int] = set()
            for state in active:
                following |= any_edges[state]
                following |= edges[state].get(byte, set())
            if not following:
                continue
            loops = {loop for state in following for loop in any_edges[state] if loop not in following}
            size = sum(len(weight[state]) for state in following) + sum(len(weight[loop]) for loop in loops)
            best = max(best, size)
            if best > WILDCARD_COMPLEXITY_LIMIT:
                return best
            frozen = frozenset(following)
            if frozen not in seen:
                if len(seen) >= _MAX_AUTOMATON_SUBSETS:
                    return best
                seen.add(frozen)
                queue.append(frozen)
    return best


def compile_wildcard(pattern: str) -> Callable[[str], bool]:
    """A predicate telling whether a string matches the *valid* wildcard ``pattern`` (parsed once).

    Linear in the value, whatever the number of stars: the text before the first star must start the value, the
    text after the last must end it, and each piece between stars is found, leftmost first, after the one before
    (``str.find``; a leftmost match never loses a match a later one would find). No regular expression, so no
    backtracking (``.*a.*b`` on a long value is quadratic in ``re``).
    """
    tokens = wildcard_tokens(pattern)
    pieces: list[str] = [""]
    for t in tokens:
        if t is None:
            pieces.append("")
        else:
            pieces[-1] += t
    if len(pieces) == 1:
        (exact,) = pieces
        return lambda value: value == exact
    head, middle, tail = pieces[0], [p for p in pieces[1:-1] if p], pieces[-1]
    least = len(head) + len(tail) + sum(map(len, middle))

    def test(value: str) -> bool:
        if len(value) < least or not value.startswith(head) or not value.endswith(tail):
            return False
        at, end = len(head), len(value) - len(tail)
        for piece in middle:
            found = value.find(piece, at, end)
            if found < 0:
                return False
            at = found + len(piece)
        return True

    return test
