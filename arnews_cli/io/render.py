"""The human view for a terminal (``-f rich``), built with rich.

Article text is untrusted: it reaches rich only as :class:`rich.text.Text` objects
(never parsed as markup), and control characters, which could move the cursor,
retitle the window or worse, are made visible first (``␛`` for ESC, ``\\x07``…).
"""

from __future__ import annotations

import re
from typing import IO, Any

from arnews_cli.record import Record

# C0 (but \n and \t), DEL, C1, and the bidi overrides/isolates that can reorder
# what a terminal shows (Trojan-Source style).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(m: re.Match[str]) -> str:
    ch = m.group()
    if ch == "\x1b":
        return "␛"
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"<U+{ord(ch):04X}>"


def safe(value: Any) -> str:
    """Text with every control character shown, never executed.

    >>> safe("a\\x1b[31mb")
    'a␛[31mb'
    """
    return _CONTROL.sub(_visible, str(value))


#: Record fields the panel shows in their own place; any other goes to its "fields" table.
_SHOWN = frozenset(
    (
        "id",
        "source",
        "encoding",
        "text",
        "title",
        "sentences",
        "removed",
        "metadata",
        "steps",
        "duplicate",
    )
)


def _shown(value: Any) -> str:
    """A field's value as one line of safe text: ``—`` for null."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{safe(k)}={_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value) or "—"
    return safe(value)


class Renderer:
    """Renders records one at a time as they arrive (nothing is held back)."""

    def __init__(
        self,
        step: str,
        file: IO[str] | None = None,
        show_removed: bool = False,
        color: str = "auto",
        width: int | None = None,
        bidi: bool = False,
        pager: Any = None,
    ) -> None:
        import os

        from rich.console import Console

        #: A pager process (--pager) whose input the view is written to.
        self.pager = pager
        if pager is not None:
            import io
            import shutil

            file = io.TextIOWrapper(pager.stdin, encoding="utf-8", errors="surrogateescape")
            width = width or shutil.get_terminal_size().columns
            color = "always" if color == "auto" and not os.environ.get("NO_COLOR") else color

        plain = color == "never" or (color == "auto" and bool(os.environ.get("NO_COLOR")))
        self.console = Console(
            file=file,
            highlight=False,
            emoji=False,
            markup=False,
            width=width,
            # never / NO_COLOR: no escape sequence at all (rich's no_color keeps bold).
            color_system=None if plain else "auto",
            force_terminal=True if color == "always" else None,
        )
        #: Lines drawn in visual order, right-aligned when right-to-left (see io/bidi.py).
        self.bidi = bidi
        self.step = step
        self.show_removed = show_removed
        self.count = 0

    def start(self, multi: bool) -> None:
        pass

    def write(self, rec: Record) -> None:
        """One panel per article, from whatever fields the record has (any ``--fields``)."""
        from rich.console import Group
        from rich.panel import Panel
        from rich.text import Text

        header = Text()
        # The source last: a long path is what a narrow terminal may cut.
        for key, style in (("id", "bold cyan"), ("encoding", "dim"), ("source", "dim")):
            if isinstance(rec.get(key), str):
                header.append(safe(rec[key]) + "  ", style)
            duplicate = rec.get("duplicate")
            if key == "id" and isinstance(duplicate, dict) and isinstance(duplicate.get("of"), str):
                # A repeat says so where the eye lands first (a narrow terminal cuts the
                # end of the title), not only below its text.
                kind = duplicate.get("kind")
                header.append(f"repeats {safe(duplicate['of'])}", "bold yellow")
                header.append(f" ({safe(kind)})  " if isinstance(kind, str) else "  ", "yellow")
        if self.show_removed and isinstance(rec.get("text"), str):
            self.console.rule(header)
            self.console.print(self._removed_table(rec))
            self.count += 1
            return
        parts: list[Any] = []
        title = rec.get("title")
        if isinstance(title, str) and title:
            parts.append(self._para(safe(title), "bold yellow"))
        sentences = rec.get("sentences")
        if isinstance(sentences, list) and sentences:
            parts.append(self._sentences(sentences))
        elif isinstance(rec.get("text"), str):
            parts.append(self._para(safe(rec["text"])))
        removed = rec.get("removed")
        if isinstance(removed, list) and removed:
            parts.append(self._removed_lines(removed))
        if isinstance(rec.get("metadata"), dict):
            parts.append(self._table(rec["metadata"], "metadata"))
        duplicate = rec.get("duplicate")
        if isinstance(duplicate, dict):
            parts.append(self._table(duplicate, "duplicate"))
        # Fields of no step's (a record's own, or metadata lifted by --flatten).
        rest = {k: v for k, v in rec.items() if k not in _SHOWN}
        if rest:
            parts.append(self._table(rest, "fields"))
        if not parts:
            parts.append(Text("(no text)", style="dim"))
        spaced: list[Any] = []
        for part in parts:  # a blank line between the sections
            spaced += [Text(""), part] if spaced else [part]
        self.console.print(
            Panel(Group(*spaced), title=header, title_align="left", border_style="dim")
        )
        self.count += 1

    def _para(self, text: str, style: str = "", prefix: str = "") -> Any:
        """``text`` as shown: as it is, or (bidi) wrapped to the panel, each line in
        visual order and right-aligned when it runs right to left. ``prefix`` (a
        sentence number) stands at the start: the right end of a right-to-left line."""
        from rich.console import Group
        from rich.text import Text

        if not self.bidi:
            out = Text()
            out.append(prefix, style="dim")
            out.append(text, style=style)
            return out
        from arnews_cli.io.bidi import display_lines

        inner = max(self.console.width - 4, 10)  # the panel's border and padding
        pad = len(prefix)
        lines = []
        for n, (line, rtl) in enumerate(display_lines(text, inner - pad)):
            mark = prefix if n == 0 else " " * pad
            row = Text(no_wrap=True, overflow="crop", justify="right" if rtl else "left")
            if rtl:
                row.append(line, style=style)
                row.append(mark[::-1], style="dim")
            else:
                row.append(mark, style="dim")
                row.append(line, style=style)
            lines.append(row)
        return Group(*lines)

    def _sentences(self, sentences: list[Any]):
        """Numbered sentences, a blank line between paragraphs; tokens as ``a │ b``."""
        from rich.console import Group
        from rich.text import Text

        out: list[Any] = []
        para = None
        for i, s in enumerate(sentences, 1):
            if not isinstance(s, dict):
                continue
            if para is not None and s.get("paragraph") != para:
                out.append(Text(""))
            para = s.get("paragraph")
            tokens = s.get("tokens")
            if isinstance(tokens, list):
                body = " │ ".join(safe(t.get("text", "")) for t in tokens if isinstance(t, dict))
            else:
                body = safe(" ".join(str(s.get("text", "")).split()))
            out.append(self._para(body, prefix=f"{i:>4} "))
        return Group(*out)

    def _removed_lines(self, removed: list[Any]):
        """The removed lines, dimmed, with their line numbers, reasons and count."""
        from rich.console import Group
        from rich.text import Text

        n = len(removed)
        out: list[Any] = [Text(f"removed {n} line{'s' * (n != 1)}", style="bold")]
        for r in removed:
            if not isinstance(r, dict):
                continue
            label = Text()
            label.append(f"{r.get('line', ''):>4} ", style="dim")
            label.append(safe(r.get("reason", "")), style="magenta dim")
            out.append(label)
            if r.get("text"):
                out.append(self._para(safe(r.get("text", "")), "dim", prefix="     "))
        return Group(*out)

    def _removed_table(self, rec: Record):
        """Kept and removed lines side by side, in the order of the original text."""
        from rich.table import Table
        from rich.text import Text

        table = Table(show_header=True, header_style="bold", expand=True, show_lines=False)
        table.add_column("#", justify="right", style="dim", no_wrap=True)
        table.add_column("kept", ratio=3)
        table.add_column("removed", ratio=3, style="red")
        table.add_column("reason", style="magenta", no_wrap=True)
        removed = {r["line"]: r for r in rec.get("removed", ())}
        kept_lines = iter(rec["text"].split("\n"))
        total = len(removed) + rec["text"].count("\n") + 1
        for n in range(1, total + 1):
            if n in removed:
                r = removed[n]
                table.add_row(str(n), "", Text(safe(r["text"])), Text(safe(r["reason"])))
            else:
                table.add_row(str(n), Text(safe(next(kept_lines, ""))), "", "")
        return table

    def _table(self, fields: dict[str, Any], name: str):
        """``key value`` rows; lists comma-separated, objects as ``k=v``."""
        from rich.table import Table
        from rich.text import Text

        table = Table(show_header=False, box=None, padding=(0, 1), title=None)
        table.add_column(style="bold green", no_wrap=True)
        table.add_column()
        for key, value in fields.items():
            shown = _shown(value)
            if self.bidi:
                from arnews_cli.io.bidi import visual

                shown = visual(shown)
            table.add_row(Text(safe(key)), Text(shown))
        return table

    def flush(self) -> None:
        self.console.file.flush()

    def close(self, ok: bool = True) -> None:
        try:
            self.flush()
        finally:
            if self.pager is not None:
                try:
                    self.console.file.close()
                except OSError:  # the reader quit early (q in less)
                    pass
                self.pager.wait()


class SummaryWriter:
    """``arnews stats``: takes every record, writes one summary when the input ends:
    rich tables at a terminal, else one JSON object."""

    takes_encoded = False

    def __init__(
        self,
        fmt: str,
        output: str | None,
        failures: Any,
        input_bytes: Any,
        color: str = "auto",
        bidi: bool = False,
    ) -> None:
        from arnews_cli.corpus.stats import Summary

        self.fmt = fmt
        self.output = output
        self.failures = failures
        self.input_bytes = input_bytes
        self.color = color
        self.bidi = bidi
        self.summary = Summary()
        self.count = 0

    def start(self, multi: bool) -> None:
        pass

    def write(self, rec: Record) -> None:
        self.summary.add(rec)
        self.count += 1

    def flush(self) -> None:
        pass

    def close(self, ok: bool = True) -> None:
        if not ok:
            return
        result = self.summary.result(self.failures(), self.input_bytes())
        if self.fmt == "rich":
            self._tables(result)
            return
        import orjson

        from arnews_cli.io.write import open_output

        sink = open_output(self.output)
        sink._guard(lambda: sink.file.write(orjson.dumps(result, option=orjson.OPT_INDENT_2)))
        sink._guard(lambda: sink.file.write(b"\n"))
        sink.commit()

    def _tables(self, r: dict[str, Any]) -> None:
        from rich.table import Table

        console = Renderer("stats", color=self.color, bidi=self.bidi).console
        overview = Table(title="articles", show_header=False, box=None, padding=(0, 1))
        overview.add_column(style="bold green")
        overview.add_column(justify="right")
        for key in (
            "articles",
            "failures",
            "input_bytes",
            "characters",
            "words",
            "mean_words",
            "arabic_share",
            "with_date",
            "repeated_ids",
        ):
            value = r[key]
            overview.add_row(key.replace("_", " "), "—" if value is None else f"{value:,}")
        dups = sum(r["duplicates"].values())
        overview.add_row("duplicates", f"{dups:,} ({r['duplicate_share']:.1%})")
        console.print(overview)
        for key, title in (
            ("encodings", "encodings"),
            ("words_per_article", "words per article"),
            ("dates_by_month", "dates by month"),
            ("removed_by_reason", "removed lines by reason"),
            ("locations", "top locations"),
            ("agencies", "top agencies"),
            ("authors", "top authors"),
            ("categories", "top categories"),
        ):
            if r[key]:
                console.print(self._bars(r[key], title))

    def _bars(self, counts: dict[str, int], title: str):
        """A table of names, counts and a bar in proportion to the largest count."""
        from rich.table import Table
        from rich.text import Text

        table = Table(
            title=title,
            show_header=False,
            box=None,
            padding=(0, 1),
            title_justify="left",
            title_style="bold",
        )
        table.add_column()
        table.add_column(justify="right")
        table.add_column(style="cyan")
        most = max(counts.values())
        for name, n in counts.items():
            shown = safe(name)
            if self.bidi:
                from arnews_cli.io.bidi import visual

                shown = visual(shown)
            table.add_row(Text(shown), f"{n:,}", "█" * max(1, round(30 * n / most)))
        return table
