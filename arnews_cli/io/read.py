"""Articles in: paths, directories, standard input, gzip, and the two article streams.

:func:`read_articles` turns the PATH arguments of any subcommand into a lazy stream
of records (dicts) and :class:`~arnews_cli.errors.ArticleError` items, one article
at a time, so memory does not grow with the number of articles.

What a file holds is decided by its first bytes (docs/CONTRACT.md §2):

- first non-blank byte ``{``: JSON Lines, one record per line;
- a line holding only a form feed: several raw articles, ``\\f``-separated;
- otherwise: one raw article.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO

from arnews_cli.errors import ArticleError, DecodeError
from arnews_cli.io.decode import decode
from arnews_cli.record import Record, new_record, ordered

CHUNK = 1 << 16
#: An article (or a JSON line) larger than this is refused rather than read into memory.
MAX_ARTICLE_BYTES = 256 << 20

Item = Record | ArticleError


#: How many recent stream records keep their line number for error messages; more than a
#: strip-boilerplate window (2,000) or the records in flight over --jobs.
LINES_KEPT = 1 << 14


UTF8_BOM = b"\xef\xbb\xbf"


class ReadState:
    """What the reader learnt about its input, for the writer's ``auto`` format."""

    def __init__(self) -> None:
        #: A directory, several paths, or a record stream: the output is a collection.
        self.multi = False
        #: The input held records (JSON Lines) rather than raw text.
        self.records = False
        #: Input files, resolved, so that ``--out-dir`` never overwrites one.
        self.input_files: set[Path] = set()
        self.input_dirs: list[Path] = []
        self.glob = "*.txt"
        #: Input bytes consumed so far (compressed bytes for .gz), for progress and MB/s.
        self.bytes_read = 0
        #: Bytes of (decompressed) input data consumed so far, for MB/s.
        self.data_read = 0
        #: (source, id) -> line of the latest records of streams, so that an error found
        #: later (in a step, or writing its file) names the line. Bounded: steps hold back
        #: at most a window of records, never the whole stream.
        self._lines: dict[tuple[str, str], int] = {}
        #: Articles (records or failures) the reader has yielded: none at all is an error.
        self.found = 0
        #: Reader settings: --hidden, --text-field, --id-field, --format-in.
        self.hidden = False
        self.text_field: str | None = None
        self.id_field: str | None = None
        self.format_in = "auto"

    def remember_line(self, source: str, id_: str, line: int) -> None:
        lines = self._lines
        lines[(source, id_)] = line
        if len(lines) > LINES_KEPT:
            del lines[next(iter(lines))]

    def line_of(self, source: str, id_: str) -> int | None:
        return self._lines.get((source, id_))

    def is_input(self, path: Path) -> bool:
        """Whether writing ``path`` could overwrite an input file."""
        try:
            resolved = path.resolve()
        except OSError:
            return False
        if resolved in self.input_files:
            return True
        return any(
            resolved.is_relative_to(d) and fnmatch(resolved.name, self.glob)
            for d in self.input_dirs
        )


def strip_ext(name: str) -> str:
    """``a/b.txt`` → ``a/b``; ``x.jsonl.gz`` → ``x``."""
    if name.endswith(".gz"):
        name = name[:-3]
    stem, dot, ext = name.rpartition(".")
    return stem if dot and stem and "/" not in ext else name


