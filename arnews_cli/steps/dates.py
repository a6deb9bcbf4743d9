"""Arabic dates in news text, to ISO 8601.

Reads the forms Arabic news sites print: Gregorian months in their Levantine/Iraqi
(``كانون الأول``), Egyptian/Gulf (``ديسمبر``), Algerian/Tunisian (``ديسمبر``/``جانفي``)
and Moroccan (``دجنبر``) names, dual forms (``13 آب/أغسطس 2020``, ``أبريل (نيسان)``),
Hijri dates converted with the Umm al-Qura calendar (``hijridate``), ``الموافق`` pairs,
numeric day-first dates, ISO timestamps, and Latin, Arabic-Indic and Persian digits.

A date without a year, or one that does not exist (31 April, 30 of a 29-day Hijri month),
is not a date: it yields nothing rather than a guess.

>>> d = find_dates("الأربعاء 16 كانون الأول 2020")[0]
>>> d.iso, d.weekday, d.weekday_mismatch
('2020-12-16', 'الأربعاء', False)
>>> find_dates("15 رمضان 1442هـ")[0].iso
'2021-04-27'
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from arnews_cli.arabic import ARABIC_INDIC_DIGITS, PERSIAN_DIGITS, TO_ASCII_DIGITS
from arnews_cli.data import read_sections, read_text
from arnews_cli.steps.alternation import trie_regex
from arnews_cli.steps.lazy import lazy

# Arabic-Indic and Persian (Extended Arabic-Indic) digits fold to ASCII; the fold keeps
# string length, so offsets found in the folded text are offsets in the original.
_LATIN = lazy(r"[A-Za-z]")


DIGITS = TO_ASCII_DIGITS
_FOLDABLE = ARABIC_INDIC_DIGITS + PERSIAN_DIGITS


def fold_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Persian digits as ASCII (same length).

    ``str.translate`` with a dict runs at ~30 MB/s on Arabic text, so it is skipped when
    no digit to change is there (most texts). Twenty ``in`` tests cost a sixth of one
    regex search for the twenty digits (0.015 s against 0.088 s over 8,000 articles).

    >>> fold_digits("١٦ ديسمبر ٢٠٢٠")
    '16 ديسمبر 2020'
    """
    return text.translate(DIGITS) if any(d in text for d in _FOLDABLE) else text


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: ``iso`` and the span ``text[start:end]`` it was read from."""

    iso: str
    start: int
    end: int
    text: str
    weekday: str | None
    weekday_mismatch: bool
    calendar: str  # "gregorian", "hijri", "numeric", "iso"
    hijri: str | None = None  # the Hijri date as written, YYYY-MM-DD


# Words of data/metadata_words.txt: am/pm after a time, places named after a date.
_WORDS = read_sections("metadata_words.txt")
_PM = frozenset(w.lower() for w in _WORDS["pm"])


@cache
def lexicon() -> dict[str, Any]:
    """Month and weekday names from ``data/months.json`` (loaded once)."""
    raw = read_text("months.json")
    data = json.loads(raw)
    out: dict[str, Any] = {}
    for key in ("gregorian", "hijri", "weekdays", "ordinals"):
        out[key] = {name: int(num) for num, names in data[key].items() for name in names}
    return out


def _alternation(names: Any, space: str = r"\s") -> str:
    # A trie tried longest first, so that "تشرين الأول" wins over a shorter prefix; a
    # space inside a name matches any run of spaces (``space``: how a space is spelt).
    return trie_regex(set(names), {" ": space + "+"})


def _key(name: str) -> str:
    return " ".join(name.split())


# A day; the same not inside a longer number or numeric date; a Gregorian or Hijri year
# not inside a number.
_DAY = r"[0-3]?\d"
_DAY_ALONE = r"(?<![\d/.\-])[0-3]?\d"
_YEAR_ALONE = r"(?<![\d/.\-])(?:(?:19|20)\d\d|1[345]\d\d)"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lx = lexicon()
    greg = _alternation(lx["gregorian"])
    hij = _alternation(lx["hijri"])
    wday = _alternation(lx["weekdays"])
    nb = r"(?![^\W\d_])"  # a name ends where letters end
    # A weekday before a date is looked for after a match (``weekday_before`` in
    # _build), so that every digit-led form opens with its digits (see scan()).
    time = (
        r"(?:\s*(?:(?:[-–,،|]|الساعة|at)\s*)?(?P<hh>[012]?\d)[:.](?P<mi>[0-5]\d)(?::[0-5]\d)?(?![\d.:]\d)"
        rf"(?:\s*(?P<ap>(?i:{trie_regex(_WORDS['am'] + _WORDS['pm'])}))(?![^\W\d_]))?)?"
    )
    greg_re = (
        rf"(?P<d>{_DAY})\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{greg}){nb}"
        rf"(?:\s*(?:[/(\-]\s*)?(?P<m2>{greg}){nb}\s*\)?)?"
        rf"\s*(?:[،,]\s*)?(?:من\s+)?(?:عام\s+)?(?P<y>(?:19|20)\d\d)(?!\d)(?:\s*م{nb})?{time}"
    )
    # Month-first English/Arabic: "March 5, 2018", "ديسمبر 16، 2020"
    greg_mdy = (
        rf"(?P<m>{greg}){nb}\s*(?P<d>[0-3]?\d)(?!\d)\s*[،,]\s*(?P<y>(?:19|20)\d\d)(?!\d){time}"
    )
    hij_re = (
        # also between slashes, as in numeric dates: "10/شوال / 1436هـ"
        rf"(?P<d>{_DAY})\s*(?:من\s+|/\s*)?(?P<m>{hij}){nb}\s*(?:[،,/]\s*)?(?:عام\s+)?"
        r"(?P<y>1[345]\d\d)(?!\d)\s*(?:هـ|ه(?![^\W\d_]))?"
    )
    numeric = (
        # The same separator twice; slashes also with spaces round them: "٨/ ١٠ /١٤٣٦هـ".
        rf"(?P<d>{_DAY_ALONE})(?:(?P<sl>\s*/\s*)|(?P<sep>[.\-]))(?P<m>[01]?\d)"
        rf"(?(sl)\s*/\s*|(?P=sep))(?P<y>(?:19|20)\d\d|1[345]\d\d)"
        rf"(?![\d/.\-]\d)(?:\s*(?P<hijri>هـ|ه(?![^\W\d_])))?{time}"
    )
    ymd = (
        rf"(?P<y>{_YEAR_ALONE})(?P<sep>[/.\-])(?P<m>[01]?\d)(?P=sep)"
        r"(?P<d>[0-3]?\d)(?![\d/.\-]\d)"
        r"(?:[T ](?P<hh>[012]\d):(?P<mi>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+\-]\d\d:?\d\d)?)?"
        r"\s*(?P<hijri>هـ|ه(?![^\W\d_]))?"
    )
    # One pattern per form (group names would repeat in a single alternation); "any" is a
    # cheap pre-check that skips lines without any date.
    return {
        "G": re.compile(greg_re),
        "H": re.compile(hij_re),
        "N": re.compile(numeric),
        "Y": re.compile(ymd),
        "E": re.compile(greg_mdy),
        "any": re.compile(
            "|".join(
                # group names made unique per form
                re.sub(r"(\(\?P<|\(\?P=|\(\?\()(\w+)", rf"\1{k}_\2", p)
                for k, p in zip("GHNYE", (greg_re, hij_re, numeric, ymd, greg_mdy), strict=True)
            )
        ),
        # What every month-first date (``E``) holds: a day, a comma and a year.
        "E_hint": re.compile(r"\d\s*[،,]\s*(?:19|20)\d\d"),
        # Cheap test that a text may hold a date: every form but an ordinal day (``any``,
        # ``daymonth`` and the day and range mentions) holds a match (tested), a digit
        # followed by a numeric date's separator, a month name, or a comma and a year.
        # The digit is outside the alternation so that the pattern opens with it: ``re``
        # then skips to digits in C, where an alternation is tried at every character.
        "hint": re.compile(_hint(r"\s", r"\d", f"{greg}|{hij}")),
        # A day and month without a year: not a date, but part of a dateline to skip.
        "daymonth": re.compile(
            rf"[0-3]?\d\s*(?:{greg}|{hij}){nb}"
            rf"(?:\s*(?:[/(\-]\s*)?(?:{greg}){nb}\s*\)?)?"
        ),
        "weekday": re.compile(rf"(?<![^\W\d_])(?:{wday}){nb}"),
        "weekday_before": re.compile(
            rf"(?:(?<![^\W\d_])يوم\s+)?(?P<wd>{wday}){nb}\s*[،,]?\s*(?:الموافق\s+)?$"
        ),
    }


def _hint(s: str, d: str, months: str, d01: str = "[01]", century: str = "(?:19|20)") -> str:
    """The ``hint`` of every digit-led date: a digit followed by a numeric date's separator,
    a month name (of ``months``), or a comma and a year; ``s`` spells a space, ``d`` a digit,
    ``d01`` a month's first digit and ``century`` a year's first two."""
    return (
        rf"{d}(?:[/.\-]{d01}?{d}[/.\-]{d}|{s}*/{s}*{d01}?{d}{s}*/{s}*{d}|{d}{{3}}[/.\-]{d}"
        rf"|{s}*(?:من{s}+|/{s}*)?(?:شهر{s}+)?(?:{months})"
        rf"|{s}*[،,]{s}*{century}{d}{d})"
    )


def _ordinal_day(s: str, ordinal: str, month: str) -> str:
    """An ordinal day and its month, "الخامس عشر من مارس", "الأول من شهر يناير"; ``s``
    spells a space."""
    return rf"{ordinal}{s}+(?:من{s}+(?:شهر{s}+)?|شهر{s}+){month}"


def re2_gates(space: str) -> tuple[str, str]:
    """``hint`` and the ordinal-day rule for RE2 (google-re2), ``space`` the body of its
    class of every Python space, loosened so that where RE2 finds neither in a text (its
    digits not folded) no digit-led date and no ordinal day is there: every digit, even
    the "0 or 1" of a month and the "19 or 20" of a year, is any decimal digit
    (``\\p{Nd}``: Python's ``\\d``, and Arabic-Indic digits fold to ASCII), and the ordinal
    day needs no word edges, no end of its month name and no year."""
    lx = lexicon()
    s, d = f"[{space}]", r"\p{Nd}"
    months = f"{_alternation(lx['gregorian'], s)}|{_alternation(lx['hijri'], s)}"
    ordinal = f"(?:{_alternation(lx['ordinals'], s)})"
    return _hint(s, d, months, d, d + d), _ordinal_day(s, ordinal, f"(?:{months})")


def _weekday_check(wd: str | None, day: dt.date) -> bool:
    if not wd:
        return False
    num = lexicon()["weekdays"].get(_key(wd))
    return num is not None and num != day.weekday()


def _hijri_to_gregorian(y: int, m: int, d: int) -> dt.date | None:
    from hijridate import Hijri

    try:
        h = Hijri(y, m, d)
        if d > h.month_length():
            return None
        g = h.to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def _build(m: re.Match[str], kind: str, text: str) -> FoundDate | None:
    lx = lexicon()
    g = dict(m.groupdict())
    start = m.start()
    before = _patterns()["weekday_before"].search(m.string, max(0, start - 40), start)
    if before:
        g["wd"] = before.group("wd")
        start = before.start()
    try:
        y, d = int(g["y"]), int(g["d"])
    except (TypeError, ValueError):
        return None
    calendar = {"G": "gregorian", "E": "gregorian", "H": "hijri", "N": "numeric", "Y": "iso"}[kind]
    if kind in ("G", "E"):
        month = lx["gregorian"].get(_key(g["m"]))
        if g.get("m2"):
            other = lx["gregorian"].get(_key(g["m2"]))
            if other != month:  # "آب/أغسطس" must name one month twice
                return None
    elif kind == "H":
        month = lx["hijri"].get(_key(g["m"]))
    else:
        month = int(g["m"])
    if month is None:
        return None
    hijri = kind == "H" or bool(g.get("hijri")) or (kind in ("N", "Y") and 1300 <= y < 1600)
    if hijri:
        calendar = "hijri"
        day = _hijri_to_gregorian(y, month, d)
        if day is None:
            return None
    else:
        try:
            day = dt.date(y, month, d)
        except ValueError:
            return None
    iso = day.isoformat()
    hh, mi = g.get("hh"), g.get("mi")
    if hh is not None and mi is not None and not hijri:
        hour = int(hh)
        ap = g.get("ap")
        if ap is not None and hour < 12 and ap.lower() in _PM:
            hour += 12
        elif ap is not None and hour == 12 and ap.lower() not in _PM:
            hour = 0
        if hour < 24:
            iso += f"T{hour:02d}:{mi}"
    end = m.end()
    while end > start and text[end - 1].isspace():  # optional parts may leave spaces
        end -= 1
    span = text[start:end]
    wd = g.get("wd")
    return FoundDate(
        iso=iso,
        start=start,
        end=end,
        text=span,
        weekday=_key(wd) if wd else None,
        weekday_mismatch=_weekday_check(wd, day),
        calendar=calendar,
        hijri=f"{y:04d}-{month:02d}-{d:02d}" if hijri else None,
    )


class Scan(NamedTuple):
    """What every date reader of one text needs first: the text with its digits folded,
    and the places where a digit-led date can start (see :func:`scan`)."""

    folded: str
    places: list[int]


def scan(text: str) -> Scan:
    """``text`` folded, and the places a digit-led date (every form but an ordinal day)
    can start: at a match of the ``hint`` pattern or one character before it.

    Every such form holds a ``hint`` match that starts at its day's last digit (a day
    has one or two) or, for a year-first date, at its first digit (tested on corpus lines
    and with hypothesis); so the date patterns are tried only at these places, and not at
    all in the 7 of 8 bulk articles that have none, where a scan of the whole text for
    each pattern found nothing. Overlapping ``hint`` matches count: "1/2/3 مارس 2020"
    holds one at "1" and the date "3 مارس 2020" inside it.
    """
    folded = fold_digits(text)
    hint = _patterns()["hint"]
    places: list[int] = []
    m = hint.search(folded)
    while m is not None:
        p = m.start()
        if p and (not places or places[-1] < p - 1):
            places.append(p - 1)
        places.append(p)
        m = hint.search(folded, p + 1)
    return Scan(folded, places)


def _matches(pattern: re.Pattern[str], text: str, places: list[int]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)`` when each can start only at one of
    ``places`` (sorted): tried there, left to right, none inside the one before."""
    end = 0
    for p in places:
        if p >= end and (m := pattern.match(text, p)) is not None:
            yield m
            end = m.end()


