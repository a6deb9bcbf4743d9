"""The steps, by name: what each reads and writes, and how it runs.

The CLI (``pipeline --steps``), the API (:func:`apply_steps`), the view and the
scheduler (:mod:`arnews_cli.schedule`) take the steps from :data:`STEPS`, so a step
name is written in one place. Adding a step is a module of its own under
``steps/`` or ``corpus/``, one :class:`Step` here, and its line in the README::

    >>> list(STEPS)
    ['clean', 'strip-boilerplate', 'segment', 'extract-metadata', 'dedup']
    >>> STEPS["segment"].writes
    ('sentences',)

A per-record step is a function of one record. A step that must see the whole stream
(strip-boilerplate's collection pass, which counts lines over many articles) also has
a ``stream`` function, used when its ``sees_stream`` says the settings need it; the
scheduler runs such a pass between the runs of per-record steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from arnews_cli.record import Record

#: A function over a stream of records (what every subcommand runs).
Stage = Callable[[Iterable[Record]], Iterator[Record]]
#: Where a step reports an article it failed on (an ``ArticleError``).
Report = Callable[[Any], None]


class Settings(NamedTuple):
    """The options of every step, for a run of several (``arnews pipeline``)."""

    steps: tuple[str, ...] = ("clean", "strip-boilerplate", "segment", "extract-metadata")
    preset: str = "safe"
    min_repeat: int = 0
    tokens: bool = False
    wrapped: bool = False
    #: dedup's options (a ``corpus.dedup.DedupOptions``); ``None``: its defaults.
    dedup: Any = None


class Step(NamedTuple):
    name: str
    #: One line for --help and the README.
    summary: str
    #: Record fields the step reads and writes (``text`` is read by all).
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    #: The step on one record.
    apply: Callable[[Record, Settings], Record]
    #: The step over a whole stream, when ``sees_stream(settings)``; ``None``: never.
    stream: Callable[[Iterable[Record], Settings, Report], Iterator[Record]] | None = None
    sees_stream: Callable[[Settings], bool] = lambda settings: False
    #: The stream pass cut in two for ``--jobs``: a per-record half that runs in the
    #: workers (with the steps before it, and after it on a guess), and the in-order half
    #: this process runs over the workers' results. See :mod:`arnews_cli.schedule`.
    worker_half: Callable[..., Any] | None = None
    parent_half: Callable[..., Iterator[Any]] | None = None


# Each step's module is imported when it first runs, so that a CLI start loads only the
# steps it uses.


def _clean(rec: Record, settings: Settings) -> Record:
    from arnews_cli import api

    return api.clean(rec, preset=settings.preset)


def _strip(rec: Record, settings: Settings) -> Record:
    from arnews_cli import api

    return api.strip_boilerplate(rec)


def _strip_stream(
    records: Iterable[Record], settings: Settings, report: Report
) -> Iterator[Record]:
    from arnews_cli import api

    return api.strip_boilerplate_stream(records, settings.min_repeat, report)


def _strip_worker(
    rec: Record, settings: Settings, pre: tuple[str, ...], after: Callable[[Record], Any] | None
) -> Any:
    from arnews_cli import api
    from arnews_cli.repeats import prestrip

    return prestrip(apply_steps(rec, settings, pre), api.strip_boilerplate, after)


def _strip_parent(
    items: Iterable[Any],
    settings: Settings,
    report: Report,
    after: Callable[[Record], Any] | None,
    before: Callable[[Record], Record | None] | None,
) -> Iterator[Any]:
    from arnews_cli import api
    from arnews_cli.repeats import strip_prestripped

    strip = api.guarded("strip-boilerplate", api.strip_boilerplate, report)
    return strip_prestripped(items, settings.min_repeat, strip=strip, after=after, before=before)


def _segment(rec: Record, settings: Settings) -> Record:
    from arnews_cli import api

    return api.segment(rec, wrapped=settings.wrapped, tokens=settings.tokens)


def _metadata(rec: Record, settings: Settings) -> Record:
    from arnews_cli import api

    return api.extract_metadata(rec)


def _dedup_options(settings: Settings) -> Any:
    from arnews_cli.corpus.dedup import DedupOptions

    return settings.dedup or DedupOptions()


def _dedup_alone(rec: Record, settings: Settings) -> Record:
    raise TypeError("dedup compares articles with each other: run it over a stream")


def _dedup_stream(
    records: Iterable[Record], settings: Settings, report: Report
) -> Iterator[Record]:
    from arnews_cli.corpus.dedup import Dedup

    return Dedup(_dedup_options(settings)).run(records)


def _dedup_worker(
    rec: Record, settings: Settings, pre: tuple[str, ...], after: Callable[[Record], Any] | None
) -> Any:
    from arnews_cli.corpus.dedup import sketch_record
    from arnews_cli.record import apply_step

    rec = apply_steps(rec, settings, pre)
    sketch, day = sketch_record(rec, _dedup_options(settings).by == "story")
    item = {"id": rec["id"], "day": day, "sketch": sketch}
    if after is None:
        item["out"] = rec
    else:
        # The steps after dedup run here on the guess that the article is kept (most are).
        item["done"] = after(apply_step(rec, "dedup"))
    return item


def _dedup_parent(
    items: Iterable[Any],
    settings: Settings,
    report: Report,
    after: Callable[[Record], Any] | None,
    before: Callable[[Record], Record | None] | None,
) -> Iterator[Any]:
    from arnews_cli.corpus.dedup import Dedup, marked

    run = Dedup(_dedup_options(settings))

    def passes() -> Iterator[Any]:
        for _, item in items:
            found = run.decide(item["id"], item["sketch"], item["day"])
            if "out" in item:
                out = run.passed(item["out"], found)
                if out is not None:
                    yield out
            elif found is None:
                yield item["done"]
            elif run.options.mark:
                yield marked(item["done"], found)

    return run.writing_files(passes())


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "clean",
            "Fix broken or invisible characters; letters on request.",
            reads=("text",),
            writes=("text",),
            apply=_clean,
        ),
        Step(
            "strip-boilerplate",
            "Remove page chrome; keep every removed line.",
            reads=("text", "title", "removed"),
            writes=("text", "removed"),
            apply=_strip,
            stream=_strip_stream,
            sees_stream=lambda settings: settings.min_repeat > 0,
            worker_half=_strip_worker,
            parent_half=_strip_parent,
        ),
        Step(
            "segment",
            "Paragraphs, sentences and tokens, with offsets.",
            reads=("text",),
            writes=("sentences",),
            apply=_segment,
        ),
        Step(
            "extract-metadata",
            "Title, date, dateline, author, tags, stats.",
            reads=("text", "removed", "sentences"),
            writes=("title", "metadata"),
            apply=_metadata,
        ),
        Step(
            "dedup",
            "Drop (or --mark) articles that repeat an earlier one, or its story.",
            reads=("text", "metadata"),
            writes=("duplicate",),
            apply=_dedup_alone,
            stream=_dedup_stream,
            sees_stream=lambda settings: True,
            worker_half=_dedup_worker,
            parent_half=_dedup_parent,
        ),
    )
}

#: ``pipeline``'s default steps, in their order (dedup is asked for: --steps …,dedup).
DEFAULT_STEPS: tuple[str, ...] = Settings().steps


def apply_steps(rec: Record, settings: Settings, steps: tuple[str, ...]) -> Record:
    """Apply the per-record ``steps`` to ``rec``, in order."""
    for name in steps:
        rec = STEPS[name].apply(rec, settings)
    return rec


def plan(settings: Settings) -> list[tuple[str, ...] | str]:
    """``settings.steps`` cut into runs of per-record steps (tuples) and the names of
    the stream passes between them.

    >>> plan(Settings(min_repeat=10))
    [('clean',), 'strip-boilerplate', ('segment', 'extract-metadata')]
    >>> plan(Settings())
    [('clean', 'strip-boilerplate', 'segment', 'extract-metadata')]
    """
    out: list[tuple[str, ...] | str] = []
    run: list[str] = []
    for name in settings.steps:
        if STEPS[name].sees_stream(settings):
            if run:
                out.append(tuple(run))
                run = []
            out.append(name)
        else:
            run.append(name)
    if run:
        out.append(tuple(run))
    return out
