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
from typing import Any, TypeVar, overload

from arnews_cli.record import Record, apply_step, new_record
from arnews_cli.registry import DEFAULT_STEPS, STEPS, Stage, apply_steps  # noqa: F401 - API
from arnews_cli.registry import Settings as PipelineSettings  # noqa: F401 - API

T = TypeVar("T", str, Record)

STEP_NAMES = tuple(STEPS)


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


def strip_boilerplate(x, *, repeated=frozenset(), others=frozenset()):
    """Text without its boilerplate, or a record with ``text`` and ``removed`` updated.

    ``repeated`` holds :func:`arnews_cli.steps.boilerplate.line_key` forms of lines
    that recur across the collection, ``others`` those of its other articles' titles.
    """
    from arnews_cli.steps.boilerplate import strip

    if isinstance(x, str):
        return strip(x, repeated, others=others)[0]
    text, removed = strip(x["text"], repeated, x.get("title"), others)
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

    strip = (
        strip_boilerplate
        if report is None
        else guarded("strip-boilerplate", strip_boilerplate, report)
    )
    return strip_collection(records, min_repeat, strip=strip)


def pipeline_stage(
    settings: PipelineSettings, report: Callable[[Any], None], jobs: int = 1, encoded: bool = False
) -> Stage:
    """A stage running ``settings.steps`` over a stream (see :mod:`arnews_cli.schedule`)."""
    from arnews_cli.schedule import pipeline_stage as stage

    return stage(settings, report, jobs, encoded)


def guarded(
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
