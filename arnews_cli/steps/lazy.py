"""Regexes compiled on first use, so that start-up pays only for the ones a run needs.

A one-line ``echo x | arnews clean`` uses a handful of the step's patterns; compiling
all of them at import cost more than the rest of the step together. Most patterns are
only reached when a cheap substring test finds something to do (mojibake, joiners,
tatweel, URLs), so for most runs they are never compiled at all.

>>> p = lazy(r"\\d+")
>>> p.sub("#", "a1b22")
'a#b#'
>>> p.pattern
'\\\\d+'
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer")


class _LazyPattern:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set yet: the first use compiles, then stores
        # the compiled pattern's bound methods, so later calls cost what a compiled
        # pattern's do (no __getattr__, no cache look-up).
        compiled = self.__dict__.get("compiled")
        if compiled is None:
            compiled = self.compiled = re.compile(self.pattern, self.flags)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
            self.groupindex = compiled.groupindex
            self.groups = compiled.groups
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """A stand-in for ``re.compile(pattern, flags)`` that compiles on first use."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))
