"""A word list as one regex alternation, written as a trie.

``re`` tries the branches of ``يناير|يونيو|يوليو|…`` one after another at every place a
scan reaches; the same list written as a trie (``ي(?:ناير|و(?:ليو|نيو))``) tests each
character once. Month, weekday and ordinal names and agency aliases are matched this way
(over whole articles the ordinal-day scan took half the time, issue 14).

At one place the trie tries the longer of two words that both match first, as an
alternation sorted longest first does, so a pattern built on it matches the same text.

>>> import re
>>> trie_regex(["يوليو", "يونيو", "يوليوز"])
'يو(?:ليو(?:ز)?|نيو)'
>>> re.match(trie_regex(["تشرين الأول", "تشرين"], {" ": r"\\s+"}), "تشرين  الأول").group()
'تشرين  الأول'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any


def trie_regex(words: Iterable[str], classes: Mapping[str, str] | None = None) -> str:
    """A regex (no group) matching any of ``words``; ``classes`` maps a character to the
    regex it stands for (``{" ": r"\\s+"}``: a space inside a name matches any run)."""
    classes = classes or {}
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict[str, Any]) -> str:
        alts = [classes.get(ch, re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # The end of a word after the longer words through it: longest first.
        return f"(?:{body})?" if "" in node else body

    return emit(trie)
