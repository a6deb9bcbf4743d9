"""Errors that concern one article: reported, counted, and the run goes on."""

from __future__ import annotations

from dataclasses import dataclass


class DecodeError(ValueError):
    """The bytes of an article cannot be decoded to text."""


@dataclass
class ArticleError:
    """One article that could not be read or processed."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"
