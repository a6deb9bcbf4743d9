"""Datelines, bylines and agency mentions of Arabic news text.

The opening of an Arabic article names where it was filed, who filed it and for whom,
in many orders::

    دمشق - سانا                          place - agency
    القاهرة (رويترز) -                    place (agency) -
    دبي، الإمارات العربية المتحدة (CNN)—  place، country (network)—
    الكويت - 17 - 9 (كونا) --             place - day - month (agency) --
    أبوظبي في 10 يناير / وام /            place في date / agency /
    المنامة 25 شوال 1436 هـ الموافق … واس  place date agency
    أبها: محمد الفيفي                     place: person
    واس - جدة                            agency - place
    عبدالله البرقاوي- سبق- الرياض:        person - newspaper - place:
    جابر العميري (جدة)                    person (place)

The line is cut into segments at dashes, slashes, colons, commas and brackets; each
segment is read as a place (gazetteer), an agency, a newspaper, a credit label, a date, or
a person (a short run of name words). A line is a byline only when every segment before
the body is one of those and at least one is a place, agency or newspaper: a line of two
bare words is not taken for a name. A newspaper is neither the author nor the agency.

>>> parse_head(["القاهرة (رويترز) - قال مسؤول إن الاجتماع انتهى."])
Byline(location='القاهرة', agency='Reuters', author=None)
>>> parse_head(["عبدالله البرقاوي- سبق- الرياض: تشهد مدينة سيئون توزيع المساعدات."])
Byline(location='الرياض', agency=None, author='عبدالله البرقاوي')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from arnews_cli.arabic import LETTER_FOLDS, MARK, TATWEEL
from arnews_cli.data import read_sections, read_text
from arnews_cli.steps.alternation import trie_regex
from arnews_cli.steps.dates import strip_dates
from arnews_cli.steps.lazy import lazy

# Name lookups drop the combining marks of the script (arabic.MARK: harakat, Quranic
# signs) and the tatweel, which only stretches a word.
_MARK = re.compile(f"[{MARK}{TATWEEL}]")
_FOLD = str.maketrans(
    {
        **{chr(c): None for c in range(0x0600, 0x0900) if _MARK.match(chr(c))},
        **LETTER_FOLDS,
        "«": " ",
        "»": " ",
        '"': " ",
        "“": " ",
        "”": " ",
        "'": " ",
        "*": " ",
        "\u200f": None,
        "\u200e": None,
        "\u200b": None,
        "\xa0": " ",
    }
)


def fold(s: str) -> str:
    """The lookup key of a name: hamza/alef, alef maqsura, ta marbuta and spacing folded.

    >>> fold("«الشرق الأوسط»") == fold("الشرق الاوسط")
    True
    """
    return _fold_letters(s).lower()


def _fold_letters(s: str) -> str:
    """:func:`fold` keeping the case of Latin letters."""
    return " ".join(s.translate(_FOLD).split())


def _data(name: str) -> str:
    return read_text(name)


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in _data(name).splitlines() if ln.strip() and ln[0] != "#"]


class Agency(NamedTuple):
    name: str
    strong: bool  # safe to find anywhere in the text
    network: bool  # a broadcaster credited like an agency (CNN): dateline only


@dataclass(frozen=True)
class Lexicon:
    places: frozenset[str]
    newspapers: frozenset[str]
    agencies: dict[str, Agency]  # by folded alias
    # Every alias as it is searched for in a text: folded, but Latin names spelt as the
    # data file gives them ("SANA" is the agency, "Sana" a name or a city).
    spellings: dict[str, Agency]


@cache
def lexicon() -> Lexicon:
    """Gazetteer, newspapers and agencies from ``arnews_cli/data`` (loaded once)."""
    agencies: dict[str, Agency] = {}
    spellings: dict[str, Agency] = {}
    for entry in json.loads(_data("agencies.json"))["agencies"]:
        network = entry.get("kind") == "network"
        for alias in entry["names"]:
            agency = Agency(entry["name"], True, network)
            agencies[fold(alias)] = spellings[_fold_letters(alias)] = agency
        for alias in entry["short"]:
            agency = Agency(entry["name"], False, network)
            agencies.setdefault(fold(alias), agency)
            spellings.setdefault(_fold_letters(alias), agency)
    return Lexicon(
        places=frozenset(fold(p) for p in _lines("places.txt")),
        newspapers=frozenset(fold(p) for p in _lines("newspapers.txt")),
        agencies=agencies,
        spellings=spellings,
    )


# --- agency mentions over the whole body: two regexes, aliases as tries ---------------


def _classes(space: str) -> dict[str, str]:
    """How alias characters are matched, ``space`` being the whitespace class body.

    Letters stand for their spelling variants; the space and the dot between the letters
    of an abbreviation (أ ف ب, د.ب.أ) must be there: without them, و م ع would be found
    in every ومع ("and with").
    """
    return {"ا": "[اأإآٱ]", "ي": "[يى]", "ه": "[هة]", " ": rf"[{space}.]+", ".": rf"\.[{space}]*"}


def _mention_rules(space: str, start: str, end: str) -> tuple[str, str]:
    """The two rules of agency mentions, as regexes: ``named``, a name safe anywhere
    standing as a word (after و, ف, ب or ل); ``context``, any name, short ones too, after
    ``وكالة`` or inside brackets or slashes. ``space`` is the whitespace class body,
    ``start`` and ``end`` what stands at the edges of a word (each alias list as a trie,
    which keeps ``re`` from retrying every alias at every position)."""
    lex = lexicon().spellings
    strong = trie_regex(sorted(k for k, a in lex.items() if a.strong), _classes(space))
    every = trie_regex(sorted(lex), _classes(space))
    s = f"[{space}]"
    named = rf"{start}[وفبل]?(?P<a>{strong}){end}"
    context = (
        rf"وكال(?:[ةه]|ات|تي){s}+(?:[اأ]نباء{s}+|ال[اأ]نباء{s}+)?[«\"“(]?{s}*(?P<k>{every}){end}"
        rf"|[(/]{s}*(?P<b>{every}){s}*[)/]"
    )
    return named, context


class _MentionRes(NamedTuple):
    named: re.Pattern[str]
    context: re.Pattern[str]
    # The same rules in RE2 (google-re2), the word edges loosened: a text it finds
    # nothing in holds no mention (see _hits).
    gate: Any


# RE2's \s is ASCII only; this is every character Python's \s matches (tested).
RE2_SPACE = r"\s\v\x{1c}-\x{1f}\x{85}\p{Z}"
# Not a letter for RE2: outside ranges every character of which is a letter in every
# Unicode version, so every character Python takes for a non-letter is one (tested).
_RE2_EDGE = r"[^A-Za-z\x{0621}-\x{064A}]"


def re2_gate() -> str:
    """The two rules of agency mentions for RE2 (google-re2), their word edges loosened:
    where RE2 finds nothing, the rules find nothing."""
    return "|".join(_mention_rules(RE2_SPACE, f"(?:^|{_RE2_EDGE})", f"(?:$|{_RE2_EDGE})"))


@cache
def _mention_res() -> _MentionRes:
    import re2

    named, context = _mention_rules(r"\s", r"(?<![^\W\d_])", r"(?![^\W\d_])")
    options = re2.Options()
    options.never_capture = True
    return _MentionRes(re.compile(named), re.compile(context), re2.compile(re2_gate(), options))


# An RE2 gate reads a UTF-8 copy of the text: over this many characters that copy would
# cost more memory than the gate saves time (an article is a few thousand).
GATE_MAX = 1 << 20


def _hits(text: str) -> list[tuple[int, str]]:
    """``(start, alias)`` of every match of the two rules, each run over the whole text.

    The rules' look-behind is tried at every character (~30 MB/s, 0.9 s over 8,000 bulk
    articles), so RE2, a compiled automaton (one pass in C), first tests whether the
    text may hold a match at all: 7,369 of those 8,000 articles hold none.
    """
    res = _mention_res()
    if len(text) <= GATE_MAX:
        try:
            if res.gate.search(text) is None:
                return []
        except UnicodeEncodeError:  # a lone surrogate: RE2 reads UTF-8 only
            pass
    hits = [(m.start(), m.group("a")) for m in res.named.finditer(text)]
    hits += [(m.start(), m.group("k") or m.group("b")) for m in res.context.finditer(text)]
    return hits


def agency_mentions(text: str) -> list[str]:
    """Canonical names of the agencies ``text`` cites, in order of first mention.

    >>> agency_mentions('وقال لوكالة "هاوار" إن … بحسب ما نقلت وكالة رويترز')
    ['Hawar', 'Reuters']
    >>> agency_mentions("سافر إلى بترا مع أصدقائه")  # Petra the city, not the agency
    []
    """
    lex = lexicon().agencies
    hits = _hits(text)
    hits.sort()
    seen: dict[str, None] = {}
    for _, alias in hits:
        ag = lex.get(fold(alias))
        if ag is not None and not ag.network:
            seen.setdefault(ag.name, None)
    return list(seen)


# --- bylines and datelines -----------------------------------------------------------

def _word_lists() -> dict[str, frozenset[str]]:
    """The sections of ``data/dateline_words.txt``, folded."""
    return {
        name: frozenset(fold(w) for w in words)
        for name, words in read_sections("dateline_words.txt").items()
    }


_WORDS = _word_lists()
_LABELS = _WORDS["labels"]
_NOT_NAME = _WORDS["not-name"]
_NAME_PARTICLES = _WORDS["name-particles"]
_BYLINE_KEYWORDS = trie_regex(
    read_sections("metadata_words.txt")["byline-keywords"], {" ": r"\s+"}
)
_KEYWORD = lazy(rf"^\s*(?:{_BYLINE_KEYWORDS})\s*[:：]\s*|^\s*بقلم\s+")
_SEP = lazy(r"\s*(?:[-–—―:|/،,؛()\[\]]|\s[ـ]+\s|--)+\s*")
# Byline keywords that are nouns label a headline ("تقرير: …"); the verbs (كتب, حاوره…)
# name a writer even when the body runs on after the name.
_HEADING_LABELS = _WORDS["heading-labels"]
_PAREN_DATELINE = lazy(
    r"^(?P<pre>[^()\n]{0,80}?)\s*\(\s*(?P<ag>[^()\n]{1,30}?)\s*\)\s*(?P<sep>[-–—ـ]+|:)?"
)
_LEADING_LATIN = lazy(r"^[A-Za-z][A-Za-z ]{0,30}(?=[\u0600-\u06ff])")
_LATIN = lazy(r"[A-Za-z]")
_ARABIC = lazy(r"[\u0600-\u06ff]")
_WORD = lazy(rf"^(?:[^\W\d_]|[{MARK}{TATWEEL}])+$")  # letters, marks and tatweel


class Byline(NamedTuple):
    location: str | None
    agency: str | None
    author: str | None


def _classify(seg: str, lex: Lexicon) -> tuple[str, str]:
    """``(kind, value)`` of a byline segment."""
    words = seg.split(None, 9)  # all the words when there are at most 9: a body is not cut
    if len(words) > 8:  # longer than any name, place or agency: body text
        return "unknown", seg
    if len(words) > 1:  # "أبوظبي في", "المنامة الموافق م واس": drop the joining words
        seg = " ".join(w for w in words if fold(w) not in _LABELS)
    key = fold(seg)
    if not key or key.replace(" ", "").isdigit():
        return "skip", ""
    if key.startswith("وكاله "):
        key = key[len("وكاله ") :]
    if key in _LABELS:
        return "skip", ""
    ag = lex.agencies.get(key)
    if ag is not None:
        return "agency", ag.name
    if key in lex.places:
        return ("place+paper" if key in lex.newspapers else "place"), seg.strip()
    if key in lex.newspapers:
        return "paper", seg.strip()
    if _is_name(seg):
        return "person", " ".join(seg.split())
    return "unknown", seg


def _is_name(seg: str) -> bool:
    if len(seg) > 45:
        return False
    words = seg.split()
    if not 2 <= len(words) <= 5:
        return False
    if _LATIN.search(seg) and _ARABIC.search(seg):
        return False
    keys = [fold(w) for w in words]
    if keys[0].startswith("ال") or keys[0] in _NAME_PARTICLES:
        return False
    return all(_WORD.match(w) for w in words) and not any(k in _NOT_NAME for k in keys)


def _split_runon(seg: str, lex: Lexicon) -> list[tuple[str, str]] | None:
    """A segment with no separator inside, such as ``المنامة واس``: place then agency."""
    words = seg.split(None, 12)  # every word when there are at most 12
    if len(words) > 11:  # the right part would hold over 8 words: never an agency
        return None
    for i in range(1, min(len(words), 4)):
        lk = _classify(" ".join(words[:i]), lex)
        if not lk[0].startswith("place"):
            continue  # the right part (the longer, dearer to read) cannot help
        rk = _classify(" ".join(words[i:]), lex)
        if rk[0] == "agency":
            return [lk, rk]
    return None


def _leading_entity(seg: str, lex: Lexicon) -> tuple[str, str] | None:
    """The agency or newspaper that opens ``seg`` when the body runs on (``سانا أكد …``)."""
    words = seg.split()
    for n in (3, 2, 1):
        if len(words) > n:
            kind, value = _classify(" ".join(words[:n]), lex)
            if kind in ("agency", "paper"):
                return kind, value
    return None


def _segments(text: str) -> list[tuple[str, str]]:
    """Segments of ``text`` with the separator that ends each ("" at the end)."""
    return list(_iter_segments(text))


def _iter_segments(text: str) -> Iterator[tuple[str, str]]:
    """``_segments`` one at a time: a body line is given up at its first segment, so
    cutting the rest of it is wasted."""
    pos = 0
    for m in _separators(text):
        yield text[pos : m.start()], m.group().strip() or " "
        pos = m.end()
    if text[pos:].strip():
        yield text[pos:], ""


# Where a separator of _SEP can begin: one of its characters, or the tatweels of " ـ "
# (a run of them at once, so that a line of tatweels is not read one by one).
_SEP_START = lazy(r"[-–—―:|/،,؛()\[\]ـ]ـ*")


def _separators(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_SEP.finditer(text)``.

    ``_SEP`` opens with ``\\s*``, so ``re`` tries it at every character; here the first
    separator is found by a class (skipped to in C) and the match begins at the start of
    the spaces before it: the leftmost place ``_SEP`` matches (tested).
    """
    start = scan = 0
    while (c := _SEP_START.search(text, scan)) is not None:
        k = c.start()
        if text[k] == "ـ":
            k -= 1  # " ـ " begins at its space
            if k < start or _SEP.match(text, k) is None:
                scan = c.end()
                continue
        k = start + len(text[start:k].rstrip())  # back over the spaces before it
        m = _SEP.match(text, k)
        assert m is not None  # a separator begins after these spaces
        yield m
        start = scan = m.end()


