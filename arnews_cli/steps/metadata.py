"""extract-metadata: title, date, dateline, author, tags and counts from the text.

Only the places where metadata lives are read: the first lines (title, byline,
dateline, date line), the last lines (tags, comment counter, closing byline) and the
lines strip-boilerplate took out (``removed``), so that a "published" line, a tags row or
a comment counter it removed still counts. The whole body is scanned once, by one
combined regex, for agency mentions, and counted for ``stats``.

The date is the article's own date, chosen by this rule (first that applies):

1. a line with a publishing keyword (``نشر``, ``تاريخ النشر``, ``published``…), among
   the removed lines first, then the first and last lines of the text; a "last updated"
   line only when no publishing line has a date;
2. a short removed line that is a date (strip-boilerplate removes bare date lines);
3. a date in dateline position in the first lines after the title: a short line that
   that is little more than a date (at most five other words), or a date opening a
   paragraph (at most three words — a place, ``في`` — before it, no dateline dash or
   colon before it) that ends its dateline (a dash, colon or bracket, or the agency's
   name, after it) — ``المنامة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م``,
   ``الرياض في 12 مارس 2020 - قال…``. A paragraph running on from its date
   (``في 5 أكتوبر 1918 لقي الطيار…``) reports an event.

A date deeper in the body is an event the article reports, not its date: when that is
all there is, ``date`` is ``null``. Of a ``الموافق`` pair the Gregorian date is given.

>>> title, meta = extract("عنوان الخبر\\n\\nدمشق - سانا\\nالأربعاء 16 كانون الأول 2020\\nنص الخبر.")
>>> title, meta["date"], meta["weekday"], meta["location"], meta["agency"]
('عنوان الخبر', '2020-12-16', 'الأربعاء', 'دمشق', 'SANA')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any, NamedTuple

from arnews_cli.arabic import DIGIT, TO_ASCII_DIGITS
from arnews_cli.data import read_sections, read_text
from arnews_cli.steps.alternation import trie_regex
from arnews_cli.steps.dateline import (
    GATE_MAX,
    RE2_SPACE,
    agency_mentions,
    fold,
    keyword_author,
    lexicon,
    parse_head,
    re2_gate,
)
from arnews_cli.steps.dates import (
    FoundDate,
    best_in_line,
    find_dates,
    find_weekdays,
    mentions,
    re2_gates,
    scan,
)
from arnews_cli.steps.dates import (
    lexicon as date_lexicon,
)
from arnews_cli.steps.lazy import lazy

_ARABIC_RUN = lazy(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]+")
_LETTER_RUN = lazy(r"[^\W\d_]+")
_URL = lazy(r"(?:https?://|www\.)[^\s<>\"'«»()\[\]{}]+", re.IGNORECASE)
_URL_TRAIL = ".,،؛;:!?…'\"”’"

FIELDS = (
    "date",
    "date_source",
    "date_text",
    "weekday",
    "location",
    "agency",
    "agencies",
    "author",
    "tags",
    "comments",
    "urls",
    "dates",
    "stats",
)
# Added after FIELDS only when found (or true), so records stay small and the key order fixed.
EXTRA_FIELDS = ("category", "weekday_mismatch")

HEAD_LINES = 6  # non-blank lines after the title where datelines and bylines live
TAIL_LINES = 40  # last non-blank lines where tags rows and counters live
_EARLY_REMOVED = 8  # removed lines at or above this line number count as head lines

_WORDS = read_sections("metadata_words.txt")


def _words(*sections: str) -> str:
    """The alternation of the words of sections of ``data/metadata_words.txt``."""
    return trie_regex([w for section in sections for w in _WORDS[section]], {" ": r"\s+"})


_PUBLISHED = lazy(
    r"(?:^|[\s|•\-])(?:نُ?شِ?رَ?|تم النشر|تاريخ النشر)(?:\s+(?:في|بتاريخ|يوم))?\s*[:：]?\s*(?=[\d٠-٩]|[^\W\d_])"
    # "بتاريخ" opens a date line ("بتاريخ: 12 مارس 2020"); inside a sentence it dates a
    # decree or a letter ("الصادر بالأمر الملكي رقم (أ / 90) بتاريخ 27 / 8 /1412 هـ").
    r"|^\W*بتاريخ|published|posted|تاريخ الخبر",
    re.IGNORECASE,
)
_UPDATED = lazy(_words("updated"), re.IGNORECASE)
_DATELINE_STOP = lazy(r"[:)]|--|—|–|\s-\s|\.\s")
_TAGS = lazy(
    # Spaces, bullets, "#" and "🏷️" before the label are all \W: one run, so that a long
    # run of them is not split between several quantifiers (no quadratic backtracking).
    rf"^\W*(?:{_words('tags-labels')})\s*(?:[:：]\s*)?(?P<rest>.*)$",
    re.IGNORECASE,
)
_TAG_SPLIT = lazy(r"\s*(?:[،,|؛;#•]|\s{2,}|\s-\s)\s*")
_COMMENTS = lazy(
    # Each optional colon or bracket takes the spaces after it, so that no two \s* meet.
    rf"^\s*(?:عدد\s+)?(?:{_words('comments-labels')})\s*(?:[:：]\s*)?(?:[(\[]\s*)?(?P<n>[{DIGIT}]+)\s*(?:[)\]]\s*)?$"
    rf"|^\s*[(\[]?(?P<m>[{DIGIT}]+)[)\]]?\s+(?:{_words('comments-after-number')})\s*$",
    re.IGNORECASE,
)
# Persian digits too (issue 14.2: this fold once took only ٠-٩).
_DIGITS = TO_ASCII_DIGITS


_LETTER = lazy(r"[^\W\d_]")
_SURROGATE_HI = frozenset(range(0xD8, 0xE0))


@cache
def _block_tables(block: int) -> tuple[bytes, bytes, bytes]:
    """For the 256 code points ``block``00–``block``FF: 1 where Arabic (``_ARABIC_RUN``),
    1 where a letter (``[^\\W\\d_]``) that is not Arabic, and 1 where whitespace
    (``str.isspace``, what ``str.split`` cuts at); as ``bytes.translate`` tables."""
    chars = [chr(block << 8 | lo) for lo in range(256)]
    arabic = bytes(int(_ARABIC_RUN.match(c) is not None) for c in chars)
    other = bytes(int(_LETTER.match(c) is not None and _ARABIC_RUN.match(c) is None) for c in chars)
    space = bytes(int(c.isspace()) for c in chars)
    return arabic, other, space


_REPEAT_LEN = 0
_REPEATS: dict[int, int] = {}


def _repeat(byte: int, n: int) -> int:
    """The integer whose ``n`` (or more) low bytes are all ``byte``: ``x & _repeat(b, len)``
    keeps the bits ``b`` of every byte of ``x``. Kept at the longest length seen so far, as
    ``&`` with a longer integer costs only the shorter one's length."""
    global _REPEAT_LEN
    if n > _REPEAT_LEN:
        _REPEAT_LEN = max(n, 2 * _REPEAT_LEN, 4096)
        _REPEATS.clear()
    r = _REPEATS.get(byte)
    if r is None:
        r = _REPEATS[byte] = int.from_bytes(bytes([byte]) * _REPEAT_LEN, "little")
    return r