def find_dates(text: str, scanned: Scan | None = None) -> list[FoundDate]:
    """Every full date in ``text``, in order of position (overlaps resolved left to right).

    A ``الموافق`` pair yields both dates; callers that want one date per line use
    :func:`best_in_line`, which prefers the Gregorian one.

    >>> [d.iso for d in find_dates("المنامة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس")]
    ['2015-08-10', '2015-08-10']
    >>> find_dates("في 16 ديسمبر")  # no year: not a date
    []
    """
    folded, places = scanned or scan(text)  # ``scanned``: ``scan(text)``, when the caller has it
    if not places:
        return []
    pats = _patterns()
    # Month-first dates ("March 5, 2018") are English usage: tried only on Latin text
    # with a day, comma and year (``E_hint``, a form of ``hint``: the month-first pattern
    # opens with an alternation tried at every character, 2.5x find_dates' time).
    month_first = next(_matches(pats["E_hint"], folded, places), None) and _LATIN.search(folded)
    found: list[FoundDate] = []
    for kind in ("G", "H", "N", "Y"):
        for m in _matches(pats[kind], folded, places):
            fd = _build(m, kind, text)
            if fd is not None:
                found.append(fd)
    if month_first:  # opens with the month, before its hint: scanned in full
        for m in pats["E"].finditer(folded):
            fd = _build(m, "E", text)
            if fd is not None:
                found.append(fd)
    found.sort(key=lambda f: (f.start, -f.end))
    out: list[FoundDate] = []
    last_end = -1
    for f in found:
        if f.start >= last_end:
            out.append(f)
            last_end = f.end
    return out


