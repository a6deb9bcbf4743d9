"""strip-boilerplate: keep the article, drop the page.

First version: a repeated title line and lone numbers. The full rules are issue #5.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Any

_LONE_NUMBER = re.compile(r"\s*[0-9٠-٩]+\s*")
_DIGITS = re.compile(r"[0-9٠-٩۰-۹]+")
_SPACES = re.compile(r"\s+")


def line_key(line: str) -> str:
    """The form under which lines are compared across a collection (digits and spaces folded)."""
    return _SPACES.sub(" ", _DIGITS.sub("0", line)).strip()


def strip(
    text: str, repeated: Container[str] = frozenset(), title: str | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """Split ``text`` into what is kept and the lines removed (``{"line", "text", "reason"}``).

    >>> strip("عنوان\\n\\nعنوان\\nنص المقال.\\n12")
    ('عنوان\\n\\nنص المقال.', [{'line': 3, 'text': 'عنوان', 'reason': 'repeated-title'}, {'line': 5, 'text': '12', 'reason': 'lone-number'}])
    """
    lines = text.split("\n")
    first = next((ln.strip() for ln in lines if ln.strip()), None)
    title = title or first
    kept: list[str] = []
    removed: list[dict[str, Any]] = []
    seen_title = False
    for i, line in enumerate(lines, 1):
        s = line.strip()
        reason = None
        if s and s == title:
            if seen_title:
                reason = "repeated-title"
            seen_title = True
        elif s and _LONE_NUMBER.fullmatch(s):
            reason = "lone-number"
        elif s and line_key(s) in repeated:
            reason = "repeated-in-collection"
        if reason:
            removed.append({"line": i, "text": line, "reason": reason})
        else:
            kept.append(line)
    return "\n".join(kept).strip("\n"), removed