class _Layout(NamedTuple):
    """Bit flags of one pass of :func:`_text_counts` over some 256-code-point blocks."""

    hi: bytes  # high byte -> the flags of that block
    lo: bytes  # low byte -> the flags it sets in any of the blocks
    other: int  # the "letter, not Arabic" flags
    arabic: int  # the "Arabic letter" flag (block 06), or 0
    spaces: tuple[int, ...]  # the bit number of each block's "whitespace" flag


@lru_cache(maxsize=256)
def _layouts(blocks: tuple[int, ...]) -> tuple[_Layout, ...]:
    """Flags for ``blocks`` packed into as few bytes (passes) as fit: per block one bit for
    "letter, not Arabic", one for "Arabic letter" (block 06) or "whitespace" (blocks with a
    space). A flag is true of a character when its bit is set both in ``hi`` of its high
    byte and in ``lo`` of its low byte: the block's bits select its own flags."""
    groups: list[list[tuple[int, int, int]]] = [[]]  # (block, other bit, second bit or -1)
    used = 0
    for block in blocks:
        need = 1 + (block == 6 or block in _SPACE_BLOCKS)
        if used + need > 8:
            groups.append([])
            used = 0
        second = used + 1 if need == 2 else -1
        groups[-1].append((block, used, second))
        used += need
    out = []
    for group in groups:
        hi = bytearray(256)
        lo = bytearray(256)
        other = arabic = 0
        spaces = []
        for block, o_bit, s_bit in group:
            is_arabic, is_other, is_space = _block_tables(block)
            hi[block] = 1 << o_bit | (1 << s_bit if s_bit >= 0 else 0)
            other |= 1 << o_bit
            second = is_arabic if block == 6 else is_space
            for low in range(256):
                lo[low] |= is_other[low] << o_bit
                if s_bit >= 0:
                    lo[low] |= second[low] << s_bit
            if block == 6:
                arabic = 1 << s_bit
            elif s_bit >= 0:
                spaces.append(s_bit)
        out.append(_Layout(bytes(hi), bytes(lo), other, arabic, tuple(spaces)))
    return tuple(out)


