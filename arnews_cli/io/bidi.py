"""Right-to-left display for terminals that draw every line left to right.

Most terminals (xterm, tmux, Alacritty, kitty, the Linux console, Windows Terminal)
have no bidi of their own: they draw Arabic letters left to right, in reverse, and
unjoined. For them each displayed line is turned into visual order with the Unicode
Bidirectional Algorithm, *after* wrapping to the width, so that a wrapped paragraph
reads top to bottom and each line right to left; the letters are also shaped
(joined, as presentation forms), since a terminal that does not reorder does not
join either. Visual order is a display only: nothing here reaches a pipe, a file or
a machine format.

Terminals known to do bidi themselves (left alone by ``auto``): mlterm, Konsole
(its bi-directional rendering is on by default), mintty, and VTE-based terminals
(GNOME Terminal, Tilix, ...) from VTE 0.58 on. Inside tmux or screen the outer
terminal's bidi does not apply, so arnews reorders.

Uses ``bidi.algorithm`` of python-bidi (the Python implementation, which mirrors
brackets as rule L4 says; the Rust ``bidi.get_display`` of python-bidi 0.6 does not)
and arabic-reshaper for the joining.
"""

from __future__ import annotations

import os
import unicodedata

MODES = ("auto", "on", "off")


def terminal_does_bidi(env: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    """Whether the terminal we run in reorders right-to-left text by itself.

    >>> terminal_does_bidi({"VTE_VERSION": "7600"}), terminal_does_bidi({"TERM": "xterm"})
    (True, False)
    >>> terminal_does_bidi({"VTE_VERSION": "7600", "TMUX": "/tmp/tmux-0/default,1,0"})
    False
    """
    if env.get("TMUX") or env.get("STY"):  # tmux, screen: they draw the cells
        return False
    if env.get("MLTERM") or env.get("KONSOLE_VERSION"):
        return True
    if env.get("TERM_PROGRAM") == "mintty":
        return True
    vte = env.get("VTE_VERSION", "")
    return vte.isdigit() and int(vte) >= 5800


def resolve(mode: str, at_terminal: bool) -> bool:
    """``--bidi`` (or ``ARNEWS_BIDI`` when the option is ``auto``) to on or off."""
    if mode == "auto":
        env = os.environ.get("ARNEWS_BIDI", "auto").lower()
        mode = env if env in MODES else "auto"
    if mode != "auto":
        return mode == "on"
    return at_terminal and not terminal_does_bidi()


def is_rtl(text: str) -> bool:
    """Whether ``text`` is a right-to-left paragraph: its first strong letter is.

    >>> is_rtl("2020: قال"), is_rtl("CNN قالت")
    (True, False)
    """
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def wrap(text: str, width: int) -> list[str]:
    """``text`` (one paragraph) in lines of at most ``width`` terminal cells, broken
    between words (a word longer than a line is cut)."""
    from rich.cells import cell_len

    lines: list[str] = []
    line = ""
    for word in text.split():
        while cell_len(word) > width:
            if line:
                lines.append(line)
                line = ""
            cut = width
            while cut > 1 and cell_len(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        if not line:
            line = word
        elif cell_len(line) + 1 + cell_len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def visual(line: str, shape: bool = True, rtl: bool | None = None) -> str:
    """One display line in visual order (and its Arabic letters joined).

    >>> visual("قال (الوزير) إن 3.5% من GDP", shape=False)
    'GDP نم %3.5 نإ (ريزولا) لاق'
    """
    from bidi.algorithm import get_display

    if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in line):
        return line  # nothing to reorder: the common case for Latin-only lines
    if shape and _shaping():
        import arabic_reshaper

        line = arabic_reshaper.reshape(line)
    rtl = is_rtl(line) if rtl is None else rtl
    return get_display(line, base_dir="R" if rtl else "L")


def _shaping() -> bool:
    """``ARNEWS_SHAPE=0`` keeps letters unjoined (for a terminal that joins them)."""
    return os.environ.get("ARNEWS_SHAPE", "1") != "0"


def display_lines(text: str, width: int, shape: bool = True) -> list[tuple[str, bool]]:
    """Every paragraph of ``text`` wrapped to ``width`` cells, each line in visual
    order, with whether its paragraph runs right to left (to right-align it)."""
    out: list[tuple[str, bool]] = []
    for para in text.split("\n"):
        rtl = is_rtl(para)
        out.extend((visual(line, shape, rtl), rtl) for line in wrap(para, width))
    return out
