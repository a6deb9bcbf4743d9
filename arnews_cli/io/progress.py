"""A progress bar on stderr for long runs: articles/s, MB/s and, when the input size
is known, the share done and the time left.

Shown only when stderr is a terminal, so pipes and logs never see it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from typing import Any

from arnews_cli.record import Record


def with_progress(
    records: Iterable[Record],
    bytes_read: Callable[[], int],
    total: int | None,
    data_read: Callable[[], int] | None = None,
    file: Any = None,
    interval: float = 0.2,
    started: float | None = None,
    delay: float = 2.0,
) -> Iterator[Record]:
    """Yield ``records`` unchanged while a rich progress bar tracks them.

    ``bytes_read`` counts toward ``total`` (file sizes); ``data_read`` counts the
    decompressed data, for MB/s. ``started`` (a ``time.perf_counter()``) is when the run
    began, if before the first record: the rates and the time shown count from there.
    The bar appears only once the run has taken ``delay`` seconds (as git's does), so a
    short run draws nothing between its lines of output.
    """
    data_read = data_read or bytes_read
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(file=file or sys.stderr)
    columns: list[Any] = [TextColumn("{task.description}")]
    if total:
        columns += [BarColumn(), TaskProgressColumn(), TimeRemainingColumn()]
    columns += [
        TextColumn("{task.fields[articles]:,} articles"),
        TextColumn("{task.fields[aps]:,.0f} articles/s"),
        TextColumn("{task.fields[mbs]:.1f} MB/s"),
        TextColumn("[yellow]{task.fields[elapsed]}"),
    ]
    # The run's own clock, not the bar's: with a collection window the first record
    # comes out only after thousands were read, and rates counted from then overstate.
    start = time.perf_counter() if started is None else started
    last = 0.0
    n = 0
    records = iter(records)
    if time.perf_counter() - start < delay:
        for rec in records:
            n += 1
            yield rec
            if time.perf_counter() - start >= delay:
                break
        else:
            return  # done before the delay: no bar at all
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(
            "arnews", total=total or None, articles=0, aps=0.0, mbs=0.0, elapsed="0:00:00"
        )

        def update() -> None:
            elapsed = max(time.perf_counter() - start, 1e-9)
            progress.update(
                task,
                completed=bytes_read(),
                articles=n,
                aps=n / elapsed,
                mbs=data_read() / elapsed / 1e6,
                elapsed=str(timedelta(seconds=int(elapsed))),
            )

        for rec in records:
            n += 1
            now = time.perf_counter()
            if now - last >= interval:
                last = now
                update()
            yield rec
        update()
