"""Map a per-record function over a stream, in this process or over worker processes.

Output keeps input order; at most a bounded number of batches is in flight, so
memory does not grow with the input, and a record that fails is reported (with
its source) while the others go on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from arnews_cli.errors import ArticleError
from arnews_cli.record import Record

BATCH = 32


def _apply(fn: Callable[..., Record], rec: Record, args: tuple[Any, ...]) -> Record | ArticleError:
    try:
        return fn(rec, *args)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as e:  # noqa: BLE001 - one bad article must not stop the run
        return ArticleError(str(rec.get("source", rec.get("id"))), f"failed: {e!r}")


def _apply_batch(
    fn: Callable[..., Record], batch: list[Record], args: tuple[Any, ...]
) -> list[Record | ArticleError]:
    return [_apply(fn, rec, args) for rec in batch]


def map_records(
    fn: Callable[..., Record],
    records: Iterable[Record],
    args: tuple[Any, ...],
    report: Callable[[ArticleError], None],
    jobs: int = 1,
) -> Iterator[Record]:
    """Yield ``fn(rec, *args)`` for each record, in order; failures go to ``report``."""
    if jobs <= 1:
        for rec in records:
            out = _apply(fn, rec, args)
            if isinstance(out, ArticleError):
                report(out)
            else:
                yield out
        return
    yield from _parallel(fn, records, args, report, jobs)


def _parallel(
    fn: Callable[..., Record],
    records: Iterable[Record],
    args: tuple[Any, ...],
    report: Callable[[ArticleError], None],
    jobs: int,
) -> Iterator[Record]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # fork where it exists: workers start in milliseconds and inherit loaded modules.
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else methods[0])
    window = jobs * 4
    it = iter(records)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
    try:
        pending: deque[Any] = deque()
        while True:
            batch = list(islice(it, BATCH))
            if batch:
                pending.append(pool.submit(_apply_batch, fn, batch, args))
            while pending and (len(pending) >= window or not batch):
                for out in pending.popleft().result():
                    if isinstance(out, ArticleError):
                        report(out)
                    else:
                        yield out
            if not batch:
                return
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