def _resolve(parts: list[tuple[str, str]]) -> Byline | None:
    kinds = [k for k, _ in parts]
    if not any(k in ("place", "place+paper", "agency", "paper") for k in kinds):
        return None
    places = [v for k, v in parts if k == "place"]
    location = places[0] if places else None
    both = [v for k, v in parts if k == "place+paper"]
    if location is None and both:
        location = both[0]  # "الرياض - سعود المسعود": the city; "اليوم - الرياض" has a place
    agency = next((v for k, v in parts if k == "agency"), None)
    persons = [v for k, v in parts if k == "person"]
    author = "، ".join(persons) if persons else None
    return Byline(location, agency, author)


def _parse_line(line: str, lex: Lexicon, short: bool) -> Byline | None:
    line = _LEADING_LATIN.sub("", line.strip()).strip(" *-–—")
    if not line:
        return None
    m = _PAREN_DATELINE.match(line)
    if m:
        ag = _classify(m.group("ag"), lex)
        # "أتلانتا، الولايات المتحدة الأمريكية (CNN) نفى …": after an agency in brackets
        # the body may start with no dash; after a place or paper a dash or colon is needed.
        if ag[0] in ("agency", "paper", "place") and (m.group("sep") or ag[0] == "agency"):
            pre = strip_dates(m.group("pre"))
            parts = [_classify(s, lex) for s, _ in _segments(pre) if s.strip()]
            parts = [p for p in parts if p[0] != "skip"]
            if all(k != "unknown" for k, _ in parts):
                # "جابر العميري (جدة)": a person before a bracketed place
                return _resolve(parts + [ag])
    colon = line.find(":", 0, 100)
    if colon > 0:
        # "أبها: محمد الفيفي" is a whole byline; in "سبق - الرياض: وجد الأمير …" the colon
        # ends the byline and the rest is body.
        whole = _parse_segments(line, lex, True) if short else None
        return whole or _parse_segments(line[:colon], lex, True)
    return _parse_segments(line, lex, short)


