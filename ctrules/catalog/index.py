"""The catalog's read-only index, as the checks read it (rows, name and source indexes, per-entry facts).

This is the public face of the lazy loader for code that needs more than :mod:`ctrules.catalog.api`
offers (the checks core walks names per eventSource, aliases, sorted pools for "did you mean").
Treat everything it returns as read-only.

Example::

    from ctrules.catalog.index import index

    names = index().names_of("organizations.amazonaws.com")
"""

from __future__ import annotations

from ctrules.catalog._store import Store as CatalogIndex
from ctrules.catalog._store import store as index

__all__ = ["CatalogIndex", "index"]
