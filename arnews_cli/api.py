"""The steps as a Python API, on text or on article records.

Each function takes either a ``str`` (and returns the step's natural result for
text) or a record ``dict`` (and returns a new record with the step applied and
recorded in ``steps``); the input is never modified::

    >>> from arnews_cli import clean, to_record
    >>> rec = clean(to_record("مرحـــبا"))
    >>> rec["text"], rec["steps"]
    ('مرحبا', ['clean'])

These are plain module-level functions, so they pickle and can be mapped over
shards with multiprocessing, Dask, Spark or Ray.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import partial
from typing import Any, NamedTuple, TypeVar, overload

from arnews_cli.errors import reported
from arnews_cli.record import Encoded, Record, apply_step, new_record

T = TypeVar("T", str, Record)

STEP_NAMES = ("clean", "strip-boilerplate", "segment", "extract-metadata")
DEFAULT_STEPS = STEP_NAMES


def to_record(text: str, id: str = "text", source: str = "-", encoding: str = "utf-8") -> Record:
    """A record for ``text`` held in memory."""
    return new_record(id, source, encoding, text)


def clean_options(preset: str = "safe", **flags: Any):
    """Options of ``preset`` with every flag that is not ``None`` taking precedence."""
    from arnews_cli.steps.clean import PRESETS

    base = PRESETS[preset]
    given = {k: v for k, v in flags.items() if v is not None}
    if not given:
        return base  # the usual call, once per record in a pipeline: no copy
    if "normalize" in given:
        given["normalize"] = frozenset(given["normalize"])
    return replace(base, **given)


@overload
def clean(x: str, *, preset: str = ..., stats: Counter[str] | None = ..., **flags: Any) -> str: ...
@overload
def clean(
    x: Record, *, preset: str = ..., stats: Counter[str] | None = ..., **flags: Any
) -> Record: ...
def clean(x, *, preset="safe", stats=None, options=None, **flags):
    """Clean text (see :mod:`arnews_cli.steps.clean`); flags override the preset."""
    from arnews_cli.steps.clean import clean_text

    opts = options or clean_options(preset, **flags)
    if isinstance(x, str):
        return clean_text(x, opts, stats)
    return apply_step(x, "clean", text=clean_text(x["text"], opts, stats))


def segment(x, *, wrapped: bool = False, tokens: bool = False):
    """Sentences of text (a list of spans), or a record with ``sentences`` set."""
    from arnews_cli.steps.segment import sentences

    if isinstance(x, str):
        return sentences(x, wrapped=wrapped, tokens=tokens)
    return apply_step(x, "segment", sentences=sentences(x["text"], wrapped=wrapped, tokens=tokens))


def strip_boilerplate(x, *, repeated=frozenset()):
    """Text without its boilerplate, or a record with ``text`` and ``removed`` updated.

    ``repeated`` holds :func:`arnews_cli.steps.boilerplate.line_key` forms of lines
    that recur across the collection.
    """
    from arnews_cli.steps.boilerplate import strip

    if isinstance(x, str):
        return strip(x, repeated)[0]
    text, removed = strip(x["text"], repeated, x.get("title"))
    # Line numbers of an earlier pass refer to an earlier text; keep them, in order.
    return apply_step(x, "strip-boilerplate", text=text, removed=[*x.get("removed", ()), *removed])


def extract_metadata(x):
    """``(title, metadata)`` of text, or a record with ``title`` and ``metadata`` set."""
    from arnews_cli.steps.metadata import extract

    if isinstance(x, str):
        return extract(x)
    n = len(x["sentences"]) if "sentences" in x else None
    title, meta = extract(x["text"], x.get("removed"), n)
    return apply_step(x, "extract-metadata", title=title, metadata=meta)


def strip_boilerplate_stream(
    records: Iterable[Record],
    min_repeat: int = 0,
    report: Callable[[Any], None] | None = None,
) -> Iterator[Record]:
    """strip-boilerplate over a collection: also drops lines recurring in ``min_repeat``+ articles.

    With ``report``, a record the step fails on is reported (an ``ArticleError``) and
    skipped instead of ending the stream.
    """
    from arnews_cli.repeats import strip_collection

    if report is None:
        return strip_collection(records, min_repeat)
    return strip_collection(
        records, min_repeat, strip=_guarded("strip-boilerplate", strip_boilerplate, report)
    )


def _guarded(
    step: str, fn: Callable[..., Record], report: Callable[[Any], None]
) -> Callable[..., Record | None]:
    """``fn`` that reports a failure (an ``ArticleError`` naming ``step``) and gives
    ``None``, instead of raising."""

    def guarded(rec: Record, *args: Any, **kw: Any) -> Record | None:
        from arnews_cli.errors import ArticleError, attempt

        out = attempt(step, fn, rec, *args, **kw)
        if isinstance(out, ArticleError):
            report(out)
            return None
        return out

    return guarded


Stage = Callable[[Iterable[Record]], Iterator[Record]]


# --- several steps at once ---------------------------------------------------------------


class PipelineSettings(NamedTuple):
    steps: tuple[str, ...] = DEFAULT_STEPS
    preset: str = "safe"
    min_repeat: int = 0
    tokens: bool = False
    wrapped: bool = False


def apply_steps(rec: Record, settings: PipelineSettings, steps: tuple[str, ...]) -> Record:
    """Apply ``steps`` (per-record ones) to ``rec`` in order."""
    for name in steps:
        if name == "clean":
            rec = clean(rec, preset=settings.preset)
        elif name == "strip-boilerplate":
            rec = strip_boilerplate(rec)
        elif name == "segment":
            rec = segment(rec, wrapped=settings.wrapped, tokens=settings.tokens)
        elif name == "extract-metadata":
            rec = extract_metadata(rec)
        else:
            raise ValueError(f"unknown step {name!r}")
    return rec


def pipeline_stage(
    settings: PipelineSettings,
    report: Callable[[Any], None],
    jobs: int = 1,
    encoded: bool = False,
) -> Stage:
    """A stage running ``settings.steps`` over a stream of records.

    Per-record steps run in runs of consecutive steps (over ``jobs`` worker
    processes when ``jobs > 1``); strip-boilerplate with a collection rule
    (``min_repeat > 0``) needs the whole stream and runs between such runs.
    With ``encoded``, records finished in a worker come as
    :class:`~arnews_cli.record.Encoded` JSON lines, for a writer that takes them.
    """
    from arnews_cli.parallel import map_records

    segments: list[tuple[str, ...] | None] = []
    run_: list[str] = []
    for name in settings.steps:
        if name == "strip-boilerplate" and settings.min_repeat > 0:
            if run_:
                segments.append(tuple(run_))
                run_ = []
            segments.append(None)
        else:
            run_.append(name)
    if run_:
        segments.append(tuple(run_))

    def stage(records: Iterable[Record]) -> Iterator[Record]:
        from arnews_cli.parallel import make_pool, stop_pool

        # One pool for every run of per-record steps, created once the input flows.
        pool = make_pool(jobs) if jobs > 1 else None
        try:
            stream: Iterable[Record] = records
            i = 0
            while i < len(segments):
                seg = segments[i]
                if pool is not None and (seg is None or segments[i + 1 : i + 2] == [None]):
                    # The collection pass over workers: each worker runs the steps
                    # before it and the per-article rules, hashes the lines, and runs the
                    # steps after it on a guess; this process only counts, and re-strips
                    # (and runs the later steps on) the few articles that hold a
                    # recurring line. Same output as the serial pass.
                    from arnews_cli.repeats import strip_prestripped

                    pre = () if seg is None else seg
                    i += 1 if seg is None else 2
                    post = segments[i] if i < len(segments) else None
                    i += post is not None
                    done = post is not None or encoded
                    after = partial(_after_strip, settings, post or (), encoded) if done else None
                    items = map_records(
                        _collection_worker,
                        stream,
                        (settings, pre, after),
                        report,
                        pool,
                        jobs,
                        paired=True,
                    )
                    stream = reported(
                        strip_prestripped(
                            items,
                            settings.min_repeat,
                            strip=_guarded("strip-boilerplate", strip_boilerplate, report),
                            after=after,
                            before=_guarded(
                                "pipeline",
                                partial(apply_steps, settings=settings, steps=pre),
                                report,
                            )
                            if pre
                            else None,
                        ),
                        report,
                    )
                    continue
                if seg is None:
                    stream = strip_boilerplate_stream(stream, settings.min_repeat, report)
                else:
                    last = i == len(segments) - 1
                    fn = _steps_encoded if pool is not None and encoded and last else apply_steps
                    stream = map_records(fn, stream, (settings, seg), report, pool, jobs)
                i += 1
            yield from stream
        except BaseException:
            if pool is not None:
                stop_pool(pool, wait=False)
                pool = None
            raise
        finally:
            if pool is not None:
                stop_pool(pool, wait=True)

    return stage


def _collection_worker(
    rec: Record,
    settings: PipelineSettings,
    pre: tuple[str, ...],
    after: Callable[[Record], Any] | None,
) -> Any:
    from arnews_cli.repeats import prestrip

    return prestrip(apply_steps(rec, settings, pre), after)


def _after_strip(
    settings: PipelineSettings, post: tuple[str, ...], encoded: bool, rec: Record
) -> Any:
    """The steps after strip-boilerplate on one record: the record (encoded if asked),
    or the error of it."""
    from arnews_cli.errors import attempt

    return attempt("pipeline", _steps_encoded if encoded else apply_steps, rec, settings, post)


def _steps_encoded(rec: Record, settings: PipelineSettings, steps: tuple[str, ...]) -> Encoded:
    """:func:`apply_steps`, the result as its JSON line (in a worker, for the writer)."""
    return Encoded.of(apply_steps(rec, settings, steps))