# "اليوم (الإثنين)", "اليوم الاثنين": "today (Monday)", not the newspaper اليوم.
_TODAY = lazy(
    r"اليوم(?<![^\W\d_]اليوم)\s*(?:\(\s*)?(?:ال)?(?:[أا]حد|[اإأ]ثنين|ثلاثاء|[أا]ربعاء|خميس|جمع[ةه]|سبت)"
    r"(?![^\W\d_])\s*\)?"
)


def _parse_segments(line: str, lex: Lexicon, short: bool) -> Byline | None:
    if "اليوم" in line:
        line = _TODAY.sub(" ", line)
    head = strip_dates(line[:200]) if not short else strip_dates(line)
    parts: list[tuple[str, str]] = []
    complete = True
    sep = ""
    for i, (seg, seg_sep) in enumerate(_iter_segments(head)):
        prev_sep, sep = sep, seg_sep  # the separators before and after this segment
        if not seg.strip():
            continue
        kind, value = _classify(seg, lex)
        if kind == "skip":
            continue
        if kind in ("unknown", "person") and (short or i == 0):
            runon = _split_runon(seg, lex)
            if runon:
                parts.extend(runon)
                continue
        if kind == "unknown":
            lead = _leading_entity(seg, lex) if i > 0 and not short else None
            if lead:
                parts.append(lead)
            complete = False
            # The body may begin only after a dash or colon, not a comma ("غزة، التي…").
            if not short and (not parts or prev_sep in ("،", ",")) and not lead:
                return None
            break
        parts.append((kind, value))
    if short and not complete:
        return None
    return _resolve(parts)


