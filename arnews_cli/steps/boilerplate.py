"""strip-boilerplate: keep the article, drop the page (CONTRACT §5.3).

Plain text has no markup to tell chrome from body, so the rules look at whole lines:
what a line is made of (only share/social/footer words, only a date, only a number),
how it starts (``اقرأ أيضاً:``, ``للمزيد:``, ``الوسوم:``), what a short line holds
(``جميع الحقوق محفوظة``, ``اضغط هنا``), and where it stands (the headlines under a
"related" or "most read" heading; lines after the last sentence of the body). Phrases
live in ``arnews_cli/data/boilerplate.txt`` and are compared after normalisation, so
one entry covers the spelling variants (اقرأ أيضاً / اقرأ أيضا / إقرأ ايضا).

Precision comes first: the generic rules only take short lines that are made of
chrome vocabulary or open with a chrome marker, never a line because it is short, so
a subheading such as ``فساد واحتيال`` stays.

>>> text, removed = strip("عنوان الخبر\\n\\nقال الوزير إن العمل مستمر.\\n\\nاقرأ أيضاً:\\nعنوان آخر\\n12")
>>> text
'عنوان الخبر\\n\\nقال الوزير إن العمل مستمر.'
>>> [(r["line"], r["reason"]) for r in removed]
[(4, 'blank-left'), (5, 'related'), (6, 'related'), (7, 'lone-number')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container
from functools import lru_cache
from itertools import islice
from typing import Any, NamedTuple

from arnews_cli.arabic import (
    CARRIER_FOLDS,
    DIGIT,
    LETTER_FOLDS,
    MARK,
    TATWEEL,
    TO_ASCII_DIGITS,
)
from arnews_cli.data import read_text
from arnews_cli.steps.lazy import lazy

__all__ = [
    "distinct_lines",
    "line_key",
    "line_keys",
    "normalize",
    "strip",
    "line_rule",
    "DEFAULT_RULES",
]

_DIGITS = lazy(f"[{DIGIT}]+")


def line_key(line: str) -> str:
    """The form under which lines are compared across a collection (digits and spaces folded).

    >>> line_key("  فرانس24/ أ ف ب ") == line_key("فرانس٢٤/  أ ف ب")
    True
    """
    return " ".join(_DIGITS.sub("0", line).split())


def line_keys(text: str) -> set[str]:
    """The distinct keys of the non-blank lines of ``text``.

    >>> sorted(line_keys("أ  ب ١٢\\n\\nأ ب 7\\n x")) == sorted({line_key("أ ب 1"), "x"})
    True
    """
    keys = set(map(line_key, distinct_lines(text)))
    keys.discard("")
    return keys


def distinct_lines(text: str) -> set[str]:
    """The lines of ``text``, each once (a page repeats its blank and chrome lines)."""
    return set(text.split("\n"))


# --- normalisation -------------------------------------------------------------------

# Letter variants folded to one letter, and Arabic-Indic and Persian digits to ASCII ones.
_FOLD = str.maketrans({**LETTER_FOLDS, **CARRIER_FOLDS}) | TO_ASCII_DIGITS
_MARKS = lazy(f"[{MARK}{TATWEEL}]+")
_NONWORD = lazy(r"[\W_]+")


def normalize(s: str) -> str:
    """Letters folded, marks dropped, punctuation to single spaces: the form phrases match in.

    >>> normalize("إقرأ أيضاً:") == normalize("اقرا ايضا")
    True
    """
    return _NONWORD.sub(" ", _MARKS.sub("", s.translate(_FOLD)).lower()).strip()


#: Letters :func:`normalize` leaves as they are, neither folded nor dropped.
KEPT_LETTERS = "لمن"


def kept_counts(s: str) -> tuple[int, ...]:
    """How often ``s`` holds each of ``KEPT_LETTERS``: lines that differ in these counts
    cannot have the same normal form (``kept_counts(normalize(s)) == kept_counts(s)``)."""
    return tuple(map(s.count, KEPT_LETTERS))


# --- lexicon -------------------------------------------------------------------------


class Lexicon(NamedTuple):
    row: dict[tuple[str, ...], str]  # phrase tokens -> rule (headings included)
    heading: dict[tuple[str, ...], str]
    prefix: dict[str, str]  # normalised phrase -> rule
    prefix_start: re.Pattern[str]  # matches a normal form that opens with a prefix
    contains: re.Pattern[str]
    contains_rule: dict[str, str]
    date_words: frozenset[str]
    longest: int  # tokens of the longest row phrase
    reading: frozenset[str]
    reading_words: frozenset[str]
    imperatives: frozenset[str]
    connectives: frozenset[str]
    operator: re.Pattern[str]
    starts: dict[str, str]  # normalised phrase -> rule
    share_verbs: dict[str, str]  # normalised verb -> rule
    platforms: frozenset[str]
    tail_tags: frozenset[str]
    weekdays: frozenset[str]
    weekday_after: frozenset[str]
    continuations: frozenset[str]
    continuation_phrases: frozenset[str]
    date_connectives: frozenset[str]
    listen_verbs: frozenset[str]
    article_nouns: frozenset[str]
    listen_words: frozenset[str]
    operator_names: frozenset[str]
    waw_root: frozenset[str]
    credits: frozenset[str]
    sms_words: frozenset[str]
    lede_verbs: frozenset[str]
    reading_units: frozenset[str]
    rights_words: frozenset[str]
    contact_words: frozenset[str]
    time_ago: frozenset[str]
    time_units: frozenset[str]
    send_verbs: frozenset[str]
    sms_marks: frozenset[str]
    date_label_starts: frozenset[str]  # first words of the [prefix:date-line] labels


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The phrase lists of ``data/boilerplate.txt``, normalised (loaded once)."""
    row: dict[tuple[str, ...], str] = {}
    heading: dict[tuple[str, ...], str] = {}
    prefix: dict[str, str] = {}
    contains: dict[str, str] = {}
    starts: dict[str, str] = {}
    share_verbs: dict[str, str] = {}
    continuation_phrases: set[str] = set()
    words: dict[str, set[str]] = {
        k: set()
        for k in (
            "date-word",
            "reading",
            "reading-word",
            "imperative",
            "connective",
            "platform",
            "tail-tags",
            "weekday",
            "weekday-after",
            "continuation",
            "date-connective",
            "listen-verb",
            "article-noun",
            "listen-word",
            "waw-root",
            "credit",
            "sms-word",
            "lede-verb",
            "reading-unit",
            "rights-word",
            "contact-word",
            "time-ago",
            "time-unit",
            "send-verb",
            "sms-mark",
        )
    }
    operators: list[str] = []
    kind = rule = ""
    for line in read_text("boilerplate.txt").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            kind, _, rule = line[1:-1].partition(":")
            continue
        if kind == "operator":
            operators.append(line)
            continue
        phrase = normalize(line)
        if not phrase:
            continue
        toks = tuple(phrase.split())
        if kind == "row":
            row.setdefault(toks, rule)
        elif kind == "heading":
            heading.setdefault(toks, rule)
            row.setdefault(toks, rule)
        elif kind == "prefix":
            prefix.setdefault(phrase, rule)
        elif kind == "contains":
            contains.setdefault(phrase, rule)
        elif kind == "starts":
            starts.setdefault(phrase, rule)
        elif kind == "share-verb":
            share_verbs.setdefault(phrase, rule)
        elif kind == "continuation-phrase":
            continuation_phrases.add(phrase)
        elif kind in words:
            words[kind].update(toks)
    # Longest first so that the reported phrase is the most specific one.
    alts = "|".join(re.escape(p) for p in sorted(contains, key=len, reverse=True))
    names = "|".join(re.escape(p) for p in operators)
    return Lexicon(
        row=row,
        heading=heading,
        prefix=prefix,
        prefix_start=re.compile(
            "(?:{})(?: |$)".format("|".join(re.escape(p) for p in sorted(prefix, key=len)))
        ),
        contains=re.compile(rf"(?<!\w)(?:{alts})(?!\w)"),
        contains_rule=contains,
        date_words=frozenset(words["date-word"]),
        longest=max(len(t) for t in row),
        reading=frozenset(words["reading"]),
        reading_words=frozenset(words["reading-word"] | words["reading-unit"]),
        imperatives=frozenset(words["imperative"]),
        connectives=frozenset(words["connective"]),
        operator=re.compile(rf"\s*\d*\s*[-–]?\s*(?:{names})\s*", re.IGNORECASE),
        starts=starts,
        share_verbs=share_verbs,
        # A platform is a word of a [row:social] name or of the [platform:] list.
        platforms=frozenset(t for toks, r in row.items() if r == "social" for t in toks)
        | words["platform"],
        tail_tags=frozenset(words["tail-tags"]),
        weekdays=frozenset(words["weekday"]),
        weekday_after=frozenset(words["weekday-after"]),
        continuations=frozenset(words["continuation"]),
        continuation_phrases=frozenset(continuation_phrases),
        date_connectives=frozenset(words["date-connective"]),
        listen_verbs=frozenset(words["listen-verb"]),
        article_nouns=frozenset(words["article-noun"]),
        listen_words=frozenset(words["listen-word"]),
        operator_names=frozenset(normalize(p) for p in operators),
        waw_root=frozenset(words["waw-root"]),
        credits=frozenset(words["credit"]),
        sms_words=frozenset(words["sms-word"]),
        lede_verbs=frozenset(words["lede-verb"]),
        # A unit is a reading word too.
        reading_units=frozenset(words["reading-unit"]),
        rights_words=frozenset(words["rights-word"]),
        contact_words=frozenset(words["contact-word"]),
        time_ago=frozenset(words["time-ago"]),
        time_units=frozenset(words["time-unit"]),
        send_verbs=frozenset(words["send-verb"]),
        sms_marks=frozenset(words["sms-mark"]),
        date_label_starts=frozenset(p.split()[0] for p, r in prefix.items() if r == "date-line"),
    )