def best_in_line(dates: list[FoundDate]) -> FoundDate | None:
    """The date a line gives: the Gregorian one of a ``الموافق`` pair, else the first."""
    if not dates:
        return None
    for d in dates:
        if d.calendar != "hijri":
            return d
    return dates[0]


def find_weekdays(text: str) -> Iterator[re.Match[str]]:
    """Every weekday name standing as a word in ``text``.

    >>> [m.group() for m in find_weekdays("الخميس والجمعة، لا الخميسين")]
    ['الخميس']
    """
    return _patterns()["weekday"].finditer(text)


def strip_dates(text: str) -> str:
    """``text`` with dates, day-month pairs and weekday names blanked (for dateline parsing).

    >>> strip_dates("أبوظبي في 10 يناير").split()
    ['أبوظبي', 'في']
    """
    pats = _patterns()
    folded = fold_digits(text)
    if pats["hint"].search(folded):  # else neither pattern below can match
        folded = pats["any"].sub(" ", folded)
        folded = pats["daymonth"].sub(" ", folded)
    return pats["weekday"].sub(" ", folded)


def has_date_words(text: str) -> bool:
    """Whether ``text`` holds a weekday, a month name with a day, or a full date."""
    pats = _patterns()
    folded = fold_digits(text)
    if not pats["hint"].search(folded):
        return False
    return bool(pats["any"].search(folded) or pats["daymonth"].search(folded))


