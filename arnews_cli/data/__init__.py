"""Lexicons and character tables, kept as data files beside this module.

Every step reads its files through :func:`read_text`, once, when it first needs them.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def read_text(name: str) -> str:
    """The text of data file ``name`` (UTF-8).

    >>> "واس" in read_text("agencies.json")
    True
    """
    return (_HERE / name).read_text(encoding="utf-8")


def read_sections(name: str) -> dict[str, list[str]]:
    """The word lists of data file ``name``: a ``[section]`` line opens each, one entry a
    line after it; blank lines and ``#`` comments are skipped.

    >>> read_sections("metadata_words.txt")["updated"][:2]
    ['آخر تحديث', 'اخر تحديث']
    """
    lists: dict[str, list[str]] = {}
    section: list[str] = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = lists.setdefault(line[1:-1], [])
        else:
            section.append(line)
    return lists
