"""Errors that concern one article: reported, counted, and the run goes on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple


class DecodeError(ValueError):
    """The bytes of an article cannot be decoded to text."""


class ArticleError(NamedTuple):
    """One article that could not be read or processed."""

    # A NamedTuple rather than a dataclass: building a dataclass costs ~0.5 ms of every
    # start, and a one-line run makes several.

    source: str
    message: str
    line: int | None = None
    #: The record's id; shown for a record of a stream (one with a line number), where
    #: the file alone does not say which article failed.
    id: str | None = None

    def __str__(self) -> str:
        source = "stdin" if self.source == "-" else self.source
        if self.line is None:
            return f"{source}: {self.message}"
        if self.id is None:
            return f"{source}:{self.line}: {self.message}"
        return f"{source}:{self.line} (id {self.id}): {self.message}"


def attempt(step: str, fn: Callable[..., Any], rec: dict[str, Any], *args: Any, **kw: Any) -> Any:
    """``fn(rec, *args, **kw)``, or an :class:`ArticleError` naming ``step`` if it raises.

    One bad article must not stop a run of millions; an interrupt or running out of
    memory still does.
    """
    try:
        return fn(rec, *args, **kw)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as e:  # noqa: BLE001 - reported for this article, the run goes on
        rid = rec.get("id")
        return ArticleError(
            str(rec.get("source", rid)),
            f"{step} failed: {e!r}",
            id=rid if isinstance(rid, str) else None,
        )


def reported(items: Iterable[Any], report: Callable[[ArticleError], None]) -> Iterator[Any]:
    """The items that are not an :class:`ArticleError`; each one that is goes to ``report``.

    Readers and steps put an error in the stream where an article would be, so that the
    order of reports follows the input; this is where the stream is cleaned of them.
    """
    for item in items:
        if isinstance(item, ArticleError):
            report(item)
        else:
            yield item


class Fatal(Exception):
    """A problem that stops the whole run with one line on stderr and exit ``status``
    (not one article's fault: e.g. an unusable ``--index`` file)."""

    status = 1
