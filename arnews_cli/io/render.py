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


class Renderer:
    """Renders records one at a time as they arrive (nothing is held back)."""

    def __init__(self, step: str, file: IO[str] | None = None, show_removed: bool = False) -> None:
        from rich.console import Console

        self.console = Console(file=file, highlight=False, emoji=False, markup=False)
        self.step = step
        self.show_removed = show_removed
        self.count = 0

    def start(self, multi: bool) -> None:
        pass

    def write(self, rec: Record) -> None:
        from rich.panel import Panel
        from rich.text import Text

        c = self.console
        header = Text.assemble(
            (safe(rec.get("id", "")), "bold cyan"),
            ("  " + safe(rec.get("source", "")), "dim"),
            ("  " + safe(rec.get("encoding", "")), "dim"),
        )
        c.rule(header)
        title = rec.get("title")
        if title:
            c.print(Text(safe(title), style="bold yellow"), justify="right")
        if self.show_removed:
            c.print(self._removed_table(rec))
        elif "sentences" in rec and self.step == "segment":
            c.print(self._sentences(rec))
        else:
            c.print(Panel(Text(safe(rec["text"])), border_style="dim"))
        if "metadata" in rec:
            c.print(self._metadata_table(rec["metadata"]))
        self.count += 1

    def _sentences(self, rec: Record):
        from rich.text import Text

        out = Text()
        para = None
        for i, s in enumerate(rec["sentences"], 1):
            if para is not None and s["paragraph"] != para:
                out.append("\n")
            para = s["paragraph"]
            out.append(f"{i:>4} ", style="dim")
            body = (
                " │ ".join(safe(t["text"]) for t in s["tokens"])
                if "tokens" in s
                else safe(" ".join(s["text"].split()))
            )
            out.append(body + "\n")
        return out

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

    def _metadata_table(self, meta: dict[str, Any]):
        from rich.table import Table
        from rich.text import Text

        table = Table(show_header=False, box=None, padding=(0, 1))
        table.add_column(style="bold green", no_wrap=True)
        table.add_column()
        for key, value in meta.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k}={v}" for k, v in value.items())
            elif isinstance(value, list):
                value = ", ".join(str(v) for v in value) or None
            table.add_row(Text(key), Text(safe("—" if value is None else value)))
        return table

    def flush(self) -> None:
        self.console.file.flush()

    def close(self, ok: bool = True) -> None:
        self.flush()