def _walk(root: Path, glob: str, hidden: bool = False) -> Iterator[Path]:
    """Files below ``root`` matching ``glob``, recursively, in sorted path order.

    Walks one directory at a time so that a dump of millions of files is never
    listed in memory at once. Hidden files and folders (``.git``, ``.venv``) are
    skipped unless ``hidden``; symlinked folders are not entered, so no loop.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if not hidden and entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), glob, hidden)
        elif fnmatch(entry.name, glob) and entry.is_file():
            yield Path(entry.path)


def printable(name: str) -> str:
    r"""A file name as text JSON can carry: a name that is not UTF-8 keeps its bytes as
    ``\xNN`` escapes (Python reads such names with surrogate escapes).

    >>> printable("bad\udcffname")
    'bad\\xffname'
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def read_articles(
    paths: Sequence[str],
    glob: str = "*.txt",
    encoding: str | None = None,
    state: ReadState | None = None,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[Item]:
    """Yield records and errors for every article named by ``paths``, in order.

    ``on_wait`` is called before any read that may block (a pipe or terminal), so
    that the writer can flush what it has: with stdin left open, the first record
    goes out as soon as it is read.
    """
    state = state if state is not None else ReadState()
    for item in _read_articles(paths, glob, encoding, state, on_wait):
        state.found += 1
        yield item


def _read_articles(
    paths: Sequence[str],
    glob: str,
    encoding: str | None,
    state: ReadState,
    on_wait: Callable[[], None] | None,
) -> Iterator[Item]:
    state.glob = glob
    paths = list(paths) or ["-"]
    if len(paths) > 1:
        state.multi = True
    stdin_used = False
    for p in paths:
        if p == "-":
            if stdin_used:
                continue
            stdin_used = True
            stdin = sys.stdin.buffer
            if on_wait is not None:
                on_wait()  # what earlier inputs gave goes out before stdin may block
            try:
                stream = _gunzipped(stdin, False)
                yield from _read_stream(stream, "-", "stdin", encoding, state, on_wait, None)
            except (OSError, EOFError) as e:
                yield ArticleError("-", f"read failed: {e}")
            continue
        path = Path(p)
        if path.is_dir():
            state.multi = True
            state.input_dirs.append(path.resolve())
            for f in _walk(path, glob, state.hidden):
                rel = printable(f.relative_to(path).as_posix())
                yield from _read_file(
                    f, printable(str(f)), strip_ext(rel), encoding, state, on_wait
                )
        else:
            name = printable(path.name)
            yield from _read_file(path, printable(p), strip_ext(name), encoding, state, on_wait)


def _read_file(
    path: Path,
    source: str,
    id_: str,
    encoding: str | None,
    state: ReadState,
    on_wait: Callable[[], None] | None,
) -> Iterator[Item]:
    try:
        state.input_files.add(path.resolve())
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the stream is read
    except FileNotFoundError:
        yield ArticleError(source, "no such file or directory")
        return
    except IsADirectoryError:
        yield ArticleError(source, "is a directory")
        return
    except OSError as e:
        yield ArticleError(source, f"cannot open: {e.strerror or e}")
        return
    with raw:
        try:
            stream = _gunzipped(raw, path.name.endswith(".gz"))
            yield from _read_stream(stream, source, id_, encoding, state, on_wait, raw)
        except (OSError, EOFError) as e:  # gzip.BadGzipFile is an OSError
            # A truncated or corrupt gzip file, or an I/O error half-way.
            yield ArticleError(source, f"read failed: {e}")


GZIP_MAGIC = b"\x1f\x8b"


def _gunzipped(raw: BinaryIO, named_gz: bool) -> BinaryIO:
    """``raw``, read through gzip when it is named ``.gz`` or starts like gzip data (a
    pipe has no name: ``<(gzip -c …)``, ``cat dump.jsonl.gz | arnews …``). Looks with
    ``peek``, so a pipe is never seeked."""
    peek = getattr(raw, "peek", None)
    if not named_gz and (peek is None or peek(2)[:2] != GZIP_MAGIC):
        return raw
    import gzip  # only for gzip input: keeps start-up cheap

    return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]


def _chunks(
    stream: BinaryIO, on_wait: Callable[[], None] | None, state: ReadState, raw: BinaryIO | None
) -> Iterator[bytes]:
    read = getattr(stream, "read1", stream.read)
    base = state.bytes_read
    # For a gzip file, count the compressed bytes: they add up to the file sizes. A pipe
    # or FIFO (`<(zcat dump.gz)`) cannot tell its position: it is read, never seeked.
    tell = raw.tell if raw is not None and raw is not stream and raw.seekable() else None
    while True:
        if on_wait is not None:
            on_wait()
        chunk = read(CHUNK)
        if not chunk:
            return
        state.bytes_read = base + tell() if tell is not None else state.bytes_read + len(chunk)
        state.data_read += len(chunk)
        yield chunk


class _TooLong(Exception):
    pass