# --- line rules ----------------------------------------------------------------------

#: A line with more words than this is never taken by a vocabulary rule.
MAX_CHROME_WORDS = 40
#: Words of a date line at most (two labelled dates: "نشر في : الأحد 14 يناير 2024 - 10:30
#: ص | آخر تحديث : …").
MAX_DATE_WORDS = 24
#: Parts of a line of page data split at most (a longer row is not one).
MAX_META_PARTS = 6

# Bare counters only: "(1)" alone is a section number of the article, not a counter.
_LONE_NUMBER = lazy(r"[+-]?\d[\d,.٫٬]*\s*[kKmM]?")
_EMOJI = lazy("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u2190-\u21ff]")
# What ends a marker at the start of a line ("اقرأ أيضاً:", "للمزيد، …", "الرئيسية »").
_SEP_SPLIT = lazy(r"([^:：|»›>\-–—/.…،]*)([:：|»›>\-–—/.…،]+)")
_CRUMB_SEP = lazy(r"\s[»›>]\s")
# What sets apart the parts of a line of page data ("14 يناير 2024 | 3 دقائق قراءة").
_META_SEP = lazy(r"[|•]")
# A link, an address, a handle (``@name``, or ``name@`` as a right-to-left page writes
# it), or a bare domain of a few common endings (``diana@ asharqalawsat.com``).
_LINK_TOKEN = lazy(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w+|\w+@"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|gov|edu|info|sa|ae|eg|uk)",
    re.ASCII,
)
_SENTENCE_END = lazy(r"[.!؟?…:\"»”)\]'`]\s*$")
_PERIOD_END = lazy(r"[.…]\s*[\"»”)\]']?\s*$")
_NUMERIC_DATE = lazy(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}:\d{2}")
# "(بتوقيت مكة المكرمة)" after a time names a zone, not a place of the article.
# It is looked for from the zone word on, and the spaces and bracket before it are
# stripped after: a pattern opening with "\s*\(?\s*" retries a long run of spaces
# from each of its positions (quadratic on a 5 MB line).
_ZONE = lazy(r"ب?توقيت\s[^()]{0,40}\)?\s*$")

#: Rules in the order they are tried; each is a reason that can appear in ``removed``.
DEFAULT_RULES = (
    "repeated-title",
    "lone-number",
    "rule-line",
    "emoji-label",
    "lone-link",
    "date-line",
    "reading-time",
    "row",
    "prefix",
    "contains",
    "controls",
    "copyright",
    "share-row",
    "starts",
    "repeated-line",
    "repeated-in-collection",
    "title-in-collection",
    "related",
    "by-position",
    "blank-left",
)


# A count beside a counter's word, as the normal form has it ("1.2K" -> "1", "2k").
_COUNT = lazy(r"\d+[km]?")


def _row_rule(toks: list[str], lex: Lexicon) -> tuple[str, bool] | None:
    """``(rule, opens_block)`` when the tokens are all chrome phrases (counts allowed)."""
    if len(toks) > MAX_CHROME_WORDS:
        # Words glued by punctuation ("(A(A(A…") are one word of the line but many of
        # its normal form: no row of chrome is that long in either count.
        return None
    i, n, first, only_heading, phrases = 0, len(toks), "", True, 0
    while i < n:
        if _COUNT.fullmatch(toks[i]) or toks[i] in lex.connectives:
            i += 1
            continue
        for k in range(min(lex.longest, n - i), 0, -1):
            key = tuple(toks[i : i + k])
            rule = lex.row.get(key)
            if rule is not None:
                first = first or rule
                only_heading = only_heading and key in lex.heading
                phrases += 1
                i += k
                break
        else:
            return None
    if not phrases:
        return None
    return first, only_heading and phrases == 1


def _is_date(toks: list[str], lex: Lexicon) -> bool:
    # Digits alone ("2 -", "(3)") are list numbers; a date needs a date word or a
    # numeric date/time shape (checked by the caller on the raw line).
    return (
        any(t.isdigit() for t in toks)
        and any(not t.isdigit() for t in toks)
        and all(t.isdigit() or t in lex.date_words for t in toks)
    )


def _date_rule(s: str, toks: list[str], lex: Lexicon) -> bool:
    """A page's date line (``toks`` are its normal form's): only a date, or dates and
    their labels (``تاريخ النشر: 14-01-2024``, ``نشر في … آخر تحديث …``), or how long
    ago (``منذ ساعتين``); parts set apart by ``|`` or ``•`` may each be one, or a reading
    time (``14 يناير 2024 | 10:30 ص | 3 دقائق قراءة``)."""
    if "|" in s or "•" in s:
        parts = [p for p in _META_SEP.split(s, maxsplit=MAX_META_PARTS) if p.strip()]
        if len(parts) > 1:
            forms = [normalize(p).split() for p in parts]
            dated = [_date_part(p, f, lex) for p, f in zip(parts, forms, strict=True)]
            return any(dated) and all(
                d or not f or _reading_time(f, lex) for d, f in zip(dated, forms, strict=True)
            )
    return _date_part(s, toks, lex)


