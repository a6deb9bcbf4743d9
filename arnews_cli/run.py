"""The driver every subcommand shares: read, apply a stage, write, report, exit status.

Kept apart from the Typer app so that the flow of one run (and its error, pipe
and interrupt handling) reads top to bottom in one place.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from arnews_cli.errors import ArticleError, Fatal, attempt, reported
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

    def __init__(self, strict: bool = False, stream: Any = None, state: Any = None) -> None:
        self.strict = strict
        self.stream = stream
        self.failures = 0
        #: The reader's state: where a record of a stream came from (its line).
        self.state = state

    def __call__(self, err: ArticleError) -> None:
        from arnews_cli.io.render import safe

        if err.line is None and err.id is not None and self.state is not None:
            err = err._replace(line=self.state.line_of(err.source, err.id))
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
    #: --out-dir: leave files that are already there (carry on an interrupted run).
    skip_existing: bool = False
    #: --limit: stop after this many articles (read or failed), reading no further.
    limit: int | None = None
    #: --color auto|always|never and --bidi auto|on|off (the terminal view).
    color: str = "auto"
    bidi: str = "auto"
    #: Reader settings (see arnews_cli.io.read.ReadState).
    hidden: bool = False
    format_in: str = "auto"
    text_field: str | None = None
    id_field: str | None = None
    #: called once the output is complete (``clean --stats`` prints its counts).
    after: Callable[[], None] | None = None
    #: a progress bar on stderr when it is a terminal and there is more than one article.
    progress: bool = True
    #: --pager: the terminal view through $PAGER.
    pager: bool = False
    #: --stats: counts of what the step made, on stderr after the output.
    stats: bool = False
    #: A command's own writer (stats): called with (format, read state, reporter).
    make_writer: Callable[[str, Any, Any], Any] | None = None


def guard(fn: Callable[[Record], Record], report: Reporter, step: str) -> Stage:
    """Apply ``fn`` to each record; one that raises is reported and skipped."""

    def stage(records: Iterable[Record]) -> Iterator[Record]:
        return reported((attempt(step, fn, rec) for rec in records), report)

    return stage


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so that it ends as an interrupt
    does: temporary files removed, worker processes stopped."""

    def __init__(self, signo: int) -> None:
        super().__init__(signo)
        self.signo = signo


def _on_signal(signo: int, frame: Any) -> None:
    import signal

    # One clean-up: a second signal while it runs must not cut it short.
    for sig in _SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise Terminated(signo)


#: Signals that end a run the way Ctrl-C does (looked up by name: Windows has no SIGHUP).
_SIGNALS: tuple[int, ...] = ()


def _catch_signals() -> dict[int, Any]:
    import signal
    import threading

    global _SIGNALS
    if threading.current_thread() is not threading.main_thread():
        return {}  # only the main thread may set handlers (the API in a worker thread)
    _SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))
    return {sig: signal.signal(sig, _on_signal) for sig in _SIGNALS}


def _restore_signals(old: dict[int, Any]) -> None:
    import signal

    for sig, handler in old.items():
        signal.signal(sig, handler)


def run(
    opts: RunOptions,
    make_stage: Callable[[Reporter], Stage],
    view: Callable[[Record], str],
    step: str,
) -> int:
    """Run one subcommand over its input; return the exit status."""
    from arnews_cli.io.read import ReadState, read_articles
    from arnews_cli.io.write import OutputError, check_output

    if opts.output and opts.output != "-":
        why = check_output(opts.output)
        if why:
            print(f"arnews {step}: {_safe(why)}", file=sys.stderr)
            return EXIT_USAGE
    state = ReadState()
    state.hidden, state.format_in = opts.hidden, opts.format_in
    state.text_field, state.id_field = opts.text_field, opts.id_field
    report = Reporter(strict=opts.strict, state=state)
    fmt = opts.fmt
    if fmt == "auto" and not opts.output and not opts.out_dir and is_terminal(sys.stdout):
        fmt = "rich"
    if opts.show_removed:
        fmt = "rich"
    old_handlers = _catch_signals()
    writer: Any = None
    out: Iterator[Record] | None = None
    try:
        writer = (
            opts.make_writer(fmt, state, report)
            if opts.make_writer is not None
            else _make_writer(opts, fmt, view, step, state)
        )
        items: Iterator[Any] = read_articles(
            opts.paths, opts.glob, opts.encoding, state, on_wait=writer.flush
        )
        if opts.limit is not None:
            from itertools import islice

            items = islice(items, opts.limit)
        out = iter(make_stage(report)(reported(items, report)))
        if opts.progress and fmt != "rich":
            out = _maybe_progress(out, opts, state)
        counts: Counter[str] = Counter()
        if opts.stats:
            out = _counted(out, counts, step)
        _write_all(out, writer, opts, fmt, state, report)
        if state.found == 0 and opts.limit != 0:
            _abort(writer, out)
            print(f"arnews {step}: {_safe(_nothing_found(opts))}", file=sys.stderr)
            return EXIT_USAGE
        # An -o file is replaced only by a run that wrote something, or that was meant
        # to write nothing: a mistyped path must not empty yesterday's output.
        _close(writer, getattr(writer, "count", 1) > 0 or report.failures == 0)
    except StrictStop:
        _close(writer, False)
    except OutputError as e:
        _abort(writer, out)
        print(f"arnews: {_safe(e)}", file=sys.stderr)
        return EXIT_FAILED
    except Fatal as e:
        _abort(writer, out)
        print(f"arnews {step}: {_safe(e)}", file=sys.stderr)
        return e.status
    except KeyboardInterrupt as e:
        _abort(writer, out)
        return 128 + e.signo if isinstance(e, Terminated) else EXIT_INTERRUPTED
    except BrokenPipeError:
        _abort(writer, out)
        _silence_stdout()
        return EXIT_PIPE
    finally:
        _restore_signals(old_handlers)
    if opts.after is not None:
        opts.after()
    if opts.stats:
        if "duplicate" in _fields_of(step):
            # Repeats dropped are neither written nor failed (--mark writes them instead).
            counts["repeats dropped"] = state.found - counts["articles"] - report.failures
        _print_counts(step, counts, report.failures)
    return EXIT_FAILED if report.failures else EXIT_OK


