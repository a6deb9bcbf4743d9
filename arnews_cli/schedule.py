"""Running several steps over a stream, in this process or over ``--jobs`` workers.

The steps come from :mod:`arnews_cli.registry`, cut by :func:`~arnews_cli.registry.plan`
into runs of per-record steps (mapped over the workers by
:func:`arnews_cli.parallel.map_records`, output in input order) and the stream passes
between them. A stream pass with a worker half (strip-boilerplate's collection pass)
runs that half in the workers, together with the steps before it and, on a guess,
the steps after it; this process only runs the in-order half. The output is the
same as one process gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from arnews_cli.errors import attempt, reported
from arnews_cli.record import Encoded, Record
from arnews_cli.registry import STEPS, Report, Settings, Stage, apply_steps, plan


def pipeline_stage(
    settings: Settings, report: Report, jobs: int = 1, encoded: bool = False
) -> Stage:
    """A stage running ``settings.steps`` over a stream of records.

    With ``encoded``, records finished in a worker come as
    :class:`~arnews_cli.record.Encoded` JSON lines, for a writer that takes them.
    """
    from arnews_cli.parallel import map_records

    parts = plan(settings)

    def stage(records: Iterable[Record]) -> Iterator[Record]:
        from arnews_cli.parallel import make_pool, stop_pool

        # One pool for every run of per-record steps, created once the input flows.
        pool = make_pool(jobs) if jobs > 1 else None
        try:
            stream: Iterable[Any] = records
            i = 0
            while i < len(parts):
                part = parts[i]
                # A stream pass, alone or after a run of per-record steps, that has a
                # worker half: the workers run the steps before it, its worker half and
                # (on a guess) the run after it.
                name = part if isinstance(part, str) else _next_pass(parts, i)
                if pool is not None and name is not None and STEPS[name].worker_half:
                    pre = () if isinstance(part, str) else part
                    i += 1 if isinstance(part, str) else 2
                    post = parts[i] if i < len(parts) else None
                    post = post if isinstance(post, tuple) else None
                    i += post is not None
                    step = STEPS[name]
                    # Encoded lines only for the writer: another pass may still follow.
                    last = i >= len(parts)
                    done = post is not None or (encoded and last)
                    after = partial(_after, settings, post or (), encoded and last) if done else None
                    items = map_records(
                        step.worker_half,
                        stream,
                        (settings, pre, after),
                        report,
                        pool,
                        jobs,
                        paired=True,
                    )
                    before = _guarded_steps(settings, pre, report) if pre else None
                    stream = reported(
                        step.parent_half(items, settings, report, after, before), report
                    )
                    continue
                if isinstance(part, str):
                    step = STEPS[part]
                    assert step.stream is not None
                    stream = step.stream(stream, settings, report)
                else:
                    last = i == len(parts) - 1
                    fn = _steps_encoded if pool is not None and encoded and last else apply_steps
                    stream = map_records(fn, stream, (settings, part), report, pool, jobs)
                i += 1
            yield from stream
        except BaseException:
            # An interrupt, a closed pipe or an error: end the workers now.
            if pool is not None:
                stop_pool(pool, wait=False)
                pool = None
            raise
        finally:
            if pool is not None:
                stop_pool(pool, wait=True)

    return stage


def _next_pass(parts: list[tuple[str, ...] | str], i: int) -> str | None:
    """The stream pass right after the run at ``i``, if there is one."""
    nxt = parts[i + 1] if i + 1 < len(parts) else None
    return nxt if isinstance(nxt, str) else None


def _guarded_steps(
    settings: Settings, steps: tuple[str, ...], report: Report
) -> Callable[[Record], Record | None]:
    from arnews_cli.api import guarded

    return guarded("pipeline", partial(apply_steps, settings=settings, steps=steps), report)


def _after(settings: Settings, post: tuple[str, ...], encoded: bool, rec: Record) -> Any:
    """The steps after a stream pass on one record: the record (encoded if asked), or
    the error of it."""
    return attempt("pipeline", _steps_encoded if encoded else apply_steps, rec, settings, post)


def _steps_encoded(rec: Record, settings: Settings, steps: tuple[str, ...]) -> Encoded:
    """:func:`apply_steps`, the result as its JSON line (in a worker, for the writer)."""
    return Encoded.of(apply_steps(rec, settings, steps))
