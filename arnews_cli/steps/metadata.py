"""extract-metadata: title, date, dateline, author, tags and counts from the text.

First version: the title is the first non-blank line; stats are counted. The full
rules are issue #6.
"""

from __future__ import annotations

import re
from typing import Any

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"https?://[^\s<>\"'«»]+")

FIELDS = (
    "date",
    "date_text",
    "weekday",
    "location",
    "agency",
    "agencies",
    "author",
    "tags",
    "comments",
    "urls",
    "stats",
)


def stats(text: str, sentences: int | None = None) -> dict[str, Any]:
    letters = len(_LETTER.findall(text))
    arabic = len(_ARABIC_LETTER.findall(text))
    return {
        "characters": len(text),
        "words": len(text.split()),
        "sentences": sentences,
        "paragraphs": sum(1 for line in text.split("\n") if line.strip()),
        "arabic_share": round(arabic / letters, 3) if letters else 0.0,
    }


def extract(
    text: str, removed: list[dict[str, Any]] | None = None, sentences: int | None = None
) -> tuple[str | None, dict[str, Any]]:
    """Return ``(title, metadata)``; a value not found is ``None``."""
    title = next((ln.strip() for ln in text.split("\n") if ln.strip()), None)
    meta: dict[str, Any] = dict.fromkeys(FIELDS)
    meta["agencies"] = []
    meta["tags"] = []
    meta["urls"] = _URL.findall(text)
    meta["stats"] = stats(text, sentences)
    return title, meta


def metadata_schema() -> dict[str, Any]:
    """JSON Schema of the ``metadata`` object."""
    nullable_str = {"type": ["string", "null"]}
    return {
        "type": "object",
        "properties": {
            "date": nullable_str,
            "date_text": nullable_str,
            "weekday": nullable_str,
            "location": nullable_str,
            "agency": nullable_str,
            "agencies": {"type": "array", "items": {"type": "string"}},
            "author": nullable_str,
            "tags": {"type": "array", "items": {"type": "string"}},
            "comments": {"type": ["integer", "null"]},
            "urls": {"type": "array", "items": {"type": "string"}},
            "stats": {"type": "object"},
        },
    }