def _date_part(s: str, toks: list[str], lex: Lexicon) -> bool:
    # A date line names a number or how long ago; the label scan below is not asked of
    # the many short lines (subheads, captions) that name neither.
    if not any(t.isdigit() or t in lex.time_ago for t in toks):
        return False
    m = _ZONE.search(s) if "توقيت" in s else None
    unzoned = s[: m.start()].rstrip().removesuffix("(").rstrip() if m else s
    if unzoned != s:
        toks = normalize(unzoned).split()
    if _is_date(toks, lex):
        return True
    # The published/updated labels wherever they stand, and the words between a label
    # and its date ("في", "بتاريخ", "الساعة").
    rest: list[str] = []
    labelled, i = False, 0
    while i < len(toks):
        k = 0
        if toks[i] in lex.date_label_starts:
            labels = (
                k for k in (4, 3, 2, 1) if lex.prefix.get(" ".join(toks[i : i + k])) == "date-line"
            )
            k = next(labels, 0)
        if k:
            labelled, i = True, i + k
            continue
        rest.append(toks[i])
        i += 1
    # ("آخر تحديث: منذ ساعة": the hour of "الساعة 10:30" is a unit of how long ago.)
    dated = [t for t in rest if t not in lex.date_connectives]
    return bool(
        labelled and dated and (_is_date(dated, lex) or all(t.isdigit() for t in dated))
    ) or _time_ago(rest, lex)


def _time_ago(toks: list[str], lex: Lexicon) -> bool:
    """``منذ ساعتين``, ``قبل يومين``: a word of time past and a unit, without a number
    (``منذ 5 دقائق`` is a date of :func:`_is_date`)."""
    return (
        2 <= len(toks) <= 3
        and toks[0] in lex.time_ago
        and all(t in lex.time_units for t in toks[1:])
    )


def _listen_row(toks: list[str], nwords: int, lex: Lexicon) -> bool:
    """A listen-to-article control in any wording (``استمع إلى هذا المقال 3 دقائق``): a
    listen verb first, the article named, and nothing but their words and a duration."""
    return (
        nwords <= 8
        and toks[0] in lex.listen_verbs
        and any(t in lex.article_nouns for t in toks[1:])
        and all(
            t.isdigit() or t in lex.article_nouns or t in lex.listen_words or t in lex.reading_words
            for t in toks[1:]
        )
    )


def _operator_row(toks: list[str], nwords: int, lex: Lexicon) -> bool:
    """An SMS footer row of several operators and their short codes in any order
    (``الاتصالات ،636250 موبايلي، 738303``): operator names and numbers only."""
    return (
        nwords <= 8
        and any(t in lex.operator_names for t in toks)
        and any(t.isdigit() and len(t) >= 5 for t in toks)  # a short code, not a year
        and all(t.isdigit() or t in lex.operator_names for t in toks)
    )


def _sms_prompt(s: str, toks: list[str], nwords: int, lex: Lexicon) -> bool:
    """An SMS footer or prompt in any wording (``لمتابعة أخبار … عبر SMS أرسل 1 إلى
    88888``, ``أرسل كلمة عاجل إلى 85050``): a send verb, then "to" and a short code of
    4-6 digits, and a word of messages (sms, رسالة, كلمة, الرمز); not a full sentence.
    ``أرسلت الشركة 500 رسالة نصية إلى عملائها`` names no code after "to"."""
    if nwords > 20 or _PERIOD_END.search(s) or not any(t in lex.sms_marks for t in toks):
        return False
    sent = next((k for k, t in enumerate(toks) if t in lex.send_verbs), None)
    if sent is None:
        return False
    return any(
        t in ("الي", "to") and toks[k + 1].isdigit() and 4 <= len(toks[k + 1]) <= 6
        for k, t in enumerate(toks[sent + 1 : -1], sent + 1)
    )


def _reading_time(toks: list[str], lex: Lexicon) -> bool:
    """``قراءة 3 دقائق``: a reading word, a duration (a number or a unit), and nothing
    but reading words (``دقيقة واحدة للقراءة``, ``قراءة في 3 دقائق``); a subhead
    ``القراءة`` names no duration."""
    return (
        any(t in lex.reading for t in toks)
        and any(t.isdigit() or t in lex.reading_units for t in toks)
        and all(t.isdigit() or t in lex.reading or t in lex.reading_words for t in toks)
    )


def _prefix_rule(s: str, joined: str, nwords: int, lex: Lexicon) -> tuple[str, bool] | None:
    """A chrome marker at the start of ``s`` followed by a separator: ``(rule, opens_block)``.

    ``joined`` is ``s`` normalised. The text before a separator normalises to the first
    words of ``joined`` (separators are not word characters), so a line whose normal form
    opens with neither a marker nor an imperative cannot match and is not split.
    """
    if not (lex.prefix_start.match(joined) or joined.split(" ", 1)[0] in lex.imperatives):
        return None
    m = _SEP_SPLIT.match(s)
    if not m:
        return None
    head = normalize(m.group(1))
    rest = s[m.end() :].strip()
    rule = lex.prefix.get(head)
    if rule is not None and rule != "date-line":
        if rule == "read-also" and rest and nwords > 25:
            return None  # a marker heading a whole paragraph is more likely prose
        return rule, not normalize(rest)
    # "اقرأ مدونة بي بي سي: حكاية خصلة شعر" — an imperative link label before a colon.
    htoks = head.split()
    if (
        htoks
        and htoks[0] in lex.imperatives
        and len(htoks) <= 5
        and rest
        and ":" in m.group(2)
        and nwords <= 18
        and not _PERIOD_END.search(s)
    ):
        return "read-also", False
    return None


def _lone_link(s: str, nwords: int, lex: Lexicon) -> bool:
    if not 0 < nwords <= 6:
        return False
    toks = s.split()
    links = [t for t in toks if _LINK_TOKEN.fullmatch(t.strip(".,،;:()[]<>«»\"'"))]
    if not links:
        return _contact_handle(s, nwords, lex)
    # At most a short label before the links ("تويتر:", "البريد الإلكتروني:").
    rest = [t for t in toks if t not in links]
    return (
        len(rest) <= 2
        and (not rest or rest[-1].endswith((":", "：")) or _contact_label(rest, lex))
        or len(rest) == 0
    )


def _contact_label(toks: list[str], lex: Lexicon) -> bool:
    """Words that name where to reach an author: a platform or an e-mail word
    (``تويتر``, ``Twitter``, ``إيميل``, ``البريد الإلكتروني``)."""
    words = normalize(" ".join(toks)).split()
    return bool(words) and all(w in lex.platforms or w in lex.contact_words for w in words)


#: A handle or address in a contact line, as a page writes it (``Arfaj1``, ``firas_t``,
#: ``Arfaj1@yahoo``): Latin letters, digits and their marks only.
_HANDLE = lazy(r"@?[A-Za-z0-9_.+-]{1,40}(?:@[A-Za-z0-9_.-]{1,40})?")


def _contact_handle(s: str, nwords: int, lex: Lexicon) -> bool:
    """An author's contact in any wording: a platform or e-mail label, then one handle
    or address, with or without a colon, glued or not (``تويتر @aljamili``, ``Twitter
    @firas_t``, ``تويتر: Arfaj1``, ``twitter:@Dr_Ahmed``). Nothing else is on the line."""
    if nwords > 4 or len(s) > 100:
        return False
    parts = [p for p in re.split(r"[\s:：]+", s) if p]
    if len(parts) < 2:
        return False
    *label, handle = parts
    # A bare word after a platform's name may be a product ("يوتيوب Premium"): a handle
    # has "@", a digit or "_" in it, or a colon before it.
    marked = any(c in "@_" or c.isdigit() for c in handle) or ":" in s or "：" in s
    return (
        marked
        and bool(_HANDLE.fullmatch(handle))
        and any(c.isalpha() for c in handle)
        and _contact_label(label, lex)
    )


def _breadcrumb(s: str, nwords: int) -> bool:
    """``الرئيسية » أخبار » محلية``: two separators or more, and no sentence end."""
    return nwords <= 12 and len(_CRUMB_SEP.findall(s)) >= 2 and not _SENTENCE_END.search(s)


# A control of the page: one letter, maybe with a sign ("A A A", "A- A+", "أ أ").
_CONTROL = lazy(r"[+\-−]?[^\W\d_][+\-−]?")


