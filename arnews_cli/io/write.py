"""Articles out: the formats of CONTRACT §4, standard output, ``-o`` and ``--out-dir``.

Everything goes through one buffered binary stream; records are serialised with
orjson (UTF-8, no ``\\u`` escapes for Arabic, one line each).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
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
    out: list[str] = []
    para = None
    for s in rec.get("sentences", ()):
        if para is not None and s["paragraph"] != para:
            out.append("")
        para = s["paragraph"]
        if "tokens" in s:
            out.append(" ".join(t["text"] for t in s["tokens"]))
        else:
            # A sentence of a --wrapped paragraph may span lines: one line per sentence.
            out.append(" ".join(s["text"].split()))
    return "\n".join(out)


def text_metadata(rec: Record) -> str:
    """``key: value`` lines: title, then each metadata field (lists comma-separated)."""
    lines = [f"title: {_scalar(rec.get('title'))}"]
    for key, value in (rec.get("metadata") or {}).items():
        if isinstance(value, dict):
            lines.extend(f"{key}.{k}: {_scalar(v)}" for k, v in value.items())
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


# --- destinations --------------------------------------------------------------------


class AtomicFile:
    """A file written under a temporary name and renamed into place on success.

    An interrupted run leaves no half-written file behind.
    """

    def __init__(self, path: Path) -> None:
        import tempfile  # only when writing files: keeps start-up cheap

        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".tmp"
        )
        self.file: IO[bytes] = os.fdopen(fd, "wb", buffering=1 << 16)

    def commit(self) -> None:
        self.file.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.file.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


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
        self.atomic = AtomicFile(Path(output)) if output and output != "-" else None
        if self.atomic:
            self.out: IO[bytes] = self.atomic.file
        else:
            self.out = stream if stream is not None else sys.stdout.buffer
        if fmt == "text" and is_terminal(self.out):
            # `-f text` asked for on a terminal: article text is untrusted, so its control
            # characters are shown, not executed (JSON escapes them by itself).
            from arnews_cli.io.render import safe

            self.view = lambda rec, view=view: safe(view(rec))

    def start(self, multi: bool) -> None:
        self.multi = multi
        if self.fmt == "json" and multi:
            self.out.write(b"[")

    def write(self, rec: Record | Encoded) -> None:
        if isinstance(rec, Encoded):
            if self.fmt == "jsonl":
                # The line a worker made is the one encode() would make here.
                self.out.write(rec.line)
                self.count += 1
                return
            rec = rec.record()
        if self.fmt == "json" and self.multi:
            # An element of the array: its separator goes before it, the newline after
            # the last one comes with the closing bracket.
            import orjson

            self.out.write(b"\n" if self.count == 0 else b",\n")
            self.out.write(orjson.dumps(rec, option=orjson.OPT_INDENT_2))
        else:
            if self.fmt == "text" and self.count:
                self.out.write(b"\f\n")
            self.out.write(encode(rec, self.fmt, self.view))
        self.count += 1

    def flush(self) -> None:
        self.out.flush()

    def close(self, ok: bool = True) -> None:
        if self.fmt == "json" and self.multi:
            self.out.write(b"\n]\n" if self.count else b"]\n")
        if self.atomic:
            if ok:
                self.atomic.commit()
            else:
                self.atomic.abort()
        else:
            self.out.flush()


class OutDirWriter:
    """One file per article, ``DIR/<id>.<ext>``, never outside DIR, never over an input."""

    def __init__(
        self,
        out_dir: str,
        fmt: str,
        view: TextView,
        is_input: Callable[[Path], bool],
    ) -> None:
        self.root = Path(out_dir)
        self.root.mkdir(parents=True, exist_ok=True)
        self.root_resolved = self.root.resolve()
        self.fmt = fmt
        self.view = view
        self.is_input = is_input
        self.ext = ".txt" if fmt == "text" else ".json"
        self.written: set[Path] = set()
        self.count = 0

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

    def write(self, rec: Record) -> ArticleError | None:
        path = self.target(rec)
        # Symlinks inside DIR could still lead out of it: check where it really lands.
        if not path.parent.resolve().is_relative_to(self.root_resolved) or path.is_symlink():
            return ArticleError(
                str(rec.get("source", rec["id"])), f"refusing to write outside --out-dir: {path}"
            )
        if self.is_input(path):
            return ArticleError(
                str(rec.get("source", rec["id"])), f"refusing to overwrite input file {path}"
            )
        f = AtomicFile(path)
        try:
            f.file.write(encode(rec, self.fmt, self.view))
        except BaseException:
            f.abort()
            raise
        f.commit()
        self.written.add(path)
        self.count += 1
        return None

    def flush(self) -> None:
        pass

    def close(self, ok: bool = True) -> None:
        pass
