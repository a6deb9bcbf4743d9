"""Articles out: the formats of docs/CONTRACT.md §4, standard output, ``-o`` and ``--out-dir``.

Everything goes through one buffered binary stream; records are serialised with
orjson (UTF-8, no ``\\u`` escapes for Arabic, one line each).
"""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from arnews_cli.errors import ArticleError
from arnews_cli.io import is_terminal
from arnews_cli.record import Encoded, Record

TextView = Callable[[Record], str]


# --- text views: what `-f text` prints for each step -------------------------------


def text_plain(rec: Record) -> str:
    return rec["text"]


def text_sentences(rec: Record) -> str:
    """One sentence per line, a blank line between paragraphs; tokens space-separated."""
    return "\n".join(_sentence_lines(rec))


def _sentence_lines(rec: Record) -> Iterator[str]:
    para = None
    for s in rec.get("sentences", ()):
        if para is not None and s["paragraph"] != para:
            yield ""
        para = s["paragraph"]
        if "tokens" in s:
            yield " ".join(t["text"] for t in s["tokens"])
        else:
            # A sentence of a --wrapped paragraph may span lines: one line per sentence.
            yield " ".join(s["text"].split())


#: Text views that can come as their lines, for a very large article (see encode_parts).
_VIEW_LINES: dict[TextView, Callable[[Record], Iterator[str]]] = {text_sentences: _sentence_lines}