def _controls(s: str, nwords: int) -> bool:
    """A row of font-size (or similar) controls: two to six lone letters, maybe set
    apart by marks (``ع- | ع | ع+``)."""
    if not 2 <= nwords <= 11:
        return False
    letters = [t for t in s.split() if not _NONWORD.fullmatch(t)]
    return 2 <= len(letters) <= 6 and all(_CONTROL.fullmatch(t) for t in letters)


def _copyright(s: str, toks: list[str], nwords: int, lex: Lexicon) -> bool:
    """``© 2024 …`` or ``(c) 2024 …`` in a short line, or "rights" and "reserved" in a
    short line that is not a sentence (``جميع حقوق الطبع والنشر محفوظة لـ…``) or that
    names the rights of publishing (``حقوق نشر كافة الصور محفوظة.``, not ``حقوق
    المواطنين محفوظة.``), or the rights of publishing and a year, not as a sentence
    (``حقوق الطبع والنشر 2024 لـ القدس العربي``)."""
    if "©" in s or s[:3].lower() == "(c)":
        return nwords <= 15
    if nwords > 12 or not any("حقوق" in t for t in toks):
        return False
    sentence = bool(_PERIOD_END.search(s))
    if any(t.startswith("محفوظ") for t in toks):
        return not sentence or any(t in lex.rights_words for t in toks)
    # Without "reserved": the rights of printing or publishing only ("حقوق الملكية
    # الفكرية 2030" may head a section).
    printing = any(t.removeprefix("و").removeprefix("ال") in ("نشر", "طبع") for t in toks)
    return printing and not sentence and any(len(t) == 4 and t.isdigit() for t in toks)


def _share_row(s: str, toks: list[str], nwords: int, lex: Lexicon) -> str | None:
    """A short line opening with a share/follow verb and naming a platform, in any
    wording (``شاركوا الخبر على فيسبوك``, ``تابعوا صفحتنا على إنستغرام``)."""
    if nwords > 12 or _PERIOD_END.search(s):
        return None
    rule = lex.share_verbs.get(toks[0])
    if rule and any(t in lex.platforms for t in toks[1:]):
        return rule
    return None


def line_rule(line: str) -> tuple[str, bool] | None:
    """The chrome rule ``line`` falls under on its own, with whether it opens a block.

    >>> line_rule("التعليقات (0)")
    ('comment-counter', False)
    >>> line_rule("فساد واحتيال") is None
    True
    """
    s = line.strip()
    return _line_rule(s, len(s.split()), lambda: normalize(s), lexicon())


def _line_rule(
    s: str, nwords: int, norm: Callable[[], str], lex: Lexicon
) -> tuple[str, bool] | None:
    """:func:`line_rule` of a stripped line of ``nwords`` words; ``norm()`` gives its
    normal form, asked only of a line short enough for a rule (normalising every
    paragraph of a page would cost more than the rules)."""
    if not s or nwords > MAX_CHROME_WORDS:
        return None
    if len(s) <= 16 and _LONE_NUMBER.fullmatch(s):
        return "lone-number", False
    toks = norm().split()
    if not toks:
        # A lone "." and a line of asterisks ("***", "* *") are the author's separators
        # (between a poem's verses, a column's sections); a rule of the page is drawn
        # with other marks ("-----", "____") or is invisible (U+FEFF).
        if s == "." or not s.replace("*", "").replace(" ", ""):
            return None
        return ("rule-line", False) if len(s) > 1 or not s.isprintable() else None
    if nwords <= 8 and _EMOJI.match(s):
        row = _row_rule(toks, lex)
        return "emoji-label", bool(row and row[1])
    if _lone_link(s, nwords, lex):
        return "lone-link", False
    if nwords <= MAX_DATE_WORDS and (
        _date_rule(s, toks, lex)
        or (all(t.isdigit() for t in toks) and _NUMERIC_DATE.search(s) and nwords <= 3)
    ):
        return "date-line", False
    if nwords <= 10 and _reading_time(toks, lex):
        return "reading-time", False
    if nwords <= 25:
        row = _row_rule(toks, lex)
        if row:
            return row
    # A row of hashtags; one alone is a column's own section label ("#نافذة:").
    if s[0] == "#" and nwords >= 2 and all(t.startswith("#") for t in s.split()):
        return "tags", False
    joined = " ".join(toks)
    pre = _prefix_rule(s, joined, nwords, lex)
    if pre:
        return pre
    m = lex.contains.search(joined)
    if m:
        return lex.contains_rule[m.group(0)], False
    # SMS footers and prompts are reported as an author's contact, as the footers were.
    if (
        lex.operator.fullmatch(s)
        or _operator_row(toks, nwords, lex)
        or _sms_prompt(s, toks, nwords, lex)
    ):
        return "author-contact", False
    if _breadcrumb(s, nwords):
        return "breadcrumb", False
    # The families below came with issue #16 (chrome in wordings the lexicon lacks).
    if _controls(s, nwords) or _listen_row(toks, nwords, lex):
        return "controls", False
    if _copyright(s, toks, nwords, lex):
        return "copyright", False
    share = _share_row(s, toks, nwords, lex)
    if share:
        return share, False
    for phrase, rule in lex.starts.items():
        if joined.startswith(phrase):
            return rule, False
    return None


# --- rules by position: above the body, after its last sentence -----------------------

_DIGIT = lazy(r"\d")


def _crumb_shape(s: str, nwords: int) -> bool:
    """A breadcrumb trail in any separator: ``A / B / C``, ``A | B | C``, ``A > B``.

    Only asked of lines above the body: inside it, ``الفيلم / المخرج / البلاد`` is a
    table's header."""
    if nwords > 12 or _SENTENCE_END.search(s) or _DIGIT.search(s) or "«" in s:
        return False
    for sep in "/|>»›":
        parts = s.split(sep)
        # One "/" or "|" may be a title's ("التحليلية | …"); one ">" is a trail.
        if len(parts) - 1 >= (1 if sep == ">" else 2) and all(
            1 <= len(p.split()) <= 3 for p in parts
        ):
            return True
    return False


#: Words a run of related headlines after the body has per line, at least and at most.
TAIL_HEADLINE_WORDS = (5, 20)
#: Lines such a run has at least (two short lines at the end are often photo captions).
TAIL_HEADLINES = 3
_QUOTE_MARK = lazy('["«»“”]')
# A list item opens with a bullet, a bracket or a number and its mark ("1-", "2.", "3)");
# a number followed by a word opens a headline ("10 معلومات عن …", "17 قتيلا …").
_LIST_MARK = lazy(r"[-*•–—(\[]|\d(?!\d*\s+[^\W\d_])")


def _tail_headline(s: str) -> bool:
    """A line that may be another story's headline: a few words, no sentence end, no
    list marker, no verse marks (a list or a poem at the end of an article stays)."""
    least, most = TAIL_HEADLINE_WORDS
    return (
        least <= len(s.split()) <= most
        and not _SENTENCE_END.search(s)
        and not s.endswith(("؟", "?", "!"))
        and not _LIST_MARK.match(s)
        and "*" not in s
    )


def _rhymes(lines: list[str]) -> bool:
    """Verse, not headlines: half the lines or more end as the line two before does
    (the rhyme of a poem's halves, as the corpus' Nabati poems have it)."""
    ends = [normalize(s)[-2:] for s in lines]
    same = sum(ends[k] == ends[k - 2] for k in range(2, len(ends)))
    return same * 2 >= len(ends) - 2


def _headline_like(s: str) -> bool:
    """A related headline: a short line that does not end a sentence with a full stop."""
    n = len(s.split())
    return 0 < n <= 25 and not _PERIOD_END.search(s) and not s.endswith((":", "："))