def _counted(out: Iterator[Any], counts: Counter[str], step: str) -> Iterator[Any]:
    """``out``, counting what ``step`` wrote into each record (``--stats``)."""
    fields = _fields_of(step)
    for rec in out:
        counts["articles"] += 1
        body = rec.record() if isinstance(rec, Encoded) else rec
        for sentence in body.get("sentences", ()) if "sentences" in fields else ():
            counts["sentences"] += 1
            counts["tokens"] += len(sentence.get("tokens", ()))
        for r in body.get("removed", ()) if "removed" in fields else ():
            counts[f"removed {r.get('reason')}"] += 1
        if "metadata" in fields:
            for key, value in (body.get("metadata") or {}).items():
                if value not in (None, [], {}, False):
                    counts[f"metadata {key}"] += 1
        if "duplicate" in fields and isinstance(body.get("duplicate"), dict):
            counts[f"repeats marked {body['duplicate'].get('kind')}"] += 1
        yield rec


def _fields_of(step: str) -> set[str]:
    """The record fields ``step`` (or every step, for pipeline) writes."""
    from arnews_cli.registry import STEPS

    names = list(STEPS) if step == "pipeline" else [step] if step in STEPS else []
    return {f for name in names for f in STEPS[name].writes}


def _print_counts(step: str, counts: Counter[str], failures: int) -> None:
    counts["failures"] = failures
    order = ("articles", "sentences", "tokens", "removed", "metadata", "repeats", "failures")
    keys = sorted(
        (k for k, n in counts.items() if n or k in ("articles", "failures")),
        key=lambda k: (order.index(k.split()[0]), -counts[k], k),
    )
    width = max(len(k) for k in keys)
    for key in keys:
        print(f"{step}: {key:<{width}} {counts[key]}", file=sys.stderr)


def _write_all(
    out: Iterator[Record], writer: Any, opts: RunOptions, fmt: str, state: Any, report: Reporter
) -> None:
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


def _start_pager() -> Any:
    """``$PAGER`` (``less -R`` when unset; ``LESS=FRX`` unless set, as git does: quit
    if one screen, keep colours, leave the text on the screen), reading our view."""
    import shlex
    import subprocess

    command = os.environ.get("PAGER") or "less -R"
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        return subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError as e:
        print(f"arnews: pager {shlex.quote(command)}: {e.strerror}; printing here", file=sys.stderr)
        return None


def _nothing_found(opts: RunOptions) -> str:
    where = " ".join(opts.paths) or "standard input"
    hint = "" if opts.hidden else "; hidden files are skipped unless --hidden"
    return f"no article found in {where} (--glob {opts.glob!r}{hint})"


def _safe(value: Any) -> str:
    from arnews_cli.io.render import safe

    return safe(value)


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

    total = total_bytes(opts.paths, opts.glob, opts.hidden)
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
    """Commit (``ok``) or abort the output; a write error comes out as OutputError."""
    if writer is not None:
        writer.close(ok)


def _abort(writer: Any, out: Iterator[Record] | None) -> None:
    """After an error or interrupt: stop the stages (their worker pools with them) and
    leave no temporary file; errors of the clean-up itself change nothing."""
    close = getattr(out, "close", None)
    if close is not None:
        try:
            close()
        except Exception:  # noqa: BLE001 - already on the way out with a reported error
            pass
    if writer is not None:
        try:
            writer.close(False)
        except Exception:  # noqa: BLE001
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

    @property
    def count(self) -> int:
        return self.inner.count if self.inner is not None else 0

    def flush(self) -> None:
        if self.inner is not None:
            self.inner.flush()

    def close(self, ok: bool = True) -> None:
        if self.inner is not None:
            self.inner.close(ok)


def _make_writer(opts: RunOptions, fmt: str, view: Callable[[Record], str], step: str, state: Any):
    if fmt == "rich":
        from arnews_cli.io.bidi import resolve
        from arnews_cli.io.render import Renderer

        at_terminal = is_terminal(sys.stdout)
        pager = _start_pager() if opts.pager and at_terminal else None
        return Renderer(
            step,
            show_removed=opts.show_removed,
            color=opts.color,
            bidi=resolve(opts.bidi, at_terminal),
            pager=pager,
        )
    if opts.out_dir:
        from arnews_cli.io.write import OutDirWriter

        return OutDirWriter(
            opts.out_dir,
            opts.out_dir_fmt if fmt == "auto" else fmt,
            view,
            state.is_input,
            skip_existing=opts.skip_existing,
        )
    if fmt == "auto":
        return _LazyFormat(view, opts.output)
    from arnews_cli.io.write import Writer

    return Writer(fmt, view, opts.output)
