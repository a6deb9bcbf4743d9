"""strip-boilerplate over a collection: lines that recur in many articles.

First version: no collection statistics yet, each record is stripped on its own.
The collection rule (``--min-repeat``) is issue #5.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from arnews_cli.record import Record


def strip_collection(records: Iterable[Record], min_repeat: int = 0) -> Iterator[Record]:
    """Yield each record stripped of boilerplate, in input order, as it becomes ready."""
    from arnews_cli.api import strip_boilerplate

    for rec in records:
        yield strip_boilerplate(rec)