def _byline(s: str) -> bool:
    """Whether the line is a byline or dateline (:func:`dateline.is_byline`)."""
    from arnews_cli.steps.dateline import is_byline

    return is_byline(s)


def _body_like(s: str, n: int) -> bool:
    """A line of the body (of ``n`` words): a sentence of 8 words or more, or any line of
    25 or more."""
    # The word count first: the full-stop pattern is searched from the line's start, so
    # asking it of every paragraph scanned the whole text (6-12% of strip()).
    return n >= 25 or (n >= 8 and bool(_PERIOD_END.search(s)))


#: Words each line of a run of headlines between paragraphs has at most, and the
#: longest line of the run at least (the halves of a quoted couplet are shorter).
INLINE_HEADLINE_MOST, INLINE_HEADLINE_LONGEST = 15, 7


def _inline_headline(s: str, n: int) -> bool:
    """A headline-shaped line (of ``n`` words) inside the body: as :func:`_tail_headline`
    but shorter, and it may end on a closing quote (``… حول "علاقتهما الجنسية"``) or be a
    question (``هل سنرى "تأثير إليسا"؟``)."""
    if not TAIL_HEADLINE_WORDS[0] <= n <= INLINE_HEADLINE_MOST:
        return False  # most lines of a body: a paragraph
    return _headline_shape(s)


def _headline_shape(s: str) -> bool:
    """:func:`_tail_headline`, or a headline that ends on a closing quote or is a
    question; a quotation alone on its line, or a clause ending with a comma, is none."""
    bare = s.rstrip('"»”').rstrip("؟?").rstrip('"»”')
    # A quotation, not a headline: one quote from the first letter to the last
    # ('"أوبر" تعتزم بيع أسهم لـ"سوفت بنك"' quotes two names of a headline).
    quoted = s[:1] in '"«“' and bare != s and not _QUOTE_MARK.search(bare, 1)
    return (
        _tail_headline(bare)
        and not quoted
        and not s.endswith(("،", ",", "-"))  # a clause, or a letter's "…:-"
    )


def _goes_on(opening: str, lex: Lexicon) -> bool:
    """A line that goes on with the one before: ``opening``, the normal form of its first
    words, starts with a continuation word, bare or after و/ف (``كما``, ``ولكن``,
    ``ويضاف``), or a continuation phrase (``في المقابل``, ``من جانبه``)."""
    words = opening.split(maxsplit=2)[:2]
    first = words[0] if words else ""
    return (
        first in lex.continuations
        or (first[:1] in ("و", "ف") and first[1:] in lex.continuations)
        or " ".join(words) in lex.continuation_phrases
    )


def _waw_goes_on(s: str, opening: str, lex: Lexicon) -> bool:
    """A line that opens with the conjunction "و" goes on with the text before it
    ("وقال", "ودفعني هذا للتساؤل"), unless the و is the first letter of the word's root
    ("وقّعت", "وافق", "وزير", "واشنطن"); ``opening`` is the normal form of its first
    word(s). "ف" starts too many words (فرضت، فاز، فيلم) to tell its conjunction apart,
    so it is left to the continuation words."""
    return s[:1] == "و" and opening.split(" ", 1)[0] not in lex.waw_root


def _subhead(s: str, n: int) -> bool:
    """A subhead of ``n`` words: shorter than a headline, and no sentence or clause end
    (``كلمات الأغاني والذوق العام``, ``السرطان``)."""
    return (
        0 < n < TAIL_HEADLINE_WORDS[0]
        and not _SENTENCE_END.search(s)
        and not s.endswith(_COMMA_END)
    )


def _headlines_in_run(run: list[str], lines: int) -> bool:
    """Whether ``run`` (a run of ``lines`` headline-shaped lines between two paragraphs,
    without the questions that end it) holds other stories' headlines rather than a
    subhead: two headlines that are not questions, or one of headline length (at least
    ``INLINE_HEADLINE_LONGEST`` words) beside a question, as BBC pairs them (``هل يعجل
    فوز ترامب بسيطرة اليمين المتطرف على أوروبا؟`` then ``ارتفاع الاسواق الآسيوية …``).
    A lone line or a lone question may be a subhead, and two subheads do not follow each
    other; a short line beside a question may be a byline or a reply (``تحليل بول أدامز``)."""
    plain = [r for r in run if not r.endswith(("؟", "?"))]
    return len(plain) >= 2 or (
        lines >= 2 and len(plain) == 1 and len(plain[0].split()) >= INLINE_HEADLINE_LONGEST
    )


def _related_in_body(
    stripped: list[str],
    words: list[int],
    keys: list[str],
    reasons: list[str | None],
    first_idx: int | None,
    lines: list[int],
) -> bool:
    """Other stories' headlines a site sets between two paragraphs (BBC): two headline-
    shaped lines or more in a row (:func:`_headlines_in_run`), after a finished paragraph
    (one that ends with ":" brings a quote or a poem) and before another, one of the two
    longer than any line of the run (a bulletin's headlines have sentences of their
    length between them; a paragraph of one sentence may be short). A single such line
    may be a subhead of the article, and stays, unless the page has set a run of two
    full headlines elsewhere."""
    lex = lexicon()
    taken, single, asked = False, [], []  # asked: questions before another
    k = 1
    while k < len(lines) - 1:
        j = k
        while j < len(lines) and (
            reasons[lines[j]] is None
            and lines[j] != first_idx
            and _inline_headline(stripped[lines[j]], words[lines[j]])
            and not _goes_on(keys[lines[j]], lex)
            and not _waw_goes_on(stripped[lines[j]], keys[lines[j]], lex)
            and keys[lines[j]].split(" ", 1)[0] not in lex.credits
        ):
            j += 1
        if j == k:
            k += 1
            continue
        # A question just before a paragraph may head it ("ماذا قالت الخارجية؟"): it stays.
        # One only: a subhead is not followed by another, so a question before it is one
        # of the headlines.
        end = j
        if stripped[lines[end - 1]].endswith(("؟", "?")):
            end -= 1
        run = [stripped[i] for i in lines[k:end]]
        before, after = lines[k - 1], lines[j] if j < len(lines) else -1
        # A subhead of the article may stand between the paragraph and the run (BBC sets
        # its headlines under it: "كلمات الأغاني والذوق العام" then two other stories'):
        # the run follows the paragraph before the subhead.
        under = k >= 2 and _subhead(stripped[before], words[before]) and reasons[before] is None
        if under:
            before = lines[k - 2]
        if (
            end > k
            and after >= 0
            and reasons[before] is None
            and reasons[after] is None
            and _body_like(stripped[before], words[before])
            and not stripped[before].endswith((":", "："))
            and _body_like(stripped[after], words[after])
            and INLINE_HEADLINE_LONGEST
            <= max(words[i] for i in lines[k:end])
            < max(words[before], words[after])
            and not (len(run) >= 4 and _rhymes(run))  # two headlines may end alike
        ):
            if _headlines_in_run(run, j - k):
                # Two full headlines in the run show a page that sets them.
                full = sum(words[i] >= INLINE_HEADLINE_LONGEST for i in lines[k:end])
                taken = taken or full >= 2
                for i in lines[k:end]:
                    reasons[i] = "related"
            elif end - k == 1 and not under and _tail_headline(run[0]):
                single.append(lines[k])
            elif not under and all(stripped[i].endswith(("؟", "?")) for i in lines[k:end]):
                asked.extend(lines[k:end])
        k = j
    # A page that sets runs of other stories' headlines between its paragraphs (two
    # full headlines in a run) sets single ones too: there a lone line of a headline's
    # shape between two such paragraphs, ending on no quote or question, is one of them.
    # There, of two questions or more in a row between paragraphs, all but the last are
    # headlines too: a subhead is not followed by another (a column's rhetorical
    # questions may follow each other, on pages that set no headlines).
    if taken:
        for i in single + asked:
            reasons[i] = "related"
    return any(reasons[i] == "related" for i in lines)