def _keyword_author(line: str) -> tuple[str | None, str]:
    """The name after ``كتب:``/``بقلم``/… and the rest of the line."""
    m = _KEYWORD.match(line)
    if not m:
        return None, ""
    rest = line[m.end() :]
    cut = next(_separators(rest), None)  # not _SEP.search: quadratic on a run of spaces
    name, tail = (rest[: cut.start()], rest[cut.end() :]) if cut else (rest, "")
    words = name.split()
    if len(words) > 4 or (not cut and len(rest.split()) > 5):
        if not cut and fold(m.group().strip(" :：")) in _HEADING_LABELS:
            # "تقرير: الكوارث الطبيعية أدت لنزوح…" heads a headline, not a name.
            return None, ""
        # The name runs into the body ("حاوره: محمد السيد أعرب …"): keep the name words.
        keep = 3 if len(words) > 2 and fold(words[1]) in _NAME_PARTICLES else 2
        if words and fold(words[0]) in _NAME_PARTICLES:
            keep += 1
        words = words[:keep]
        tail = ""
    keys = [fold(w) for w in words]
    if not words or any(k in _NOT_NAME for k in keys) or not all(_WORD.match(w) for w in words):
        return None, ""
    return " ".join(words), tail


def _short(s: str) -> bool:
    """A line short enough to be a whole byline; a longer one is a paragraph, where the
    body begins."""
    # The length first: a body paragraph need not be cut into words to be long.
    return len(s) <= 90 and len(s.split(None, 10)) <= 10