def text_metadata(rec: Record) -> str:
    """``key: value`` lines: title, then each metadata field (lists comma-separated)."""
    lines = [f"title: {_scalar(rec.get('title'))}"]
    for key, value in (rec.get("metadata") or {}).items():
        if isinstance(value, dict):
            lines.extend(f"{key}.{k}: {_scalar(v)}" for k, v in value.items())
        elif key == "dates":  # each as "ISO date (the words it was read from)"
            shown = (f"{_scalar(d.get('date')) or '?'} ({_scalar(d.get('text'))})" for d in value)
            lines.append(f"{key}: {', '.join(shown)}")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines)


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_scalar(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def encode(rec: Record, fmt: str, view: TextView) -> bytes:
    """One article as it is written alone: a JSON line, a pretty JSON object, or its
    text view; each ends with a newline."""
    if fmt in ("jsonl", "json"):
        # Imported here: a text-in, text-out run (a shell loop's `arnews clean`) never
        # loads orjson, which imports json too (1.5 ms of its start).
        import orjson

        if fmt == "jsonl":
            return orjson.dumps(rec, option=orjson.OPT_APPEND_NEWLINE)
        return orjson.dumps(rec, option=orjson.OPT_INDENT_2) + b"\n"
    text = view(rec)
    return text.encode("utf-8", "surrogatepass") + (b"" if text.endswith("\n") else b"\n")


#: Characters of text from which a record is encoded in pieces (see encode_parts).
BIG_TEXT = 1 << 20


def encode_parts(rec: Record, fmt: str, view: TextView) -> Iterator[bytes]:
    """:func:`encode` as pieces whose concatenation is the same bytes, made one at a time
    as they are taken.

    A record of a very large article (50 MB, its text again in its sentences) is encoded
    field by field, list item by list item, and a long string ``BIG_TEXT`` characters at
    a time: written as they come, neither the whole output nor one field's encoding is
    ever one more copy in memory. Smaller records come whole.
    """
    if fmt not in ("jsonl", "json"):
        lines = _VIEW_LINES.get(view)
        big = len(rec.get("text") or "") >= BIG_TEXT
        if lines is not None and big:
            yield from _joined_lines(lines(rec))
            return
        text = view(rec)
        if len(text) < BIG_TEXT:
            yield encode(rec, fmt, view)
            return
        yield from _utf8_slices(text)
        if not text.endswith("\n"):
            yield b"\n"
        return
    text = rec.get("text")
    if not isinstance(text, str) or len(text) < BIG_TEXT or _SURROGATE.search(text):
        # (orjson refuses a lone surrogate: such a record fails before any of it is out.)
        yield encode(rec, fmt, view)
        return
    import orjson

    pretty = fmt == "json"
    option = orjson.OPT_INDENT_2 if pretty else 0
    for i, (key, value) in enumerate(rec.items()):
        if pretty:
            yield (b",\n  " if i else b"{\n  ") + orjson.dumps(key) + b": "
        else:
            yield (b"," if i else b"{") + orjson.dumps(key) + b":"
        if isinstance(value, list) and value:
            for j, item in enumerate(value):
                data = orjson.dumps(item, option=option)
                if pretty:
                    yield (b",\n    " if j else b"[\n    ") + data.replace(b"\n", b"\n    ")
                else:
                    yield (b"," if j else b"[") + data
            yield b"\n  ]" if pretty else b"]"
        elif isinstance(value, str) and len(value) >= BIG_TEXT:
            # A JSON string escapes each character alone: the slices' escapes, between
            # one pair of quotes, are the whole string's. (A JSON string holds no raw
            # newline: nothing to re-indent.)
            yield b'"'
            for start in range(0, len(value), BIG_TEXT):
                yield orjson.dumps(value[start : start + BIG_TEXT])[1:-1]
            yield b'"'
        else:
            data = orjson.dumps(value, option=option)
            # A JSON string holds no raw newline: only nested values are re-indented.
            yield data.replace(b"\n", b"\n  ") if pretty and not isinstance(value, str) else data
    yield b"\n}\n" if pretty else b"}\n"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _joined_lines(lines: Iterator[str]) -> Iterator[bytes]:
    """``"\\n".join(lines)`` encoded as :func:`encode` encodes a text view (a newline
    added unless it ends with one), ``BIG_TEXT`` characters of lines at a time: the
    view of a 50 MB article is never whole in memory, nor its list of lines."""
    end = ""  # the last character out so far
    started = False
    batch: list[str] = []
    size = 0
    for line in lines:
        batch.append(line)
        size += len(line) + 1
        if size >= BIG_TEXT:
            piece = ("\n" if started else "") + "\n".join(batch)
            yield piece.encode("utf-8", "surrogatepass")
            end, started, batch, size = piece[-1:] or end, True, [], 0
    if batch:
        piece = ("\n" if started else "") + "\n".join(batch)
        yield piece.encode("utf-8", "surrogatepass")
        end = piece[-1:] or end
    if end != "\n":
        yield b"\n"


def _utf8_slices(text: str) -> Iterator[bytes]:
    """``text`` encoded as :func:`encode` does, ``BIG_TEXT`` characters at a time (each
    character is encoded alone, so the slices join to the whole encoding)."""
    for start in range(0, len(text), BIG_TEXT):
        yield text[start : start + BIG_TEXT].encode("utf-8", "surrogatepass")


# --- destinations --------------------------------------------------------------------


class OutputError(Exception):
    """Output cannot be written (full disk, permissions, a missing folder...).

    Fatal for the run, and never an input's fault: it names the output path.
    """

    def __init__(self, path: str, message: str, errno: int | None = None) -> None:
        super().__init__(f"{path}: {message}")
        self.errno = errno


def os_message(e: OSError) -> str:
    """``No space left on device`` rather than ``[Errno 28] No space left on device: 'x'``."""
    return (e.strerror or str(e)).lower()


def _umask() -> int:
    # The only way to read the umask is to set it; nothing else runs at this point.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class Sink:
    """Where one output goes: ``file`` to write to, then ``commit`` or ``abort``.

    Every OS error of writing, flushing or closing comes out as :class:`OutputError`.
    """

    name = "standard output"
    file: IO[bytes]

    def write(self, data: bytes) -> None:
        self._guard(lambda: self.file.write(data))

    def commit(self) -> None:
        self._guard(self.file.flush)

    def abort(self) -> None:
        try:
            self.file.flush()
        except (OSError, ValueError):
            pass

    def _guard(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except BrokenPipeError:
            raise
        except OSError as e:
            raise OutputError(self.name, f"write failed: {os_message(e)}") from None


class StdoutSink(Sink):
    def __init__(self, stream: IO[bytes] | None = None) -> None:
        self.file = stream if stream is not None else sys.stdout.buffer


class StraightSink(Sink):
    """A FIFO, a device or anything else that is not a regular file: written in place,
    never replaced (``-o /dev/stdout``, ``-o fifo``)."""

    def __init__(self, path: str) -> None:
        self.name = path
        try:
            self.file = open(path, "wb")  # noqa: SIM115 - closed by commit/abort
        except OSError as e:
            raise OutputError(path, f"cannot open for writing: {os_message(e)}") from None

    def commit(self) -> None:
        self._guard(self.file.close)

    def abort(self) -> None:
        try:
            self.file.close()
        except OSError:
            pass


class AtomicFile(Sink):
    """A regular file written under a temporary name in its folder and renamed into place
    by ``commit``: an interrupted or failed run leaves the old file as it was and no
    temporary file behind.

    An existing file keeps its mode; a new one gets ``0666 & ~umask`` (as ``>`` would).
    """

    def __init__(self, path: Path, name: str | None = None) -> None:
        import tempfile  # only when writing files: keeps start-up cheap

        self.path = path
        self.name = name or str(path)
        try:
            self.mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            self.mode = 0o666 & ~_umask()
        except OSError as e:
            raise OutputError(self.name, os_message(e)) from None
        try:
            fd, self.tmp = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".tmp"
            )
        except OSError as e:
            raise OutputError(self.name, f"cannot write here: {os_message(e)}", e.errno) from None
        self.file = os.fdopen(fd, "wb", buffering=1 << 16)

    def commit(self) -> None:
        try:
            with signals_deferred():  # renamed into place, or not at all
                self.file.close()
                os.chmod(self.tmp, self.mode)
                os.replace(self.tmp, self.path)
        except OSError as e:
            self.abort()
            raise OutputError(self.name, f"write failed: {os_message(e)}", e.errno) from None

    def abort(self) -> None:
        try:
            self.file.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends: a stop handled inside it
    could leave a temporary file no one knows the name of. Their handlers run right
    after it (Unix; elsewhere nothing is held)."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def check_output(output: str) -> str | None:
    """Why ``-o output`` is a usage error (a folder), or ``None``; checked before any
    input is read."""
    if os.path.isdir(output):
        return f"{output}: is a directory (use --out-dir for one file per article)"
    return None


def open_output(output: str | None, stream: IO[bytes] | None = None) -> Sink:
    """The sink for ``-o output`` (``None`` or ``-``: standard output).

    A symlink is written through (the file it points to is replaced, the link stays);
    a FIFO or device is written straight; a regular or new file atomically.
    """
    if not output or output == "-":
        return StdoutSink(stream)
    real = os.path.realpath(output)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return AtomicFile(Path(real), output)
    except OSError as e:
        raise OutputError(output, os_message(e)) from None
    import stat

    if stat.S_ISREG(st.st_mode):
        return AtomicFile(Path(real), output)
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(output, "is a directory")
    return StraightSink(output)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def safe_relpath(id_: str) -> Path:
    """A relative path for an article id that cannot climb out of its folder.

    >>> safe_relpath("../../etc/passwd").as_posix()
    'etc/passwd'
    >>> safe_relpath("/abs/x").as_posix()
    'abs/x'
    """
    parts = []
    for part in re.split(r"[\\/]+", id_):
        part = _UNSAFE.sub("_", part).strip()
        if part in ("", ".", ".."):
            continue
        # Keep within common file-name limits (255 bytes; Arabic takes 2 per letter).
        while len(part.encode()) > 200:
            part = part[:-1]
        parts.append(part)
    return Path(*parts) if parts else Path("article")


class Writer:
    """Writes records in one format to standard output or to ``-o FILE``.

    ``fmt`` is ``text``, ``jsonl`` or ``json``; ``multi`` says whether several
    articles may follow (an array for ``json``, ``\\f`` separators for ``text``).
    An error writing raises :class:`OutputError`; ``close(False)`` leaves an ``-o``
    file as it was.
    """

    #: Records may come as :class:`~arnews_cli.record.Encoded` lines (see write).
    takes_encoded = True

    def __init__(
        self, fmt: str, view: TextView, output: str | None = None, stream: IO[bytes] | None = None
    ) -> None:
        self.fmt = fmt
        self.view = view
        self.count = 0
        self.multi = False
        self.sink = open_output(output, stream)
        self.out: IO[bytes] = self.sink.file
        #: `-f text` at a terminal: several articles each under a `==> id <==` line (as
        #: `head` does) instead of form feeds, which a terminal would act on.
        self.headers = False
        if fmt == "text" and is_terminal(self.out):
            # Article text is untrusted, so its control characters are shown, not executed
            # (JSON escapes them by itself).
            from arnews_cli.io.render import safe

            self.view = lambda rec, view=view: safe(view(rec))
            self.headers = True

    def start(self, multi: bool) -> None:
        self.multi = multi
        if self.fmt == "json" and multi:
            self.sink._guard(lambda: self.out.write(b"["))

    def write(self, rec: Record | Encoded) -> None:
        self.sink._guard(lambda: self._write(rec))
        self.count += 1

    def _write(self, rec: Record | Encoded) -> None:
        if isinstance(rec, Encoded):
            if self.fmt == "jsonl":
                # The line a worker made is the one encode() would make here.
                self.out.write(rec.line)
                return
            rec = rec.record()
        if self.fmt == "json" and self.multi:
            # An element of the array: its separator goes before it, the newline after
            # the last one comes with the closing bracket.
            import orjson

            self.out.write(b"\n" if self.count == 0 else b",\n")
            self.out.write(orjson.dumps(rec, option=orjson.OPT_INDENT_2))
        else:
            if self.fmt == "text" and self.multi and self.headers:
                from arnews_cli.io.render import safe

                head = f"{'' if self.count == 0 else chr(10)}==> {safe(rec.get('id', ''))} <==\n"
                self.out.write(head.encode("utf-8", "surrogatepass"))
            elif self.fmt == "text" and self.count:
                self.out.write(b"\f\n")
            for part in encode_parts(rec, self.fmt, self.view):
                self.out.write(part)

    def flush(self) -> None:
        self.sink._guard(self.out.flush)

    def close(self, ok: bool = True) -> None:
        if not ok:
            self.sink.abort()
            return
        if self.fmt == "json" and self.multi:
            self.sink._guard(lambda: self.out.write(b"\n]\n" if self.count else b"]\n"))
        self.sink.commit()


#: OS errors that concern one article's file name (an id too long or too deep for the
#: file system, a folder needed where an earlier id wrote a file): that article fails,
#: the others are written. Any other error (a full disk, a read-only folder) stops the run.
_NAME_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENAMETOOLONG", "ENOTDIR", "EISDIR", "EEXIST", "EINVAL", "ELOOP", "EILSEQ")
    if hasattr(errno, name)
)


