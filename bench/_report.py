"""Result rows and the plain-text table shared by the benchmark scripts (not a benchmark itself)."""

from __future__ import annotations

from typing import Any


def row(name: str, value: Any, unit: str, limit: float | None = None) -> dict[str, Any]:
    """One result; ``limit`` is an upper bound in ``unit`` (None: a detail, for information)."""
    if isinstance(value, float):
        value = round(value, 3)
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "target": None if limit is None else f"<= {int(limit) if float(limit).is_integer() else limit:,}",
        "ok": None if limit is None else value <= limit,
    }


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as an aligned text table."""

    def shown(value: Any) -> str:
        return f"{value:,}" if isinstance(value, (int, float)) else str(value)

    name_w = max([len("benchmark"), *(len(str(r["name"])) for r in rows)])
    value_w = max([len("value"), *(len(shown(r["value"])) for r in rows)])
    target_w = max([len("target"), *(len(r["target"] or "-") for r in rows)])
    lines = [f"{'benchmark':<{name_w}} {'value':>{value_w}} {'unit':<6} {'target':<{target_w}} ok"]
    for r in rows:
        ok = "-" if r["ok"] is None else ("yes" if r["ok"] else "NO")
        lines.append(
            f"{r['name']:<{name_w}} {shown(r['value']):>{value_w}} {r['unit']:<6} {r['target'] or '-':<{target_w}} {ok}"
        )
    return "\n".join(lines)
