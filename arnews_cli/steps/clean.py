"""clean: fix what is invisible or typographic; change letters only when asked.

First version: tatweel and bidi/zero-width controls. The full rule set is issue #3.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

NORMALIZATIONS = ("diacritics", "alef", "yeh", "teh", "hamza", "persian")


@dataclass(frozen=True)
class CleanOptions:
    normalize: frozenset[str] = field(default_factory=frozenset)
    keep_shadda: bool = False
    digits: str = "keep"  # latin | arabic | keep
    punct: str = "keep"  # latin | arabic | keep
    emoji: str = "keep"  # keep | remove
    urls: str = "keep"  # keep | remove


PRESETS: dict[str, CleanOptions] = {
    "safe": CleanOptions(),
    "search": CleanOptions(
        normalize=frozenset({"diacritics", "alef", "yeh", "teh", "persian"}), digits="latin"
    ),
}

_INVISIBLE = dict.fromkeys(map(ord, "\u0640\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"))
_SPACES = re.compile(r"[ \t]+")


def clean_text(
    text: str, options: CleanOptions = PRESETS["safe"], stats: Counter[str] | None = None
) -> str:
    """Return ``text`` cleaned under ``options``; count changes per rule in ``stats``.

    >>> clean_text("مرحـــبا\u200f  بكم ")
    'مرحبا بكم'
    """
    out = text.translate(_INVISIBLE)
    out = "\n".join(_SPACES.sub(" ", line).strip(" ") for line in out.split("\n"))
    if stats is not None and out != text:
        stats["invisible"] += 1
    return out