class OutDirWriter:
    """One file per article, ``DIR/<id>.<ext>``, each written whole (temporary file and
    rename); never outside DIR, never over an input; ``skip_existing`` leaves files that
    are already there (to carry on an interrupted run)."""

    def __init__(
        self,
        out_dir: str,
        fmt: str,
        view: TextView,
        is_input: Callable[[Path], bool],
        skip_existing: bool = False,
    ) -> None:
        self.root = Path(out_dir)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.root_resolved = self.root.resolve()
        except OSError as e:
            raise OutputError(out_dir, f"cannot create the folder: {os_message(e)}") from None
        self.fmt = fmt
        self.view = view
        self.is_input = is_input
        self.skip_existing = skip_existing
        self.ext = ".txt" if fmt == "text" else ".json"
        self.written: set[Path] = set()
        self.count = 0
        self.skipped = 0

    def start(self, multi: bool) -> None:
        pass

    def target(self, rec: Record) -> Path:
        rel = safe_relpath(str(rec["id"]))
        path = self.root / rel.parent / (rel.name + self.ext)
        n = 2
        while path in self.written:
            # Two articles with one id: keep both rather than lose the first.
            path = self.root / rel.parent / f"{rel.name}-{n}{self.ext}"
            n += 1
        return path

    def write(self, rec: Record | Encoded) -> ArticleError | None:
        if isinstance(rec, Encoded):
            rec = rec.record()
        where = str(rec.get("source", rec["id"]))
        path = self.target(rec)
        try:
            return self._write(rec, path, where)
        except (OSError, OutputError) as e:
            if e.errno not in _NAME_ERRNOS:
                if isinstance(e, OutputError):
                    raise
                raise OutputError(str(path), f"write failed: {os_message(e)}", e.errno) from None
            reason = os_message(e) if isinstance(e, OSError) else str(e).rpartition(": ")[2]
            return ArticleError(where, f"cannot write {path}: {reason}", id=str(rec["id"]))

    def _write(self, rec: Record, path: Path, where: str) -> ArticleError | None:
        if self.skip_existing and path.exists():
            self.written.add(path)
            self.skipped += 1
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        # Symlinks inside DIR could still lead out of it: check where it really lands.
        if not path.parent.resolve().is_relative_to(self.root_resolved) or path.is_symlink():
            return ArticleError(where, f"refusing to write outside --out-dir: {path}")
        if self.is_input(path):
            return ArticleError(where, f"refusing to overwrite input file {path}")
        f = None
        try:
            # Created and named under held signals, so that a stop right after it still
            # finds `f` to abort.
            with signals_deferred():
                f = AtomicFile(path)
            f.file.write(encode(rec, self.fmt, self.view))
            f.commit()
        except BaseException:
            if f is not None:
                f.abort()  # after a commit: only a close (the temporary name is gone)
            raise
        self.written.add(path)
        self.count += 1
        return None

    def flush(self) -> None:
        pass

    def close(self, ok: bool = True) -> None:
        pass
