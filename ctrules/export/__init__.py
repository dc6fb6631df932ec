"""Exports of ctrules' checks to other engines: the Rego rule pack for ``cloudformation-validate``.

See :mod:`ctrules.export.rego` and ``docs/rego.md``.
"""

from __future__ import annotations

from ctrules.export.rego import (
    ENGINE_VERSION,
    EXPORTED,
    NOT_EXPORTED,
    PACK_PATH,
    PackLoadError,
    in_scope,
    load_engine,
    pack_is_current,
    rego_pack,
)

__all__ = [
    "ENGINE_VERSION",
    "EXPORTED",
    "NOT_EXPORTED",
    "PACK_PATH",
    "PackLoadError",
    "in_scope",
    "load_engine",
    "pack_is_current",
    "rego_pack",
]