# --- Every date in a text (``metadata.dates``) -------------------------------------------
#
# ``find_dates`` reads full dates (with a year). A text also names days without a year
# (``16 ديسمبر``, ``الأول من يناير``) and ranges (``من 10 إلى 12 مارس``): those take their
# year from the publication date (the year that puts them nearest to it), else from the
# last date of their calendar written with a year before them; without either the
# entry's ``date`` is null, not a guess.

# A date between two others of a ``الموافق`` pair: "25 شوال 1436 هـ الموافق 10 اغسطس 2015 م".
# Brackets too: "(10/شوال / 1436هـ ) الموافق (26/7/2015م)".
_PAIR_GLUE = lazy(r"[\s()/،,\-]*(?:(?:الموافق|الموافق\s+ل|م|هـ|ه)(?![^\W\d_])[\s()/،,\-]*)*")
# Names of places and things that are a date (مدينة العاشر من رمضان, جسر 6 أكتوبر).
_NAMED_AFTER = lazy(rf"(?:{trie_regex(_WORDS['named-after-date'])})\s*$")


# The day patterns open with the digit (so that ``re`` skips to digits in C); what a day
# must not follow is checked on each match instead of by a look-behind first.
_NUMBER_CHARS = frozenset("0123456789/.-")


@cache
def _mention_patterns() -> dict[str, re.Pattern[str]]:
    lx = lexicon()
    greg = _alternation(lx["gregorian"])
    # صفر is also "zero" (a score, "2 صفر"): a Hijri month without a year must not be it.
    hij = _alternation([n for n in lx["hijri"] if n != "صفر"])
    nb = r"(?![^\W\d_])"
    month = rf"(?:(?P<g>{greg})|(?P<h>{hij})){nb}(?:\s*(?:[/(\-]\s*)?(?P<g2>{greg}){nb}\s*\)?)?"
    of = r"(?:من\s+)?(?:شهر\s+)?"
    year = r"(?:\s*(?:[،,]\s*)?(?:من\s+)?(?:عام\s+|سنة\s+)?(?P<y>(?:19|20)\d\d|1[345]\d\d)(?!\d)\s*(?:هـ|ه|م)?(?![^\W\d_]))?"
    return {
        # A day and month, a year or not: "16 ديسمبر", "5 رمضان".
        "day": re.compile(rf"(?P<d>\d\d?)\s*{of}{month}{year}"),
        # An ordinal day: "الخامس عشر من مارس 2021", "الأول من شهر يناير".
        "ordinal": re.compile(
            _ordinal_day(r"\s", rf"(?<![^\W\d_])(?P<o>{_alternation(lx['ordinals'])})", month)
            + year
        ),
        # The first day of a range whose month comes after the last: "من 10 إلى 12 مارس".
        "range": re.compile(
            rf"(?P<d>\d\d?)(?=\s*(?:إلى|الى|حتى|لغاية|-|–|و)\s*"
            rf"(?:[0-3]?\d)\s*{of}{month}{year})"
        ),
    }


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _date_of(y: int, month: int, d: int, hijri: bool) -> dt.date | None:
    if hijri:
        return _hijri_to_gregorian(y, month, d)
    try:
        return dt.date(y, month, d)
    except ValueError:
        return None