# Long texts are counted a slice at a time: the counts below make several copies of what
# they count (a 50 MB article peaked at 9x its size), a slice's copies are small.
_CHUNK = 1 << 16


def _slices(text: str) -> Iterator[tuple[str, bool]]:
    """``text`` in slices of at most ``_CHUNK`` characters, each with whether a space (or
    the start of the text) comes before it."""
    for start in range(0, len(text), _CHUNK):
        yield text[start : start + _CHUNK], start == 0 or text[start - 1].isspace()


def _text_counts(text: str) -> tuple[int, int, int]:
    """``(Arabic letters, all letters, words)`` of ``text``: as ``_ARABIC_RUN``/``_LETTER``
    count them, and ``len(text.split())``."""
    arabic = letters = words = 0
    for piece, after_space in _slices(text):
        a, n, w = _slice_counts(piece, after_space)
        arabic, letters, words = arabic + a, letters + n, words + w
    return arabic, letters, words


def _slice_counts(text: str, after_space: bool) -> tuple[int, int, int]:
    """:func:`_text_counts` of a slice; a word it opens with counts only ``after_space``.

    Regexes over every letter run at ~70 MB/s, and ``split`` builds a string per word; here
    the text is cut into the high and low bytes of its UTF-16 code units, each looked up in
    a table by ``bytes.translate``, and the per-character flags combined as big integers
    (one byte per character), all in C. The flags of all the blocks a text uses share one
    byte (see :func:`_layouts`), so an Arabic text takes two look-ups and two integers, not
    one of each per block and flag. A word starts at a non-space whose previous character
    is a space (or that opens the text).
    """
    raw = text.encode("utf-16-le", "surrogatepass")
    hi, lo = raw[1::2], raw[0::2]
    blocks = {0, 6}
    others = hi.translate(None, b"\x00\x06")
    if others:
        blocks.update(others)
        if not _SURROGATE_HI.isdisjoint(blocks):  # astral or lone surrogates: the slow way
            rest = _ARABIC_RUN.sub("", text)
            arabic = len(text) - len(rest)
            words = len(text.split())
            if words and not after_space and not text[0].isspace():
                words -= 1  # the end of the previous slice's last word
            return arabic, arabic + sum(map(len, _LETTER_RUN.findall(rest))), words
    n = len(text)
    arabic = other = space = 0
    for layout in _layouts(tuple(sorted(blocks))):
        flags = int.from_bytes(hi.translate(layout.hi), "little") & int.from_bytes(
            lo.translate(layout.lo), "little"
        )
        other += (flags & _repeat(layout.other, n)).bit_count()
        if layout.arabic:
            arabic = (flags & _repeat(layout.arabic, n)).bit_count()
        for bit in layout.spaces:
            space |= (flags >> bit) & _repeat(1, n)
    # One byte per character: bit 8i is character i, so the previous character is 8 bits
    # down. Word starts are the set bits of ``after`` (after a space, or first) that are
    # not spaces; counted without building a mask of the whole text.
    after = (space << 8) | after_space
    words = after.bit_count() - (after & space).bit_count() if text else 0
    if text and text[-1].isspace():
        words -= 1  # the bit after a closing space lies past the text
    return arabic, arabic + other, words


def _paragraphs(text: str) -> int:
    """The lines of ``text`` that hold more than spaces, a slice at a time."""
    count = 0
    open_line = False  # the line the previous slice ended in holds more than spaces
    for piece, _ in _slices(text):
        lines = piece.split("\n")
        count += sum(1 for line in lines if line.strip())
        if open_line and lines[0].strip():
            count -= 1  # that line again: counted in the previous slice
        open_line = bool(lines[-1].strip()) or (open_line and len(lines) == 1)
    return count


# The 256-code-point blocks holding a character ``str.isspace`` is true of (U+0000 Latin,
# U+1680 Ogham space, U+2000 general punctuation, U+3000 CJK): written out because
# scanning the BMP for them at import costs ~8 ms of every start; a test checks them.
_SPACE_BLOCKS = frozenset({0x00, 0x16, 0x20, 0x30})