def _lines(chunks: Iterator[bytes], first: bytes) -> Iterator[bytes | None]:
    """Lines with their ``\\n``, across chunks; ``None`` stands for a line over the limit.

    A long line is gathered in a list of parts, not by repeated concatenation,
    so a 50 MB line costs linear time.
    """
    parts: list[bytes] = []
    size = 0
    skipping = False
    for chunk in _prepend(first, chunks):
        start = 0
        while True:
            nl = chunk.find(b"\n", start)
            if nl < 0:
                if not skipping:
                    parts.append(chunk[start:])
                    size += len(chunk) - start
                    if size > MAX_ARTICLE_BYTES:
                        parts, size, skipping = [], 0, True
                break
            if skipping:
                yield None
                skipping = False
            else:
                piece = chunk[start : nl + 1]
                if parts:
                    parts.append(piece)
                    piece = b"".join(parts)
                    parts, size = [], 0
                yield piece if len(piece) <= MAX_ARTICLE_BYTES else None
            start = nl + 1
    if skipping:
        yield None
    elif parts:
        yield b"".join(parts)


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _read_stream(
    stream: BinaryIO,
    source: str,
    id_: str,
    encoding: str | None,
    state: ReadState,
    on_wait: Callable[[], None] | None,
    raw: BinaryIO | None,
) -> Iterator[Item]:
    chunks = _chunks(stream, on_wait, state, raw)
    # Enough of the start to see the first non-blank byte and whether it is UTF-16/32.
    head = b""
    for chunk in chunks:
        head += chunk
        if head.strip() or len(head) > CHUNK:
            break
    if not head.strip():
        yield ArticleError(source, "empty input" if not head else "no text (only blank space)")
        return
    if head.startswith(UTF8_BOM):
        head = head[len(UTF8_BOM) :]
    first = head.lstrip()[:1]
    form = state.format_in
    if b"\x00" in head[:CHUNK] or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16/32: lines cannot be split on the raw bytes; such files are small.
        data = b"".join(_prepend(head, chunks))
        yield from _read_wide(data, source, id_, encoding, state)
    elif form == "jsonl" or (form == "auto" and first == b"{"):
        state.multi = state.records = True
        yield from _read_jsonl(_lines(chunks, head), source, id_, state)
    elif form != "text" and first == b"[":
        yield from _read_array(b"".join(_prepend(head, chunks)), source, id_, encoding, state)
    else:
        yield from _read_text(_lines(chunks, head), source, id_, encoding, state)


def _read_wide(
    data: bytes, source: str, id_: str, encoding: str | None, state: ReadState
) -> Iterator[Item]:
    """UTF-16/32 input: records if the decoded text is a record stream, else raw text."""
    try:
        text, used = decode(data, encoding)
    except DecodeError as e:
        yield ArticleError(source, str(e))
        return
    first = text.lstrip("\ufeff \t\r\n")[:1]
    if state.format_in == "jsonl" or (state.format_in == "auto" and first == "{"):
        state.multi = state.records = True
        utf8 = text.encode("utf-8", "surrogatepass")
        yield from _read_jsonl(_lines(iter(()), utf8), source, id_, state, used)
    elif state.format_in != "text" and first == "[":
        yield from _read_array(text.encode("utf-8", "surrogatepass"), source, id_, None, state)
    else:
        yield from _split_decoded(text, used, source, id_, state)


def _read_array(
    data: bytes, source: str, id_: str, encoding: str | None, state: ReadState
) -> Iterator[Item]:
    """A file holding one JSON array of records (read whole: a JSON array has no lines).

    Input that starts with ``[`` but is not an array of objects is a raw article.
    """
    import orjson

    try:
        items = orjson.loads(data)
    except orjson.JSONDecodeError:
        items = None
    if not (isinstance(items, list) and items and all(isinstance(o, dict) for o in items)):
        if state.format_in == "jsonl":
            yield ArticleError(source, "not a JSON array of records")
            return
        yield from _read_text(_lines(iter(()), data), source, id_, encoding, state)
        return
    state.multi = state.records = True
    for n, obj in enumerate(items, 1):
        yield _record(obj, source, id_, n, state, "utf-8", where="element")


def _make(id_: str, n: int, source: str, data: bytes | bytearray, encoding: str | None) -> Item:
    try:
        text, used = decode(data, encoding)
    except DecodeError as e:
        return ArticleError(source if n == 1 else f"{source} (article {n})", str(e))
    return new_record(id_ if n == 1 else f"{id_}-{n}", source, used, text)


def _read_text(
    lines: Iterator[bytes | None], source: str, id_: str, encoding: str | None, state: ReadState
) -> Iterator[Item]:
    """Raw text, possibly several articles separated by form-feed lines."""
    # The lines are gathered in one growing buffer, not kept as a list of small bytes
    # objects: those would leave a 50 MB article's worth of freed memory scattered over
    # the heap (34 MB of it still resident while the steps ran).
    buf = bytearray()
    n = 1
    too_big = False
    for line in lines:
        if line is not None and line.strip(b" \t\r\n") == b"\x0c":
            state.multi = True
            if too_big:
                yield _too_big(source, n)
            elif not buf.isspace() and buf:
                yield _joined(id_, n, source, buf, encoding)
            buf, too_big = bytearray(), False
            n += 1
            continue
        if line is None or too_big:
            too_big = True
            continue
        buf += line
        if len(buf) > MAX_ARTICLE_BYTES:
            buf, too_big = bytearray(), True
    if too_big:
        yield _too_big(source, n)
    elif not buf.isspace() and buf:
        yield _joined(id_, n, source, buf, encoding)