def _nearest(month: int, d: int, hijri: bool, ref: dt.date) -> tuple[int, dt.date] | None:
    """The year (and day) that puts day ``d`` of ``month`` nearest to ``ref``."""
    if hijri:
        from hijridate import Gregorian

        base = Gregorian(ref.year, ref.month, ref.day).to_hijri().year
    else:
        base = ref.year
    best = None
    for y in (base - 1, base, base + 1):
        day = _date_of(y, month, d, hijri)
        if day is not None and (best is None or abs(day - ref) < abs(best[1] - ref)):
            best = (y, day)
    return best


def _entry(
    text: str,
    start: int,
    end: int,
    day: dt.date | None,
    iso: str | None,
    calendar: str,
    hijri: str | None,
    weekday: str | None,
) -> dict[str, Any]:
    return {
        "text": text[start:end],
        "start": start,
        "end": end,
        "date": iso if iso is not None else (day.isoformat() if day else None),
        "calendar": calendar,
        "hijri": hijri,
        "weekday": weekday,
    }


def _weekday_at(text: str, start: int) -> tuple[int, str | None]:
    before = _patterns()["weekday_before"].search(text, max(0, start - 40), start)
    if before:
        return before.start(), _key(before.group("wd"))
    return start, None


def _calendar(f: FoundDate) -> str:
    return "hijri" if f.calendar == "hijri" else "gregorian"


