"""The driver every subcommand shares: read, apply a stage, write, report, exit status.

Kept apart from the Typer app so that the flow of one run (and its error, pipe
and interrupt handling) reads top to bottom in one place.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from arnews_cli.errors import ArticleError, attempt, reported
from arnews_cli.io import is_terminal
from arnews_cli.record import Encoded, Record

Stage = Callable[[Iterable[Record]], Iterator[Record]]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: A closed pipe downstream (``arnews … | head``): what a shell reports for SIGPIPE.
EXIT_PIPE = 141


class StrictStop(Exception):
    """``--strict`` and an article failed."""


class Reporter:
    """One line on stderr per failed article; counts them for the exit status."""

    def __init__(self, strict: bool = False, stream: Any = None) -> None:
        self.strict = strict
        self.stream = stream
        self.failures = 0

    def __call__(self, err: ArticleError) -> None:
        from arnews_cli.io.render import safe

        self.failures += 1
        out = self.stream or sys.stderr
        print(f"arnews: {safe(err)}", file=out, flush=True)
        if self.strict:
            raise StrictStop


@dataclass
class RunOptions:
    paths: list[str]
    glob: str = "*.txt"
    encoding: str | None = None
    fmt: str = "auto"
    output: str | None = None
    out_dir: str | None = None
    strict: bool = False
    #: `auto` format for one raw article going to a pipe or file.
    single_fmt: str = "text"
    #: format of each file in --out-dir.
    out_dir_fmt: str = "text"
    #: force the json array layout even for one article (to-json --array).
    array: bool = False
    show_removed: bool = False
    #: called once the output is complete (``clean --stats`` prints its counts).
    after: Callable[[], None] | None = None
    #: a progress bar on stderr when it is a terminal and there is more than one article.
    progress: bool = False


def guard(fn: Callable[[Record], Record], report: Reporter, step: str) -> Stage:
    """Apply ``fn`` to each record; one that raises is reported and skipped."""

    def stage(records: Iterable[Record]) -> Iterator[Record]:
        return reported((attempt(step, fn, rec) for rec in records), report)

    return stage


def run(
    opts: RunOptions,
    make_stage: Callable[[Reporter], Stage],
    view: Callable[[Record], str],
    step: str,
) -> int:
    """Run one subcommand over its input; return the exit status."""
    from arnews_cli.io.read import ReadState, read_articles

    report = Reporter(strict=opts.strict)
    state = ReadState()
    fmt = opts.fmt
    if fmt == "auto" and not opts.output and not opts.out_dir and is_terminal(sys.stdout):
        fmt = "rich"
    if opts.show_removed:
        fmt = "rich"
    writer = _make_writer(opts, fmt, view, step, state)
    ok = False
    try:
        items = read_articles(opts.paths, opts.glob, opts.encoding, state, on_wait=writer.flush)
        out = iter(make_stage(report)(reported(items, report)))
        if opts.progress and fmt != "rich":
            out = _maybe_progress(out, opts, state)
        ahead: list[Record] = []
        if fmt in ("auto", "json") and not opts.out_dir and not state.multi:
            # One raw article or several? Look one record ahead to know.
            ahead = [r for r in (next(out, None),) if r is not None]
            if ahead and not state.multi:
                ahead += [r for r in (next(out, None),) if r is not None]
        multi = state.multi or len(ahead) > 1 or opts.array
        if fmt == "auto" and isinstance(writer, _LazyFormat):
            writer.choose("jsonl" if multi else opts.single_fmt)
        writer.start(multi)
        takes_encoded = getattr(writer, "takes_encoded", False)
        for rec in _chain(ahead, out):
            if not takes_encoded and isinstance(rec, Encoded):
                rec = rec.record()
            err = writer.write(rec)
            if err is not None:
                report(err)
        ok = True
    except StrictStop:
        pass
    except KeyboardInterrupt:
        _close(writer, False)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE
    try:
        _close(writer, ok)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE
    if opts.after is not None:
        opts.after()
    return EXIT_FAILED if report.failures else EXIT_OK


def _maybe_progress(out: Iterator[Record], opts: RunOptions, state: Any) -> Iterator[Record]:
    if not is_terminal(sys.stderr):
        return out
    from arnews_cli.io.read import total_bytes

    started = time.perf_counter()
    first = next(out, None)
    if first is None:
        return iter(())
    if not state.multi:
        return _chain([first], out)
    from arnews_cli.io.progress import with_progress

    total = total_bytes(opts.paths, opts.glob)
    return with_progress(
        _chain([first], out),
        lambda: state.bytes_read,
        total,
        lambda: state.data_read,
        started=started,
    )


def _chain(first: list[Record], rest: Iterator[Record]) -> Iterator[Record]:
    yield from first
    yield from rest


def _close(writer: Any, ok: bool) -> None:
    try:
        writer.close(ok)
    except BrokenPipeError:
        raise
    except OSError:
        pass


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that flush
    # cannot raise a second BrokenPipeError and print a traceback.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class _LazyFormat:
    """A Writer whose format (text/json vs jsonl) is chosen after a look ahead."""

    takes_encoded = True  # as Writer

    def __init__(self, view: Callable[[Record], str], output: str | None) -> None:
        self.view = view
        self.output = output
        self.inner: Any = None

    def choose(self, fmt: str) -> None:
        from arnews_cli.io.write import Writer

        self.inner = Writer(fmt, self.view, self.output)

    def start(self, multi: bool) -> None:
        self.inner.start(multi)

    def write(self, rec: Record) -> Any:
        return self.inner.write(rec)

    def flush(self) -> None:
        if self.inner is not None:
            self.inner.flush()

    def close(self, ok: bool = True) -> None:
        if self.inner is not None:
            self.inner.close(ok)


def _make_writer(opts: RunOptions, fmt: str, view: Callable[[Record], str], step: str, state: Any):
    if fmt == "rich":
        from arnews_cli.io.render import Renderer

        return Renderer(step, show_removed=opts.show_removed)
    if opts.out_dir:
        from arnews_cli.io.write import OutDirWriter

        return OutDirWriter(
            opts.out_dir, opts.out_dir_fmt if fmt == "auto" else fmt, view, state.is_input
        )
    if fmt == "auto":
        return _LazyFormat(view, opts.output)
    from arnews_cli.io.write import Writer

    return Writer(fmt, view, opts.output)
