"""``python -m ctrules``: the ``ctrules`` command line (see :mod:`ctrules.cli`)."""

from __future__ import annotations

from ctrules.cli import main

raise SystemExit(main())