#: Words a line needs to be taken for another story's lede.
LEDE_WORDS = 10
#: Lines a block of other stories' ledes after the article has at least and at most
#: (CNN's box holds five; a longer run of story-opening paragraphs reaches into the
#: article), and lines of it that carry a strong mark of a lede (or weak ones, with
#: one strong).
LEDE_BLOCK, LEDE_BLOCK_MOST, LEDE_MARKS = 3, 5, 2
#: Words at the start of a paragraph where a lede names its subject between commas.
LEDE_OPENING = 12
# "دبي، الإمارات العربية المتحدة (CNN)-- …": a place and the source in brackets.
_SOURCE_DATELINE = lazy(r"[^()\n]{0,60}\(\s*[A-Za-z][A-Za-z .]{0,24}\)\s*[-–—]")
# A lede may open with a quote and two dots: "كان متوقعاً".. هو الرد الذي …
_QUOTED_LEDE = lazy('["«“][^"«»“”\n]{1,80}["»”]\\s*\\.{2}')
_COMMA_END = ("،", ",")


def _source_dateline(s: str) -> bool:
    return bool(_SOURCE_DATELINE.match(s))


#: Share of a lede's content words (:func:`content_words`) it may have in common with
#: the article above it and still be another story's (a box of the same section may
#: name the same country or company).
STRANGER_SHARE = 0.2
#: The most common words of the corpus that tell nothing of what a paragraph is about
#: (the first entries of ``data/common_words.txt``: function words, and words such as
#: "الحكومة", "العام", "الرئيس"). Further down the list are names a story is about
#: ("روسيا", "النفط"), which a report's own paragraphs repeat.
COMMON_WORDS = 500


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    lines = (w for w in read_text("common_words.txt").splitlines() if w and not w.startswith("#"))
    return frozenset(islice(lines, COMMON_WORDS))


@lru_cache(maxsize=1)
def _clitics() -> tuple[str, ...]:
    """The prefixes of ``data/clitics.txt``, longest first."""
    lines = read_text("clitics.txt").splitlines()
    return tuple(sorted((w for w in lines if w and not w.startswith("#")), key=len, reverse=True))


def content_words(s: str) -> list[frozenset[str]]:
    """The words of ``s`` that tell what it is about, each as the forms it may be met in:
    its normal form's words of three letters or more that are neither numbers nor among
    the corpus' most common words, each as it is and without a glued article,
    conjunction or preposition (``data/clitics.txt``; "برنت" may be "ب" + "رنت", and
    "والنفط" meets "النفط" as "نفط").

    >>> [sorted(w) for w in content_words("ارتفع خام برنت والنفط 3.45 في المملكة")]
    [['ارتفع'], ['خام'], ['برنت', 'رنت'], ['النفط', 'نفط', 'والنفط']]
    """
    common, clitics = _common_words(), _clitics()
    return [
        frozenset([w] + [w[len(c) :] for c in clitics if w.startswith(c) and len(w) - len(c) >= 3])
        for w in normalize(s).split()
        if len(w) >= 3 and w not in common and not w.isdigit()
    ]


def _other_stories(
    stripped: list[str], reasons: list[str | None], run: list[int], start: int, title: int | None
) -> bool:
    """Whether the paragraphs of ``run``, after the article that ends before line
    ``start``, are other stories' ledes by what they are about: the page is a news
    report (a paragraph above opens with a dateline naming its source, ``دبي، … (CNN)--``)
    that does not end by bringing them (``وفيما يلي أبرز الأحداث …:`` brings a list of
    events), and none of them names a content word of the title (line ``title``) or
    shares more than a fifth of its content words with the article. A report's own last
    paragraphs name its subject again."""
    above = [i for i in range(start) if stripped[i] and reasons[i] is None]
    if title is None or not above or stripped[above[-1]].endswith((":", "：")):
        return False
    if not any(_source_dateline(stripped[i]) for i in above):
        return False
    heading = frozenset().union(*content_words(stripped[title]))
    article = frozenset().union(*(f for i in above for f in content_words(stripped[i])))
    for i in run:
        words = content_words(stripped[i])
        names = any(not forms.isdisjoint(heading) for forms in words)
        shared = sum(not forms.isdisjoint(article) for forms in words)
        if names or shared > STRANGER_SHARE * len(words):
            return False
    return True


def _lede_mark(s: str, lex: Lexicon) -> int:
    """How surely ``s`` is a news story's first paragraph: 2 when it opens with a
    dateline naming its source or names the day of the news between commas (``أعلنت
    الوزارة، الإثنين، أن…``, ``… الأحد الماضي، …``); 1 when it names its subject with a
    title between commas near its start (``قال الجنرال جوزيف فوتيل، قائد القيادة…، إن``)
    or opens as a news report (:func:`_opens_as_report`); else 0."""
    if _source_dateline(s):
        return 2
    toks = s.split()[:25]
    for k, t in enumerate(toks):
        if t.endswith(_COMMA_END) and normalize(t) in lex.weekdays:
            return 2
        if (
            k + 1 < len(toks)
            and toks[k + 1].endswith(_COMMA_END)
            and normalize(t) in lex.weekdays
            and normalize(toks[k + 1]) in lex.weekday_after
        ):
            return 2
    return int(
        sum(t.endswith(_COMMA_END) for t in toks[:LEDE_OPENING]) >= 2 or _opens_as_report(s, lex)
    )


def _opens_as_report(s: str, lex: Lexicon) -> bool:
    """``s`` opens as a news report does: with its bare verb (``أعلنت``, ``كشف``,
    ``قررت``), with the day of the event (``في 1 أكتوبر/تشرين أول من عام 1918 …``) or
    with a quote and two dots (``"كان متوقعاً".. هو الرد …``)."""
    first, second = (_opening(s).split() + ["", ""])[:2]
    return (
        first in lex.lede_verbs
        or (first == "في" and second.isdigit())
        or bool(_QUOTED_LEDE.match(s))
    )


def _opening(s: str) -> str:
    """The normal form of the first two words of paragraph ``s`` (split no further:
    paragraphs are long)."""
    return normalize(" ".join(s.split(maxsplit=2)[:2]))


def _lede_shape(s: str, n: int, lex: Lexicon) -> bool:
    """A paragraph (of ``n`` words) that may open a story: long enough, and not opening as
    a paragraph that goes on with the one before does (``و…``, ``ف…``, ``كما``, ``يذكر أن``,
    ``في المقابل``) or as a list item. It may open with a quotation (CNN's teasers
    ``"لماذا هذا الأمريكي …"؟``): the marks of the block decide."""
    if _source_dateline(s):
        return True
    if n < LEDE_WORDS:
        return False
    if _QUOTED_LEDE.match(s):
        return True  # the quote's own words ("كان متوقعاً") do not go on with anything
    opening = _opening(s)
    if _waw_goes_on(s, opening, lex):
        return False
    return opening != "" and not _goes_on(opening, lex) and not _LIST_MARK.match(s)