def _letter_counts(text: str) -> tuple[int, int]:
    """``(Arabic letters, all letters)`` of ``text``, as ``_ARABIC_RUN``/``_LETTER`` count them."""
    arabic, letters, _ = _text_counts(text)
    return arabic, letters


def stats(text: str, sentences: int | None = None) -> dict[str, Any]:
    """Counts of ``text``: characters, words, sentences (if known), paragraphs, Arabic share.

    ``arabic_share`` is the share of letters that are Arabic letters (0.0 without letters).

    >>> stats("مرحبا hello")["arabic_share"]
    0.5
    """
    arabic, letters, words = _text_counts(text)
    return {
        "characters": len(text),
        "words": words,
        "sentences": sentences,
        "paragraphs": _paragraphs(text),
        "arabic_share": round(min(arabic, letters) / letters, 3) if letters else 0.0,
    }


def _first_lines(text: str, n: int) -> Iterator[str]:
    """``text.split("\\n", n)[:n]`` without a copy of the rest of the text."""
    start = 0
    for _ in range(n):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _nonblank(text: str, first: int, last: int) -> tuple[list[str], list[str]]:
    """The first ``first`` and last ``last`` non-blank lines (stripped) of ``text``."""
    head: list[str] = []
    for line in _first_lines(text, first * 4 + 8):
        s = line.strip()
        if s:
            head.append(s)
            if len(head) >= first:
                break
    tail: list[str] = []
    for line in reversed(text[-20000:].split("\n")):
        s = line.strip()
        if s:
            tail.append(s)
            if len(tail) >= last:
                break
    tail.reverse()
    return head, tail


def _line_date(line: str) -> FoundDate | None:
    return best_in_line(find_dates(line))


# A date line is its date and at most this many other words.
_DATELINE_LEAD = 5


def _dateline_date(line: str) -> FoundDate | None:
    dates = find_dates(line[:300])
    return _in_dateline_position(line, dates) if dates else None


def _in_dateline_position(line: str, dates: list[FoundDate]) -> FoundDate | None:
    """The date of ``line`` when its ``dates`` (found in its first 300 characters) stand
    where a dateline's would: nearly the whole line, or opening it and ending its
    dateline."""
    rest = line
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    if len(rest.split()) <= _DATELINE_LEAD:
        # A date line ("الأربعاء 16 كانون الأول 2020", "الباحة … الموافق … م واس"): the
        # date is nearly all of it, so it is the article's, not an event in a sentence.
        return best_in_line(dates)
    first = dates[0]
    prefix = line[: first.start]
    if (
        len(prefix.split()) <= 3
        and not _DATELINE_STOP.search(prefix)
        and _ends_dateline(line, dates)
    ):
        # A Hijri date opening a dateline is often paired with the Gregorian one after it.
        return best_in_line(dates)
    return None


# Between the dates of one dateline: "25 شوال 1436 هـ الموافق 10 اغسطس 2015 م".
_DATE_GLUE = lazy(r"[\s(/،,]*(?:(?:الموافق|م|هـ|ه)(?![^\W\d_])[\s(/،,]*)*")
# After them, the dateline ends: the line does, or a dash, colon or bracket comes.
_DATELINE_END = lazy(r"[\s)]*(?:(?:م|هـ|ه)(?![^\W\d_])[\s)]*)?(?:$|[-–—:(|])")


def _ends_dateline(line: str, dates: list[FoundDate]) -> bool:
    """Whether the dates opening ``line`` end its dateline, as in ``الرياض 12 مارس 2020 -
    قال…`` or ``… 2020م واس أعلنت``, not run on into a sentence: ``في 5 أكتوبر 1918 لقي
    الطيار…``, ``في 28 شباط 2022، عزّز…`` report an event (on the bulk corpus every paragraph
    the rule took without this test was such a sentence)."""
    end = dates[0].end
    for d in dates[1:]:
        if not _DATE_GLUE.fullmatch(line, end, d.start):
            break
        end = d.end
    if _DATELINE_END.match(line, end):
        return True
    # The agency's name after the date ("… 2020م واس أعلنت"), as SPA writes its datelines.
    words = line[end : end + 200].split(None, 3)
    if words and words[0] in ("م", "هـ", "ه"):
        words = words[1:]
    agencies = lexicon().agencies
    return any(
        fold(" ".join(words[:n]).strip("()[]«»\"'،,")) in agencies
        for n in (1, 2)
        if len(words) >= n
    )


