"""segment: paragraphs, sentences and tokens, each with offsets into the text.

First version: paragraphs are non-blank lines; sentences end at . ! ? ؟. The full
rules are issue #4.
"""

from __future__ import annotations

import re
from typing import Any

_PARA = re.compile(r"[^\n]+")
_SENT = re.compile(r"[^.!?؟\n]*(?:[.!?؟]+|$)")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def paragraphs(text: str, wrapped: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, without surrounding spaces."""
    spans = []
    for m in _PARA.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[dict[str, Any]]:
    """Tokens of ``text[start:end]`` as ``{"text", "start", "end"}`` (offsets into text)."""
    end = len(text) if end is None else end
    return [
        {"text": m.group(), "start": m.start(), "end": m.end()}
        for m in _TOKEN.finditer(text, start, end)
    ]


def sentences(text: str, wrapped: bool = False, tokens: bool = False) -> list[dict[str, Any]]:
    """Sentences as ``{"text", "start", "end", "paragraph"}``; ``text[start:end]`` is the text."""
    out: list[dict[str, Any]] = []
    for p, (ps, pe) in enumerate(paragraphs(text, wrapped)):
        for m in _SENT.finditer(text, ps, pe):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                sent: dict[str, Any] = {"text": text[s:e], "start": s, "end": e, "paragraph": p}
                if tokens:
                    sent["tokens"] = tokenize(text, s, e)
                out.append(sent)
    return out
