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