def choose_date(
    head: list[str], tail: list[str], removed: list[str], early_removed: list[str]
) -> tuple[FoundDate, str] | None:
    """The article's date and its source by the rule in the module docstring (rules 1-3:
    ``published`` or ``dateline``; the lede, rule 4, is :func:`lede_date`'s)."""
    candidates = removed + head + tail
    updated: FoundDate | None = None
    for line in candidates:
        if len(line) > 120:
            continue
        if _PUBLISHED.search(line):
            d = _line_date(line)
            if d:
                return d, "published"
        elif updated is None and _UPDATED.search(line):
            updated = _line_date(line)
    if updated:
        return updated, "published"
    for line in removed:
        if len(line.split()) <= 10:
            d = _line_date(line)
            if d:
                return d, "published"
    for line in early_removed + head:
        d = _dateline_date(line)
        if d:
            return d, "published" if _only_date(line) else "dateline"
    return None


# What a date line holds besides its dates: the glue of a pair, era marks, punctuation.
_NOT_WORDS = lazy(r"(?:الموافق|م|هـ|ه|[^\w])+|\d+")


def _only_date(line: str) -> bool:
    """Whether ``line`` is nothing but its dates (a date line under the title), not a
    dateline naming a place or agency."""
    rest = line
    for d in reversed(find_dates(line)):
        rest = rest[: d.start] + " " + rest[d.end :]
    return all(_NOT_WORDS.fullmatch(w) for w in rest.split())


# --- The lede: the first sentence of the body ---------------------------------------------

_SENTENCE_END = lazy(r"[.!؟?](?=\s|$)")
# The words before a date or weekday that mark it as the day of the news ("اليوم
# الثلاثاء", "يوم 12 غشت 2020", "أمس الأحد"), each with its offset in days from the
# publication day; and those that name another day (data/metadata_words.txt).
_DAY_SECTIONS = {"news-day": 0, "yesterday": -1, "day-before-yesterday": -2}
_DAY_OFFSETS = {
    " ".join(word.split()): offset
    for section, offset in _DAY_SECTIONS.items()
    for word in _WORDS[section]
}
_TODAY_MARK = lazy(rf"(?<![^\W\d_])(?:{_words('today')})\s*[(]?\s*$")
_DAY_MARK = lazy(
    rf"(?<![^\W\d_])(?P<mark>{_words(*_DAY_SECTIONS)})"
    rf"(?:\s+(?P<then>يوم|{_words('yesterday')}))?\s*[(]?\s*$"
)
_NOT_DAY = lazy(rf"(?<![^\W\d_])(?:{_words('not-news-day')})\s+(?:يوم\s+)?[(]?\s*$")


def lede(head: list[str]) -> str:
    """The first sentence of the body: of the first long line of ``head``, where
    :func:`parse_head` too sees the body begin (short lines before it are the dateline,
    byline or date lines)."""
    for line in head[:5]:
        if len(line) > 90 or len(line.split(None, 10)) > 10:
            m = _SENTENCE_END.search(line, 0, 400)
            return line[: m.end() if m else 400]
    return ""


def lede_date(sentence: str, dateline: bool) -> FoundDate | None:
    """A date of the lede marked as the day of the news: after a dateline by ``يوم``,
    ``اليوم``, ``أمس`` or a weekday; without one by ``اليوم`` and a weekday (``يوم
    الأربعاء`` alone is as often a deadline or an earlier event: ``حتى نهاية دوام يوم
    الأربعاء``, ``تلقت يوم الثلاثاء 20 رمضان``).
    An unmarked date in a lede (``في 5 أكتوبر 1918 لقي…``) is an event it reports."""
    for d in find_dates(sentence):
        before = sentence[max(0, d.start - 30) : d.start]
        if _NOT_DAY.search(before):
            continue  # a deadline or a start: "حتى نهاية دوام يوم الأربعاء الموافق …"
        today = bool(_TODAY_MARK.search(before))
        if d.weekday and (today or dateline):
            return d
        if dateline and _DAY_MARK.search(before):
            return d
    return None