def _overlap_test(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether ``[a, b)`` overlaps one of ``spans``, in log time (a text may
    name a date every few characters)."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # furthest end so far

    def overlaps(a: int, b: int) -> bool:
        i = bisect.bisect_left(starts, b)  # the spans that start before b
        return i > 0 and reach[i - 1] > a

    return overlaps


def mentions(
    text: str, reference: str | None = None, scanned: Scan | None = None, ordinals: bool = True
) -> list[dict[str, Any]]:
    """Every date ``text`` names, in order: ``{"text", "start", "end", "date", "calendar",
    "hijri", "weekday"}`` with ``text[start:end] == entry["text"]``.

    ``reference`` (ISO, the publication date) gives a year to days named without one.
    ``ordinals=False``: the caller knows no ordinal day is there (see :func:`re2_gates`).

    >>> [(m["text"], m["date"]) for m in mentions("من 10 إلى 12 مارس 2021")]
    [('10', '2021-03-10'), ('12 مارس 2021', '2021-03-12')]
    >>> m = mentions("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م")[0]
    >>> m["date"], m["calendar"], m["hijri"]
    ('2015-08-10', 'hijri', '1436-10-25')
    >>> mentions("الأول من يناير", "2021-01-03")[0]["date"]
    '2021-01-01'
    """
    scanned = scanned or scan(text)  # ``scanned``: ``scan(text)``, when the caller has it
    folded, places = scanned
    ref = dt.date.fromisoformat(reference[:10]) if reference else None
    full = find_dates(text, scanned)
    lx = lexicon()
    found: list[tuple[int, int, dict[str, Any]]] = []
    for f in full:
        entry = _entry(text, f.start, f.end, None, f.iso, _calendar(f), f.hijri, f.weekday)
        found.append((f.start, f.end, entry))
    taken = [(f.start, f.end) for f in full]
    pats = _mention_patterns()
    partial: list[tuple[int, int, int, int, bool, int | None, str | None]] = []
    # Without a place a digit-led date can start at, only the ordinal days can be there.
    kinds = ("day", "ordinal", "range") if places else ("ordinal",)
    for kind in kinds if ordinals else [k for k in kinds if k != "ordinal"]:
        # The spans taken before this scan: its own matches never overlap one another.
        overlaps = _overlap_test(taken)
        # A day opens at a place of ``scan`` (its ``hint`` match is at its last digit); an
        # ordinal opens with a word, a range's first day before the second's ``hint``.
        found_here = (
            _matches(pats[kind], folded, places) if kind == "day" else pats[kind].finditer(folded)
        )
        for m in found_here:
            if kind != "ordinal" and m.start() and folded[m.start() - 1] in _NUMBER_CHARS:
                continue  # the day is the end of a longer number ("123 مارس", "1/12 مارس")
            a, b = (m.start("d"), m.end("d")) if kind == "range" else (m.start(), m.end())
            while b > a and text[b - 1].isspace():
                b -= 1
            if overlaps(a, b) or _NAMED_AFTER.search(folded, max(0, a - 12), a):
                continue
            if m.group("g2") and lx["gregorian"].get(_key(m.group("g2"))) != lx["gregorian"].get(
                _key(m.group("g") or "")
            ):
                continue
            hijri = m.group("h") is not None
            month = lx["hijri" if hijri else "gregorian"][_key(m.group("h") or m.group("g"))]
            day = lx["ordinals"][_key(m.group("o"))] if kind == "ordinal" else int(m.group("d"))
            year = int(m.group("y")) if m.group("y") else None
            if year is not None and not hijri and year >= 1300 and year < 1600:
                continue
            a2, wd = _weekday_at(folded, a) if kind != "range" else (a, None)
            partial.append((a2, b, month, day, hijri, year, wd))
            taken.append((a2, b))
    # Years for days named without one: the publication date, else the year of the last
    # date of its calendar written with a year before it (a full date, or a day with its year).
    written: dict[bool, list[tuple[int, int]]] = {False: [], True: []}
    for f in full:
        written[f.calendar == "hijri"].append((f.start, int((f.hijri or f.iso)[:4])))
    for a, _, month, day, hijri, year, _ in partial:
        if year is not None and _date_of(year, month, day, hijri) is not None:
            written[hijri].append((a, year))
    for dates in written.values():
        dates.sort()
    for a, b, month, day, hijri, year, wd in partial:
        if year is None and ref is None:
            before = bisect.bisect_left(written[hijri], (a,))  # those that start before a
            if before:
                year = written[hijri][before - 1][1]
        if day > (30 if hijri else _MONTH_DAYS[month - 1]):
            continue  # 31 April: not a date in any year
        when = None
        if year is not None:
            when = _date_of(year, month, day, hijri)
        elif ref is not None:
            year, when = _nearest(month, day, hijri, ref) or (None, None)
        if year is not None and when is None:
            continue  # 29 February 2021, 30 of a 29-day Hijri month
        hij = f"{year:04d}-{month:02d}-{day:02d}" if hijri and year is not None else None
        cal = "hijri" if hijri else "gregorian"
        found.append((a, b, _entry(text, a, b, when, None, cal, hij, wd)))
    found.sort(key=lambda x: (x[0], -x[1]))
    return _pairs([e for _, _, e in found], text)


def _pairs(entries: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """One entry for a Hijri and a Gregorian date written as one (``الموافق``): the
    Gregorian ``date``, the Hijri as ``hijri``, the calendar written first."""
    out: list[dict[str, Any]] = []
    for e in entries:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (prev["calendar"] == "hijri") != (e["calendar"] == "hijri")
            and _PAIR_GLUE.fullmatch(text, prev["end"], e["start"])
            and (prev["hijri"] or e["hijri"])
        ):
            greg, hij = (e, prev) if prev["calendar"] == "hijri" else (prev, e)
            out[-1] = {
                "text": text[prev["start"] : e["end"]],
                "start": prev["start"],
                "end": e["end"],
                "date": greg["date"] or hij["date"],
                "calendar": prev["calendar"],
                "hijri": hij["hijri"],
                "weekday": prev["weekday"] or e["weekday"],
            }
            continue
        out.append(e)
    return out