def _joined(id_: str, n: int, source: str, buf: bytearray, encoding: str | None) -> Item:
    """The article of the lines in ``buf``, which it empties: the bytes go once the text
    is decoded, and are not held while later steps work on the record."""
    item = _make(id_, n, source, buf, encoding)
    buf.clear()
    return item


def _too_big(source: str, n: int) -> ArticleError:
    where = source if n == 1 else f"{source} (article {n})"
    return ArticleError(where, f"article larger than {MAX_ARTICLE_BYTES >> 20} MiB, skipped")


def _split_decoded(text: str, used: str, source: str, id_: str, state: ReadState) -> Iterator[Item]:
    parts = [text]
    if "\f" in text:
        import re

        parts = re.split(r"(?m)^[ \t]*\f[ \t]*(?:\n|$)", text)
        if len(parts) > 1:
            state.multi = True
    n = 0
    for part in parts:
        n += 1
        if part.strip():
            yield new_record(id_ if n == 1 else f"{id_}-{n}", source, used, part)


#: Types of the record fields a step reads, checked so that a malformed record is
#: reported at its line instead of failing inside a step.
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "source": (str,),
    "encoding": (str,),
    "title": (str, type(None)),
    "metadata": (dict,),
    "sentences": (list,),
    "removed": (list,),
    "steps": (list,),
}


def _bad_field(obj: dict) -> str | None:
    for name, types in _FIELD_TYPES.items():
        if name in obj and not isinstance(obj[name], types):
            return f'record field "{name}" has the wrong type ({type(obj[name]).__name__})'
    for r in obj.get("removed", ()):
        if not (isinstance(r, dict) and isinstance(r.get("text"), str)):
            return 'record field "removed" holds an entry without "text"'
    return None


def _read_jsonl(
    lines: Iterator[bytes | None],
    source: str,
    id_: str,
    state: ReadState,
    encoding: str = "utf-8",
) -> Iterator[Item]:
    """JSON Lines records; a bad line is an error for that line and the rest go on."""
    import orjson  # here, not at the top: raw text input never needs it

    first = True
    for lineno, line in enumerate(lines, 1):
        if line is None:
            yield ArticleError(source, f"line longer than {MAX_ARTICLE_BYTES >> 20} MiB", lineno)
            continue
        if not line.strip():
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            msg = "not valid JSON" if line.endswith(b"\n") else "truncated JSON line"
            msg = f"{msg} ({e.msg})" if hasattr(e, "msg") else msg
            if first and state.format_in == "auto":
                msg += "; a raw article that starts with '{'? read it with --format-in text"
            first = False
            yield ArticleError(source, msg, lineno)
            continue
        first = False
        if not isinstance(obj, dict):
            yield ArticleError(source, "not a record (expected a JSON object)", lineno)
            continue
        yield _record(obj, source, id_, lineno, state, encoding)


def _record(
    obj: dict,
    source: str,
    id_: str,
    n: int,
    state: ReadState,
    encoding: str,
    where: str = "line",
) -> Item:
    """``obj`` as a record (its text and id taken from --text-field and --id-field), or
    the error that makes it none; ``n`` is its line (or element) number."""
    line, prefix = (n, "") if where == "line" else (None, f"element {n}: ")
    if state.text_field is not None and state.text_field in obj:
        obj["text"] = obj.pop(state.text_field)
    if state.id_field is not None and isinstance(obj.get(state.id_field), (str, int)):
        obj["id"] = str(obj[state.id_field])
    rid = obj.get("id") if isinstance(obj.get("id"), str) else None
    if not isinstance(obj.get("text"), str):
        field = state.text_field or "text"
        return ArticleError(source, f'{prefix}record has no "{field}" string', line, rid)
    bad = _bad_field(obj)
    if bad:
        return ArticleError(source, prefix + bad, line, rid)
    if not isinstance(obj.get("id"), str):
        obj["id"] = str(obj["id"]) if isinstance(obj.get("id"), int) else f"{id_}-{n}"
    obj.setdefault("source", source)
    obj.setdefault("encoding", encoding)
    if line is not None:
        state.remember_line(str(obj["source"]), obj["id"], line)
    return ordered(obj)


def total_bytes(paths: Sequence[str], glob: str, hidden: bool = False) -> int | None:
    """Size of all input files, for a progress bar's ETA; ``None`` for standard input."""
    total = 0
    for p in paths or ["-"]:
        if p == "-":
            return None
        path = Path(p)
        try:
            if path.is_dir():
                total += sum(f.stat().st_size for f in _walk(path, glob, hidden))
            else:
                total += path.stat().st_size
        except OSError:
            pass
    return total