def lede_weekday(sentence: str) -> tuple[str, int] | None:
    """The weekday of the news a lede names, and its offset in days from the
    publication day (``أمس الأحد``: -1): marked (``اليوم``, ``أمس``, ``مساء``, ``يوم``…) or
    bare (``باريس (أ ف ب) - أعلنت الحكومة الخميس``, ``هبطت أسعار النفط، الأربعاء``), but
    not another week's day (``الماضي``, ``المقبل``), a deadline or a start (``حتى نهاية
    دوام يوم الأربعاء``, ``ابتداء من الأحد``, ``غدا الاثنين``) nor a name (``سوق الثلاثاء``,
    ``صلاة الجمعة``)."""
    for m in find_weekdays(sentence):
        if _OTHER_WEEK.match(sentence, m.end()):
            continue
        before = sentence[max(0, m.start() - 30) : m.start()]
        if _NOT_DAY.search(before):
            continue
        mark = _DAY_MARK.search(before)
        if mark:
            # "مساء أمس الأحد", "يوم أمس": the second word may move the day back too
            words = [w for w in mark.group("mark", "then") if w]
            return m.group(), min(_DAY_OFFSETS[" ".join(w.split())] for w in words)
        if m.group() in _BARE_WEEKDAYS:
            return m.group(), 0
    return None


_OTHER_WEEK = lazy(rf"[\s)]*(?:{_words('other-week')})(?![^\W\d_])")
_BARE_WEEKDAYS = frozenset(_WORDS["bare-weekdays"])


def _weekday_mismatch(weekday: str, offset: int, iso: str) -> bool:
    import datetime as dt

    num = date_lexicon()["weekdays"].get(" ".join(weekday.split()))
    day = dt.date.fromisoformat(iso[:10]) + dt.timedelta(days=offset)
    return num is not None and num != day.weekday()