def parse_head(lines: list[str], max_lines: int = 4) -> Byline:
    """Location, agency and author from the first lines of the body (title excluded).

    Lines are read until the first body paragraph; fields found on earlier lines win.

    >>> parse_head(["المنامة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", "نص الخبر."])
    Byline(location='المنامة', agency='SPA', author=None)
    >>> parse_head(["أبها: محمد الفيفي"])
    Byline(location='أبها', agency=None, author='محمد الفيفي')
    """
    lex = lexicon()
    location = agency = author = None
    for line in lines[:max_lines]:
        s = line.strip()
        if not s:
            continue
        short = _short(s)
        found = None
        name, tail = _keyword_author(s)
        if name:
            author = author or name
            found = _parse_line(tail, lex, True) if tail.strip() else None
        else:
            found = _parse_line(s, lex, short)
        if found:
            location = location or found.location
            agency = agency or found.agency
            author = author or found.author
        if not short:
            break  # the body has begun
    return Byline(location, agency, author)


def is_byline(line: str) -> bool:
    """Whether ``line``, read as a short line of an article's head, is a byline or
    dateline: every segment a place, agency, newspaper, label, date or name, one of them
    at least a place, agency or newspaper (or a byline keyword before a name).

    >>> is_byline("عين اليوم – متابعات"), is_byline("أبها: محمد الفيفي")
    (True, True)
    >>> is_byline("تابعونا على تويتر"), is_byline("* خدمة «نيويورك تايمز»")
    (False, False)
    """
    s = line.strip()
    if not _short(s):
        return False  # a paragraph
    lex = lexicon()
    name, tail = _keyword_author(s)
    if name:
        return not tail.strip() or _parse_line(tail, lex, True) is not None
    return _parse_line(s, lex, True) is not None


def keyword_author(lines: list[str]) -> str | None:
    """The first author named by a byline keyword (``كتب:``, ``بقلم``, …) among ``lines``.

    >>> keyword_author(["إعداد: سارة أحمد"])
    'سارة أحمد'
    """
    for line in lines:
        name, _ = _keyword_author(line.strip())
        if name:
            return name
    return None
