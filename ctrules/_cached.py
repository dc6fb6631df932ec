"""A lock-free ``cached_property`` (internal)."""

from __future__ import annotations

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (type checkers take it as True), without importing typing

__all__ = ["cached_property"]

if TYPE_CHECKING:
    # What type checkers see: the same contract as functools' (a generic descriptor computed once per instance).
    from functools import cached_property as cached_property
else:
    # What runs: the same thing without ``typing`` (a cost on every cold start of the catalog).

    class cached_property:
        """``functools.cached_property`` without its per-access lock (Python 3.11 takes one each time)."""

        def __init__(self, func):
            self.func = func
            self.name = func.__name__
            self.__doc__ = func.__doc__

        def __get__(self, obj, owner=None):
            if obj is None:
                return self
            value = self.func(obj)
            obj.__dict__[self.name] = value
            return value
