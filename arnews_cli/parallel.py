"""Map a per-record function over a stream, in this process or over worker processes.

Output keeps input order; at most a bounded number of batches is in flight, so
memory does not grow with the input, and a record that fails is reported (with
its source) while the others go on.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from arnews_cli.errors import ArticleError, attempt, reported
from arnews_cli.record import Record

if TYPE_CHECKING:  # concurrent.futures imports logging: 6 ms of a one-process start
    from concurrent.futures import Executor

#: Records sent to a worker at once: enough to amortise pickling and IPC (each batch
#: costs the parent a few thread hand-offs; at 32 records the bulk corpus took ~0.4 s
#: more CPU than at 128), few enough that the first results come back quickly.
BATCH = 128
#: ...and at most about this many characters of text, so that the records in flight
#: stay a bounded size however long the articles are.
BATCH_CHARS = 1 << 22


def _apply(fn: Callable[..., Record], rec: Record, args: tuple[Any, ...]) -> Record | ArticleError:
    return attempt("pipeline", fn, rec, *args)


def _apply_batch(
    fn: Callable[..., Record], batch: list[Record], args: tuple[Any, ...]
) -> list[Record | ArticleError]:
    return [_apply(fn, rec, args) for rec in batch]


def _worker_init() -> None:
    """Signals in a worker: the parent decides when the run ends.

    A worker ignores SIGINT, SIGTERM and SIGHUP: a terminal's Ctrl-C or a ``kill`` of
    the process group reaches every worker too, and one that died while sending its
    results would leave the pool's pipe holding half a message, which the parent would
    then wait on forever. The parent stops them instead (:func:`stop_pool`). On Linux a
    worker is killed when the parent dies, even by SIGKILL, so none is left behind.
    """
    import signal

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
        except (OSError, AttributeError):
            pass


def make_pool(jobs: int) -> Executor:
    """A process pool; fork where it exists, so workers start at once with modules loaded."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else methods[0])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init)


#: Seconds an interrupted run waits for the workers' current batches before it kills them.
DRAIN_SECONDS = 10.0


def stop_pool(pool: Executor, wait: bool) -> None:
    """Shut ``pool`` down; without ``wait`` (an interrupt), drop the batches not started
    and let the workers finish the ones they hold (a batch is bounded: a second or so),
    then kill any still running after DRAIN_SECONDS."""
    if wait:
        pool.shutdown(wait=True)
        return
    # shutdown() forgets its manager thread: take it first, to wait for it here (left
    # running, it races the interpreter's exit over a closed pipe).
    manager = getattr(pool, "_executor_manager_thread", None)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is None:
        return
    manager.join(DRAIN_SECONDS)
    if manager.is_alive():
        for proc in processes:
            try:
                proc.kill()
            except (OSError, AttributeError):
                pass
        manager.join(DRAIN_SECONDS)


def map_records(
    fn: Callable[..., Record],
    records: Iterable[Record],
    args: tuple[Any, ...],
    report: Callable[[ArticleError], None],
    pool: Executor | None = None,
    jobs: int = 1,
    paired: bool = False,
) -> Iterator[Any]:
    """Yield ``fn(rec, *args)`` for each record, in order; failures go to ``report``.

    With ``pool``, batches run in its workers, ``jobs * 4`` of them in flight at most.
    With ``paired``, each result comes as ``(rec, result)``: the input is kept here
    rather than sent back by the worker, which would pickle it twice more.
    """
    if pool is None:
        if paired:
            yield from _paired(((rec, _apply(fn, rec, args)) for rec in records), report)
        else:
            yield from reported((_apply(fn, rec, args) for rec in records), report)
        return
    window = max(jobs, 1) * 4
    pending: deque[tuple[Any, list[Record]]] = deque()

    def done() -> Iterator[Any]:
        future, sent = pending.popleft()
        if paired:
            yield from _paired(zip(sent, future.result(), strict=True), report)
        else:
            yield from reported(future.result(), report)

    for batch in _batches(records):
        pending.append((pool.submit(_apply_batch, fn, batch, args), batch))
        if len(pending) >= window:
            yield from done()
    while pending:
        yield from done()


def _batches(records: Iterable[Record]) -> Iterator[list[Record]]:
    """``records`` in lists of up to ``BATCH`` records and about ``BATCH_CHARS`` of text."""
    batch: list[Record] = []
    size = 0
    for rec in records:
        batch.append(rec)
        text = rec.get("text")
        size += len(text) if isinstance(text, str) else 0
        if len(batch) >= BATCH or size >= BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _paired(
    pairs: Iterable[tuple[Record, Any]], report: Callable[[ArticleError], None]
) -> Iterator[tuple[Record, Any]]:
    """The pairs whose result is not an :class:`ArticleError`; the others are reported."""
    for rec, out in pairs:
        if isinstance(out, ArticleError):
            report(out)
        else:
            yield rec, out