def _other_ledes(
    stripped: list[str],
    words: list[int],
    keys: list[str],
    reasons: list[str | None],
    first_idx: int | None,
) -> None:
    """The first paragraphs of other stories a site appends after the article (CNN's
    five): the last story-opening paragraphs in a row at the end of the page, when they
    are three or more and carry the marks of :func:`_lede_mark`: two strong, or one
    strong and two weak, or (a full box of five) four weak, two of them a report's
    opening.
    The article's own paragraphs go on with the story (``و…``, ``كما``, ``يذكر أن``),
    which ends the run; a page that repeats its own lead at the end (Al Mayadeen) is
    left to the repeated-line rule."""
    lex = lexicon()
    run: list[int] = []
    for i in range(len(stripped) - 1, -1, -1):
        if not stripped[i] or reasons[i] is not None:
            continue
        if (
            i == first_idx
            or len(run) == LEDE_BLOCK_MOST
            or not _lede_shape(stripped[i], words[i], lex)
        ):
            break
        run.append(i)
    if len(run) < LEDE_BLOCK:
        return
    marks = [_lede_mark(stripped[i], lex) for i in run]
    strong, weak = marks.count(2), marks.count(1)
    start = min(run)
    # Two strong marks, or one and two weak ones: a press review's paragraphs (one
    # newspaper each) may name a day once and a title between commas once. A box with
    # no strong mark needs a weak one on every line of three, or on all but one of four
    # or five, two of them opening as a report (a column's paragraphs are full of
    # commas, not of ledes). A box whose ledes open as teasers do (a present-tense verb,
    # a noun, a question to the reader) is told by what they are about instead.
    if not (
        strong >= LEDE_MARKS
        or (strong == 1 and weak >= LEDE_MARKS)
        or (
            weak >= len(run) - (len(run) > LEDE_BLOCK)
            and sum(_opens_as_report(stripped[i], lex) for i in run) >= LEDE_MARKS
        )
        or _other_stories(stripped, reasons, run, start, first_idx)
    ):
        return
    earlier = {keys[i] for i in range(start) if stripped[i]}
    article = any(
        reasons[i] is None and i != first_idx and _body_like(stripped[i], words[i])
        for i in range(start)
    )
    own = [keys[i] for i in run]
    if article and len(set(own)) == len(own) and earlier.isdisjoint(own):
        for i in run:
            reasons[i] = "related"


# --- the step ------------------------------------------------------------------------

#: Headlines taken under a block heading inside the body (the footer has no limit).
MAX_BLOCK_IN_BODY = 8
#: Words a line needs before, being another article's title, it counts as a link to it:
#: shorter titles ("الصين", a column's name) are also subheads and section labels.
MIN_OTHER_TITLE_WORDS = 4

#: Words a line needs before a later copy of it counts as a repeated paragraph.
MIN_REPEATED_WORDS = 6
#: Lines from this length are compared as they are, not normalised.
LONG_LINE = 2000

#: Non-blank lines at the top of a page searched for the title, past chrome such as
#: breadcrumbs.
TITLE_SEARCH = 8
#: Reasons that mark a line as page furniture above a title. Rules that can match a
#: headline itself ("شاهد.. …", "بالفيديو.. …", a read-also prefix) are not here: a first
#: line they take stays the title.
_ABOVE_TITLE = frozenset(
    {
        "breadcrumb",
        "date-line",
        "reading-time",
        "lone-number",
        "rule-line",
        "emoji-label",
        "lone-link",
        "share",
        "social",
        "nav",
        "site-name",
        "footer-links",
        "ad",
        "controls",
        "badge",
        "copyright",
    }
)


def _title_index(
    stripped: list[str], words: list[int], rule: Callable[[int], tuple[str, bool] | None]
) -> int | None:
    """The first non-blank line, or the first one a chrome rule does not take when a
    page opens with chrome (breadcrumbs, date lines, share rows) before its title.
    ``rule(i)`` is :func:`line_rule` of line ``i``."""
    nonblank = [i for i, s in enumerate(stripped) if s]
    for i in nonblank[:TITLE_SEARCH]:
        hit = rule(i)
        if hit is None and not _crumb_shape(stripped[i], words[i]):
            return i
        if hit is not None and hit[0] not in _ABOVE_TITLE:
            return i
    return nonblank[0] if nonblank else None


def _sms_words(toks: list[str], lex: Lexicon) -> bool:
    """A line of only an SMS footer's words, operator names and numbers: the wrapped end
    of the footer (``ثم الرسالة``, ``زين تبدأ بالرمز 162 مسافة ثم الرسالة``)."""
    return 0 < len(toks) <= 12 and all(
        t.isdigit() or t in lex.sms_words or t in lex.operator_names for t in toks
    )


def _contact_intro(i: int, stripped: list[str], toks: list[str], reasons: list[str | None]) -> bool:
    """A line after the article that brings the author's address on the next line
    (``ويتلقى الدكتور الاستفسارات عبر البريد الإلكتروني:`` then the address): it ends
    with a colon, names an e-mail word or a platform, and the next line is a contact."""
    lex = lexicon()
    if not (stripped[i].endswith((":", "：")) and len(toks) <= 12):
        return False
    if not any(t in lex.contact_words or t in lex.platforms for t in toks):
        return False
    nxt = next((j for j in range(i + 1, len(stripped)) if stripped[j]), None)
    return nxt is not None and reasons[nxt] in ("lone-link", "author-contact")


def _by_position(
    stripped: list[str],
    words: list[int],
    keys: list[str],
    form: Callable[[int], str],
    reasons: list[str | None],
    first_idx: int | None,
    first_body: int,
    last_body: int,
) -> None:
    """The rules that need to know where the body is: breadcrumbs above it; tag lines
    and a run of related headlines after its last sentence."""
    lex = lexicon()
    for i in range(first_body):
        s = stripped[i]
        if s and reasons[i] is None and i != first_idx and _crumb_shape(s, len(s.split())):
            reasons[i] = "breadcrumb"
    if last_body < 0:
        return  # no body: nothing is "after" it
    tail = [
        i
        for i in range(last_body + 1, len(stripped))
        if stripped[i] and reasons[i] is None and i != first_idx
    ]
    footer = False  # the line before was an author's contact footer
    for i in range(last_body + 1, len(stripped)):
        if not stripped[i]:
            continue
        if reasons[i] is None and i != first_idx:
            toks = form(i).split()
            s = stripped[i]
            if toks and toks[0] in lex.tail_tags and len(toks) <= 25 and not _PERIOD_END.search(s):
                reasons[i] = "tags"
            elif (footer and _sms_words(toks, lex)) or _contact_intro(i, stripped, toks, reasons):
                reasons[i] = "author-contact"
        footer = reasons[i] == "author-contact"
    body = [i for i in range(first_body, last_body + 1) if stripped[i]]
    inline = _related_in_body(stripped, words, keys, reasons, first_idx, body)
    # Other stories' headlines after the article, with no heading above them: only
    # when every line left after the last sentence is one (a signature, a list or a
    # poem at the end of the article keeps the whole tail). Three or more, two of them
    # no question; or two, on a page that set such headlines between its paragraphs,
    # or a full headline beside a question as BBC pairs them (two photo captions at the
    # end of a report are neither).
    rest = [i for i in tail if reasons[i] is None]
    plain = [i for i in rest if not stripped[i].endswith(("؟", "?"))]
    pair = len(plain) == 1 and words[plain[0]] >= INLINE_HEADLINE_LONGEST
    if (
        ((len(rest) >= TAIL_HEADLINES and len(plain) >= 2) or (len(rest) == 2 and (inline or pair)))
        and all(_headline_shape(stripped[i]) for i in rest)
        and not (len(rest) > 2 and _rhymes([stripped[i] for i in rest]))
    ):
        for i in rest:
            reasons[i] = "related"


