"""Lexicons and character tables, kept as data files beside this module.

Every step reads its files through :func:`read_text`, once, when it first needs them.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def read_text(name: str) -> str:
    """The text of data file ``name`` (UTF-8).

    >>> "واس" in read_text("agencies.json")
    True
    """
    return (_HERE / name).read_text(encoding="utf-8")


def read_sections(name: str) -> dict[str, list[str]]:
    """The word lists of data file ``name``: a ``[section]`` line opens each, one entry a
    line after it; blank lines and ``#`` comments are skipped.

    >>> read_sections("metadata_words.txt")["updated"][:2]
    ['آخر تحديث', 'اخر تحديث']
    """
    lists: dict[str, list[str]] = {}
    section: list[str] = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = lists.setdefault(line[1:-1], [])
        else:
            section.append(line)
    return lists


def bmp_runs(name: str, pattern: str) -> list[tuple[int, int]]:
    """``(first, last)`` code points of the runs of ``pattern`` (a character class with
    ``+``) over the Basic Multilingual Plane, as data file ``name`` lists them.

    A class of explicit ranges scans faster than ``\\d`` or ``\\W``, which ``re`` looks up
    in the Unicode database at every character; the ranges are kept in a file because
    finding them costs several ms of every start. The file names the Unicode version it
    was made under; under another one the BMP is scanned instead (:func:`scan_bmp_runs`),
    and a test checks that the two agree.

    >>> bmp_runs("non_letter_ranges.txt", r"[\\W\\d_]+")[0]
    (0, 64)
    """
    import re
    import unicodedata

    lines = read_text(name).splitlines()
    version = re.search(r"Unicode (\S+)\.$", lines[1])
    if version is not None and version.group(1) == unicodedata.unidata_version:
        return [
            (int(a, 16), int(b, 16))
            for a, b in (ln.split("-") for ln in lines if ln and ln[0] != "#")
        ]
    return scan_bmp_runs(pattern)


def scan_bmp_runs(pattern: str) -> list[tuple[int, int]]:
    """What :func:`bmp_runs` reads, found by one regex pass over the BMP."""
    import re
    from array import array

    # Every BMP code point as one string, built in C (a join of chr() costs 3x more).
    bmp = array("I", range(0x10000)).tobytes().decode("utf-32-le", "surrogatepass")
    return [(m.start(), m.end() - 1) for m in re.finditer(pattern, bmp)]