def _tags(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        m = _TAGS.match(line)
        if not m:
            continue
        rest = m.group("rest").strip()
        parts: list[str] = []
        if rest:
            parts = _TAG_SPLIT.split(rest)
        else:
            for nxt in lines[i + 1 : i + 41]:
                if len(nxt.split()) > 6 or _TAGS.match(nxt) or _COMMENTS.match(nxt):
                    break
                parts.extend(_TAG_SPLIT.split(nxt))
        seen: dict[str, None] = {}
        for p in parts:
            p = p.strip(" .:-_#")
            if p and len(p) <= 60:
                seen.setdefault(p, None)
        if seen:
            return list(seen)
    return []


def _comments(lines: list[str]) -> int | None:
    for line in lines:
        if len(line) <= 40:
            m = _COMMENTS.match(line)
            if m:
                return int((m.group("n") or m.group("m")).translate(_DIGITS))
    return None


def _urls(text: str, extra: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for chunk in (text, *extra):
        if "http" not in chunk and "www." not in chunk and "WWW." not in chunk:
            continue
        for u in _URL.findall(chunk):
            u = u.rstrip(_URL_TRAIL)
            if len(u) > 8:
                seen.setdefault(u, None)
    return list(seen)


@cache
def _networks() -> frozenset[str]:
    return frozenset(a.name for a in lexicon().agencies.values() if a.network)


# A closing credit "<site>/ <agency>" (France24's "فرانس24/ أ ف ب"): short, one slash.
# The agency opens with a non-space, so that the spaces before it have one reading (a long
# run of them was split between ``\s*`` and the name every way: quadratic).
_CREDIT = lazy(r"^[^/\n]{1,30}/\s*(?=\S)[^/\n]{1,30}?/?\s*$")


def _credit_agency(lines: list[str]) -> str | None:
    """The agency a closing credit line names, when exactly one is named."""
    for line in reversed(lines):
        # ``"/" in`` first: every credit holds one, and a closing paragraph costs a split.
        if "/" in line and len(line.split()) <= 6 and _CREDIT.match(line):
            names = agency_mentions(line)
            if len(names) == 1:
                return names[0]
    return None


class _MayHold(NamedTuple):
    """Which rules over the whole text may find something in it (False: none can)."""

    mention: bool  # an agency mention (dateline's two rules)
    date: bool  # a digit-led date (dates' ``hint``: ``scan`` has places)
    ordinal: bool  # an ordinal day ("الخامس من مارس")


@cache
def _gates() -> Any:
    """The RE2 forms of the three (``dateline.re2_gate``, ``dates.re2_gates``) as one
    ``re2.Set``: one pass in C over one UTF-8 copy of the text answers all three."""
    import re2

    options = re2.Options()
    options.never_capture = True
    gates = re2.Set.SearchSet(options)
    for pattern in (re2_gate(), *re2_gates(RE2_SPACE)):  # in _MayHold's order
        gates.Add(pattern)
    gates.Compile()
    return gates


def _may_hold(text: str) -> _MayHold:
    """What :func:`_gates` lets through of ``text``.

    Over 8,000 bulk articles the three in Python's ``re`` (and the digit fold the date
    rules need first) take 0.5 s, mostly to find nothing: the set takes 0.1 s and lets
    through 631 texts for mentions, 1,118 for dates and 346 for ordinal days. A set search
    does not give up on a long text (RE2 has no slower engine to fall back to for a set,
    so once compiled it never fails).
    """
    if len(text) > GATE_MAX:
        return _MayHold(True, True, True)
    try:
        found = _gates().Match(text) or ()
    except UnicodeEncodeError:  # a lone surrogate: RE2 reads UTF-8 only
        return _MayHold(True, True, True)
    return _MayHold(*(i in found for i in range(len(_MayHold._fields))))


def extract(
    text: str, removed: list[dict[str, Any]] | None = None, sentences: int | None = None
) -> tuple[str | None, dict[str, Any]]:
    """Return ``(title, metadata)``; a value not found is ``None`` (``[]`` for lists).

    ``removed`` holds the lines strip-boilerplate took out (``{"line", "text", "reason"}``).

    >>> title, meta = extract("خبر\\n\\nكتب: محمد علي\\nنص.\\nالوسوم: غزة، لبنان\\nالتعليقات (12)")
    >>> meta["author"], meta["tags"], meta["comments"]
    ('محمد علي', ['غزة', 'لبنان'], 12)
    """
    removed = removed or []
    head_all, tail = _nonblank(text, HEAD_LINES + 1, TAIL_LINES)
    category, title = split_category(head_all[0] if head_all else None)
    head = head_all[1:]
    removed_lines = [
        r["text"].strip()
        for r in removed
        if r.get("text", "").strip() and r.get("reason") != "repeated-title"
    ]
    early_removed = [
        r["text"].strip()
        for r in removed
        if r.get("text", "").strip()
        and r.get("reason") != "repeated-title"
        and isinstance(r.get("line"), int)
        and r["line"] <= _EARLY_REMOVED
    ]

    meta: dict[str, Any] = dict.fromkeys(FIELDS)
    # Every date the rules below read is a full date of a line (find_dates), and holds a
    # place of ``scan``: a text without one gives none (7 of 8 bulk articles), only the
    # removed lines may. The RE2 gates say first whether a date, an ordinal day or an
    # agency mention can be there at all.
    may = _may_hold(text)
    scanned = scan(text) if may.date or may.ordinal else None
    dated = bool(scanned and scanned.places)
    chosen = choose_date(head, tail, removed_lines, early_removed) if dated or removed_lines else None
    byline = parse_head(head)
    if not (byline.location or byline.agency or byline.author) and early_removed:
        byline = parse_head(early_removed)
    sentence = lede(head)
    after_dateline = bool(byline.location or byline.agency)
    if chosen is None and sentence and dated:
        d = lede_date(sentence, after_dateline)
        if d is not None:
            chosen = d, "lede"
    found = chosen[0] if chosen else None
    mismatch = bool(found and found.weekday_mismatch)
    if chosen:
        meta["date"] = found.iso
        meta["date_source"] = chosen[1]
        meta["date_text"] = found.text
        meta["weekday"] = found.weekday
    if meta["weekday"] is None and sentence:
        named = lede_weekday(sentence)
        if named:
            meta["weekday"] = named[0]
            mismatch = bool(found) and _weekday_mismatch(named[0], named[1], found.iso)

    meta["location"] = byline.location
    meta["agency"] = byline.agency or _credit_agency(
        tail[-3:] + [r["text"].strip() for r in removed if r.get("reason") == "agency-trailer"]
    )
    author = keyword_author(head[:4] + early_removed + tail[-3:])
    meta["author"] = author or byline.author

    agencies: dict[str, None] = {}
    network = _networks()
    if byline.agency and byline.agency not in network:
        agencies[byline.agency] = None
    for chunk in (text, *removed_lines) if may.mention else removed_lines:
        for name in agency_mentions(chunk):
            agencies.setdefault(name, None)
    meta["agencies"] = list(agencies)

    meta["tags"] = _tags(tail) or _tags(removed_lines)
    meta["comments"] = _comments(removed_lines + head + tail)
    meta["urls"] = _urls(text, removed_lines)
    meta["dates"] = mentions(text, meta["date"], scanned, may.ordinal) if scanned else []
    meta["stats"] = stats(text, sentences)
    if category:
        meta["category"] = category
    if mismatch:
        meta["weekday_mismatch"] = True
    return title, meta


@lru_cache(maxsize=1)
def _category_pattern() -> re.Pattern[str]:
    names = [ln.strip() for ln in read_text("categories.txt").splitlines()]
    names = sorted((n for n in names if n and not n.startswith("#")), key=len, reverse=True)
    return re.compile(rf"(?P<cat>{'|'.join(map(re.escape, names))})\s*/\s+(?P<rest>\S.*)")


def split_category(title: str | None) -> tuple[str | None, str | None]:
    """``(category, title)``: a section name opening the title (``عام / …``) moved out.

    >>> split_category("عام / جامعة نجران تعلن إجراءات الطالب الزائر")
    ('عام', 'جامعة نجران تعلن إجراءات الطالب الزائر')
    >>> split_category("كيف أصبح 8 مارس/آذار يوم المرأة؟")
    (None, 'كيف أصبح 8 مارس/آذار يوم المرأة؟')

    A programme's or series' name before a spaced bar (Al Mayadeen's bulletins) is one
    too: a bar between spaces does not occur inside a headline.

    >>> split_category("المسائية | طهران وموسكو نحو تعاون استراتيجي طويل الأمد")
    ('المسائية', 'طهران وموسكو نحو تعاون استراتيجي طويل الأمد')
    """
    if title and " | " in title[:40]:
        name, _, rest = title.partition(" | ")
        if 1 <= len(name.split()) <= 3 and rest.strip():
            return name.strip(), rest.strip()
    if not title or "/" not in title[:40]:
        return None, title
    m = _category_pattern().match(title)
    if m is None:
        return None, title
    return m.group("cat"), m.group("rest")


def metadata_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the ``metadata`` object."""
    nullable_str = {"type": ["string", "null"], "minLength": 1}
    str_list = {"type": "array", "items": {"type": "string", "minLength": 1}}
    return {
        "type": "object",
        "properties": {
            "date": {
                "type": ["string", "null"],
                "description": "The article's date, ISO 8601 (Gregorian; Hijri dates converted "
                "with the Umm al-Qura calendar); with the time when one is given.",
                "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d)?$",
            },
            "date_source": {
                "enum": ["dateline", "published", "lede", None],
                "description": "Where the date was read: the dateline, a published/date line "
                "(or removed date chrome), or the lede's date of the news.",
            },
            "date_text": {**nullable_str, "description": "The words the date was read from."},
            "weekday": {
                **nullable_str,
                "description": "The day of the news named in the dateline or the lede, as "
                "written, e.g. الأربعاء (with or without a full date).",
            },
            "location": {**nullable_str, "description": "The place of the dateline or byline."},
            "agency": {
                **nullable_str,
                "description": "Canonical name of the agency credited in the dateline (Reuters).",
            },
            "agencies": {**str_list, "description": "Canonical names of every agency cited."},
            "author": {
                **nullable_str,
                "description": "The byline's person(s), joined with '، '; never a newspaper.",
            },
            "tags": str_list,
            "comments": {"type": ["integer", "null"], "minimum": 0},
            "urls": str_list,
            "dates": {
                "type": "array",
                "description": "Every date in the text, in order; offsets into text.",
                "items": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "minLength": 1},
                        "start": {"type": "integer", "minimum": 0},
                        "end": {"type": "integer", "minimum": 0},
                        "date": {
                            "type": ["string", "null"],
                            "description": "Gregorian ISO date; null for a day without a "
                            "year that nothing dates.",
                        },
                        "calendar": {"enum": ["gregorian", "hijri"]},
                        "hijri": {
                            "type": ["string", "null"],
                            "pattern": r"^1\d{3}-\d{2}-\d{2}$",
                            "description": "The Hijri date as written, YYYY-MM-DD.",
                        },
                        "weekday": {"type": ["string", "null"]},
                    },
                    "required": ["text", "start", "end", "date", "calendar", "hijri", "weekday"],
                    "additionalProperties": False,
                },
            },
            "stats": {
                "type": "object",
                "properties": {
                    "characters": {"type": "integer", "minimum": 0},
                    "words": {"type": "integer", "minimum": 0},
                    "sentences": {"type": ["integer", "null"], "minimum": 0},
                    "paragraphs": {"type": "integer", "minimum": 0},
                    "arabic_share": {"type": "number", "minimum": 0, "maximum": 1},
                },
                "required": ["characters", "words", "sentences", "paragraphs", "arabic_share"],
                "additionalProperties": False,
            },
            "category": {
                **nullable_str,
                "description": "The section a title opened with (عام / …), taken out of the title.",
            },
            "weekday_mismatch": {
                "const": True,
                "description": "Present only when the weekday written contradicts the date.",
            },
        },
        "required": list(FIELDS),
        "additionalProperties": False,
    }