def strip(
    text: str,
    repeated: Container[str] = frozenset(),
    title: str | None = None,
    others: Container[str] = frozenset(),
) -> tuple[str, list[dict[str, Any]]]:
    """Split ``text`` into what is kept and the lines removed (``{"line", "text", "reason"}``).

    ``repeated`` holds :func:`line_key` forms of lines that recur across a collection,
    ``others`` those of the titles of the collection's other articles (a line of
    :data:`MIN_OTHER_TITLE_WORDS` words or more that is one, after the body has begun, is
    a link to that article); ``title`` is the article's title when known (else its
    first line). Removed lines
    and kept lines together are the input lines: putting each removed line back at its
    1-based ``line`` number in the kept text gives the input again. Blank lines left
    doubled (or leading/trailing) by a removal go as ``blank-left``.

    >>> strip("عنوان\\n\\nعنوان\\nنص المقال.\\n12")
    ('عنوان\\n\\nنص المقال.', [{'line': 3, 'text': 'عنوان', 'reason': 'repeated-title'}, {'line': 5, 'text': '12', 'reason': 'lone-number'}])
    """
    final_nl = text.endswith("\n")
    lines = text.split("\n")
    if final_nl:
        lines.pop()  # the "" after the final newline (text[:-1] would copy the text)
    # The line facts and normal forms are gone once the reasons are known: a very large
    # article then holds its lines and the kept text, not also their normal forms.
    reasons = _reasons(lines, repeated, title, others)
    if not any(reasons):
        return text, []  # nothing to remove, so no blank line left doubled either
    kept = [line for line, why in zip(lines, reasons, strict=True) if why is None]
    removed = [
        {"line": i + 1, "text": lines[i], "reason": why}
        for i, why in enumerate(reasons)
        if why is not None
    ]
    if final_nl and kept:
        kept.append("")  # the final newline, without a copy of the joined text
    return "\n".join(kept), removed


def _reasons(
    lines: list[str], repeated: Container[str], title: str | None, others: Container[str]
) -> list[str | None]:
    """Why each of ``lines`` goes (``None``: it stays), as :func:`strip` reports it."""
    n = len(lines)
    stripped = [ln.strip() for ln in lines]
    words = [len(s.split()) for s in stripped]
    reasons: list[str | None] = [None] * n
    opens: list[bool] = [False] * n
    lex = lexicon()
    # What the rules ask of a line, computed once, when first asked.
    norms: dict[int, str] = {}
    hits: dict[int, tuple[str, bool] | None] = {}

    def norm(i: int) -> str:
        if i not in norms:
            norms[i] = normalize(stripped[i])
        return norms[i]

    def rule(i: int) -> tuple[str, bool] | None:
        if i not in hits:
            hits[i] = _line_rule(stripped[i], words[i], lambda: norm(i), lex)
        return hits[i]

    first_idx = _title_index(stripped, words, rule)
    title_norm = normalize(title) if title else None
    if title_norm is None and first_idx is not None:
        title_norm = norm(first_idx)

    # A line too long for the line rules is normalised only when another line or the
    # title could have its normal form (normalising every paragraph was 40% of the step).
    # Otherwise the line itself stands for it: its counts differ from every other key's.
    counts: Counter[tuple[int, ...]] = Counter()  # made when first needed

    def form(i: int) -> str:
        """The form line ``i`` is compared in: normalised, or as it is when very long."""
        return norm(i) if len(stripped[i]) < LONG_LINE else stripped[i]

    def key(i: int) -> str:
        """:func:`form`, or the line when no other line or the title can have its form."""
        if words[i] <= MAX_CHROME_WORDS:
            return form(i)
        if not counts:
            counts.update(kept_counts(s) for s in stripped if s)
            if title_norm:
                counts[kept_counts(title_norm)] += 1
        return stripped[i] if counts[kept_counts(stripped[i])] < 2 else form(i)

    keys: list[str] = [""] * n
    seen_title = False
    first_of_key: dict[str, int] = {}
    repeats: set[int] = set()
    links: list[int] = []  # lines that are the titles of other articles
    for i, s in enumerate(stripped):
        if not s:
            continue
        keys[i] = key(i)
        if title_norm and len(s) < LONG_LINE and keys[i] == title_norm:
            if seen_title:
                reasons[i] = "repeated-title"
                continue
            seen_title = True
            continue
        hit = rule(i)
        if hit:
            reasons[i], opens[i] = hit
            continue
        if keys[i] in first_of_key and words[i] >= MIN_REPEATED_WORDS:
            repeats.add(i)
        first_of_key.setdefault(keys[i], i)
        # Empty containers are the common case (no collection pass): no key to make.
        if (repeated or others) and i != first_idx:
            collection_key = line_key(s)
            if collection_key in repeated:
                reasons[i] = "repeated-in-collection"
            elif words[i] >= MIN_OTHER_TITLE_WORDS and collection_key in others:
                links.append(i)

    # Where the body starts and ends: after its last sentence, blank lines no longer
    # end a block, and outside it a lone number is a counter rather than data.
    def body_bounds() -> tuple[int, int]:
        body = [
            i
            for i in range(n)
            if reasons[i] is None and i != first_idx and _body_like(stripped[i], words[i])
        ]
        return (body[0], body[-1]) if body else (n, -1)

    first_body, last_body = body_bounds()
    # A byline or dateline above the body recurs across a site's articles (the same
    # reporter, the same city) and is still this article's.
    for i in range(first_body):
        if reasons[i] == "repeated-in-collection" and _byline(stripped[i]):
            reasons[i] = None
    _by_position(stripped, words, keys, form, reasons, first_idx, first_body, last_body)
    # Another article's title is a link to it once the body has begun; above the body
    # it is this article's own title or deck (a copy of that article under a label).
    # After the page's own rules, which read runs of headlines from the lines left.
    for i in links:
        if i > first_body and reasons[i] is None:
            reasons[i] = "title-in-collection"

    i = 0
    while i < n:
        if not opens[i]:
            i += 1
            continue
        taken, j = 0, i + 1
        while j < n:
            s = stripped[j]
            if not s:
                if j <= last_body:
                    break
                j += 1
                continue
            if reasons[j] is not None:
                if opens[j]:
                    break  # the next heading runs its own block
                j += 1
                continue
            if j == first_idx:
                break  # the title under a badge or a section label is the article's
            if not _headline_like(s) or (j <= last_body and taken >= MAX_BLOCK_IN_BODY):
                break
            reasons[j] = "related"
            taken += 1
            j += 1
        i = j
    # After the blocks under a heading: a box of other stories' ledes may stand above
    # such a block at the end of the page.
    _other_ledes(stripped, words, keys, reasons, first_idx)

    if not any(reasons) and not repeats:
        return reasons  # nothing to remove, so no blank line left doubled either

    # Paragraphs repeated at the end (Al Mayadeen repeats its lead, or its list of
    # headlines, after the article). Only a tail of repeats goes: a refrain of a poem or
    # a quote repeated inside the body stays. A short line repeated just before such
    # a repeated paragraph ("العناوين:") goes with it.
    for i in range(n - 1, -1, -1):
        s = stripped[i]
        if not s or (reasons[i] is not None and i not in repeats):
            continue
        if i in repeats:
            reasons[i] = "repeated-line"
            continue
        nxt = next((j for j in range(i + 1, n) if stripped[j]), None)
        if (
            i != first_idx
            and nxt is not None
            and reasons[nxt] == "repeated-line"
            and first_of_key.get(norm(i), i) < i
        ):
            reasons[i] = "repeated-line"
            continue
        break

    first_body, last_body = body_bounds()
    for i in range(first_body + 1, last_body):
        if reasons[i] == "lone-number":
            reasons[i] = None

    # Blank lines a removal leaves doubled, leading or trailing go too, so that the
    # kept text keeps its paragraphs as they were.
    last_blank, pending, last_text = True, False, -1
    for i in range(n):
        if reasons[i] is not None:
            pending = True
        elif stripped[i]:
            last_blank, pending, last_text = False, False, i
        elif last_blank and pending:
            reasons[i] = "blank-left"
        else:
            last_blank = True
    if any(reasons[k] is not None for k in range(last_text + 1, n)):
        for i in range(last_text + 1, n):
            if reasons[i] is None:
                reasons[i] = "blank-left"

    return reasons
