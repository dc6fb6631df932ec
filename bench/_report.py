"""Result rows and the plain-text table shared by the benchmark scripts (not a benchmark itself)."""

from __future__ import annotations

from typing import Any


def _number(x: float) -> str:
    return f"{int(x) if float(x).is_integer() else x:,}"


def row(
    name: str, value: Any, unit: str, limit: float | None = None, *, at_least: float | None = None
) -> dict[str, Any]:
    """One result; ``limit`` is an upper bound in ``unit``, ``at_least`` a lower bound (neither: a detail, for
    information). ``better`` says which way is better (``bench/run_all.py`` compares ratio rows with the
    baseline)."""
    if isinstance(value, float):
        value = round(value, 3)
    if at_least is not None:
        return {"name": name, "value": value, "unit": unit, "target": f">= {_number(at_least)}",
                "ok": value >= at_least, "better": "higher"}
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "target": None if limit is None else f"<= {_number(limit)}",
        "ok": None if limit is None else value <= limit,
        **({} if limit is None else {"better": "lower"}),
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
