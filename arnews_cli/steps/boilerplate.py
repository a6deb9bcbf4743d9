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
from collections.abc import Container
from functools import lru_cache
from itertools import product
from typing import Any, NamedTuple

from arnews_cli.data import read_text
from arnews_cli.steps.lazy import lazy

__all__ = ["line_key", "keys_of", "key_set", "normalize", "strip", "DEFAULT_RULES"]

_DIGITS = lazy(r"[0-9٠-٩۰-۹]+")


def line_key(line: str) -> str:
    """The form under which lines are compared across a collection (digits and spaces folded).

    >>> line_key("  فرانس24/ أ ف ب ") == line_key("فرانس٢٤/  أ ف ب")
    True
    """
    # str.split() and the regex \s both use Py_UNICODE_ISSPACE, so joining the split is the
    # same as folding whitespace runs and stripping, at a third of the cost; sub returns
    # its input unchanged (no copy) when there is no digit.
    return " ".join(_DIGITS.sub("0", line).split())


def keys_of(text: str) -> list[str]:
    """:func:`line_key` of every line of ``text`` ("" for a blank line), in one pass.

    A digit run never spans a newline, so folding the whole text at once and then
    splitting it gives each line's key.

    >>> keys_of("أ  ب ١٢\\n\\n x") == [line_key("أ  ب ١٢"), "", "x"]
    True
    """
    # A line whose only whitespace is single ASCII spaces between words is its own key
    # (str.isprintable() is False for every other whitespace character): most lines are,
    # and they need no string per word.
    return [
        line
        if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "
        else " ".join(line.split())
        for line in _DIGITS.sub("0", text).split("\n")
    ]


def key_set(text: str) -> set[str]:
    """The distinct keys of the non-blank lines of ``text``: ``set(keys_of(text)) - {""}``,
    with the test for lines already in key form run once a distinct line.

    >>> sorted(key_set("أ  ب ١٢\\n\\nأ ب 7\\n x")) == sorted({line_key("أ ب 1"), "x"})
    True
    """
    keys = set(_DIGITS.sub("0", text).split("\n"))
    odd = [
        k
        for k in keys
        if not (k.isprintable() and "  " not in k and k[:1] != " " and k[-1:] != " ")
    ]
    if odd:
        keys.difference_update(odd)
        keys.update(" ".join(k.split()) for k in odd)
    keys.discard("")
    return keys


# Whitespace that str.split() splits on, but for the space and the newline (checked over
# every code point by tests/test_repeats.py).
_OTHER_SPACES = (
    "\x09\x0b\x0c\x0d\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_NON_ASCII_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"  # the ones _DIGITS folds
_ONE_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_ZEROS = lazy(rb"00+")


def utf8_key_set(text: str) -> set[bytes]:
    """:func:`key_set` in UTF-8 (``surrogatepass``), as the collection pass hashes it.

    The folding is done on the encoded text at C speed (a table for the digits, a
    literal search for the runs of zeros left) rather than by a regex scanning every
    character. Two replacements, which change no key, make that possible: any other
    digit _DIGITS folds becomes "1", and any whitespace but the newline a space.

    >>> utf8_key_set("أ  ب 12\\n\\nأ ب ٧\\n x\\xa0") == {"أ ب 0".encode(), b"x"}
    True
    """
    for c in _NON_ASCII_DIGITS:
        if c in text:
            text = text.replace(c, "1")
    # str.isprintable() is False for all whitespace but the space (and so for "\n").
    if not text.replace("\n", "").isprintable():
        for c in _OTHER_SPACES:
            if c in text:
                text = text.replace(c, " ")
    raw = text.encode("utf-8", "surrogatepass").translate(_ONE_TO_ZERO)
    if b"00" in raw:
        raw = _ZEROS.sub(b"0", raw)
    # Spaces are now the only whitespace but newlines: a key is its line with each run
    # of spaces made one, and those at its ends dropped.
    while b"  " in raw:
        raw = raw.replace(b"  ", b" ")
    keys = {k.strip(b" ") for k in raw.split(b"\n")}
    keys.discard(b"")
    return keys


# --- normalisation -------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_MARKS = lazy("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
_NONWORD = lazy(r"[\W_]+")
# The letter folds of _FOLD as str.replace calls: a replace finds its letter at memchr speed
# where translate looks every character up in a dict (5x slower on Arabic). No target is
# also a source, so the order does not matter and the result is that of translate.
_FOLD_LETTERS = tuple((chr(k), v) for k, v in _FOLD.items() if not chr(k).isdigit())
_INDIC_DIGIT = lazy("[\u0660-\u0669\u06f0-\u06f9]")


def normalize(s: str) -> str:
    """Letters folded, marks dropped, punctuation to single spaces: the form phrases match in.

    The same as ``_NONWORD.sub(" ", _MARKS.sub("", s.translate(_FOLD)).lower()).strip()``,
    done without the dict translate.

    >>> normalize("إقرأ أيضاً:") == normalize("اقرا ايضا")
    True
    """
    for c, v in _FOLD_LETTERS:
        if c in s:
            s = s.replace(c, v)
    if _INDIC_DIGIT.search(s):
        s = s.translate(_FOLD)
    return _NONWORD.sub(" ", _MARKS.sub("", s).lower()).strip()


# --- lexicon -------------------------------------------------------------------------


class Lexicon(NamedTuple):
    row: dict[tuple[str, ...], str]  # phrase tokens -> rule (headings included)
    heading: dict[tuple[str, ...], str]
    prefix: dict[str, str]  # normalised phrase -> rule
    contains: re.Pattern[str]
    contains_rule: dict[str, str]
    date_words: frozenset[str]
    longest: int
    # Exact pre-checks on the raw line (see _line_rule):
    row_tokens: frozenset[str]  # every token of a row phrase, and the connectives
    contains_tokens: frozenset[str]  # one token of each contains phrase
    many_letters: re.Pattern[str]  # matches more Arabic letters than any prefix phrase has


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The phrase lists of ``data/boilerplate.txt``, normalised (loaded once)."""
    row: dict[tuple[str, ...], str] = {}
    heading: dict[tuple[str, ...], str] = {}
    prefix: dict[str, str] = {}
    contains: dict[str, str] = {}
    dates: set[str] = set()
    kind = rule = ""
    raw = read_text("boilerplate.txt")
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            kind, _, rule = line[1:-1].partition(":")
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
        elif kind == "date-word":
            dates.update(toks)
    # Longest first so that the reported phrase is the most specific one.
    alts = "|".join(re.escape(p) for p in sorted(contains, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alts})(?!\w)")
    longest = max(len(t) for t in row)
    row_tokens = frozenset(t for toks in row for t in toks) | _CONNECTIVES
    # A contains phrase is whole tokens of the normalised line, so a line without the
    # longest token (the rarest, roughly) of any phrase holds none.
    contains_tokens = frozenset(max(p.split(), key=len) for p in contains)
    most = max(len(_ARABIC_LETTER.findall(p)) for p in prefix)
    many_letters = re.compile(
        rf"{_NOT_LETTER}*(?:{_ARABIC_LETTER.pattern}{_NOT_LETTER}*){{{most + 1}}}"
    )
    return Lexicon(
        row,
        heading,
        prefix,
        pattern,
        contains,
        frozenset(dates),
        longest,
        row_tokens,
        contains_tokens,
        many_letters,
    )


# --- exact pre-checks on raw lines ---------------------------------------------------
# Most lines are body text no rule takes, and normalising each costs more than all the
# rules together. So each rule that reads the normalised line first asks the raw line
# something normalisation cannot change the answer to (tests/test_boilerplate_gates.py
# checks these facts over every code point).

# Letters normalisation maps to letters of this range one for one (ٱ, outside, maps into it).
_ARABIC_LETTER = lazy("[\u0621-\u063a\u0641-\u064a]")
_NOT_LETTER = "[^\u0621-\u063a\u0641-\u064a]"
# Every character whose normalised form holds a character for which str.isdigit() holds:
# the decimal digits (\d) and the other Unicode digits (superscripts, circled...).
_DIGITISH = lazy(
    "[\\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089"
    "\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e"
    "\u2780-\u2788\u278a-\u2792\U00010a40-\U00010a43\U00010e60-\U00010e68"
    "\U00011052-\U0001105a\U0001f100-\U0001f10a]"
)

# What the rules need to know of a whitespace-separated word, as bits. Normalisation
# works within such words (whitespace is a separator, never a mark; folding and case are
# per character), so the normalised line is the normalised words joined, and a line has
# a property of its normalised tokens when one of its words does. Words recur across
# articles, so both are kept per word: a line then costs dict look-ups, not regexes.
_HAS_WORD = 1  # normalises to something
_OUTSIDE_ROW = 2  # has a token that is neither a number nor in any row phrase
_CONTAINS = 4  # has a token of lexicon().contains_tokens
_READING_TOKEN = 8  # has a token of _READING
_DIGIT = 16  # holds a character that normalises to a digit (_DIGITISH)

#: Words remembered at most (then forgotten all at once): a few MB, so that memory over
#: a whole dump stays that of its first thousand articles (a larger cache gained no speed).
WORD_CACHE = 1 << 15
#: Words remembered as plain (see _line_flags) at most, then forgotten all at once. Most
#: words of a body line are plain and Arabic vocabulary is large, so a larger set is
#: faster, but it is memory that grows with the input up to this size: at 2**17 (13 MB)
#: peak memory over the 20k bulk was 1.57x that over its first 1,000 articles, over the
#: 1.5x bound of issue #7; at 2**16 it is 1.42x, for 3% more time.
PLAIN_CACHE = 1 << 16

# The flags of most words: a word of the body, no rule's vocabulary and no digit.
_PLAIN = _HAS_WORD | _OUTSIDE_ROW
# A word of Arabic letters and marks between punctuation that normalisation turns into
# spaces: its normal form is its letters, folded, one token (none without a letter). The
# punctuation is the common kind, each character a non-word one that folding, lower()
# and the digit rules leave alone (tests/test_boilerplate_equivalence.py checks them).
_EDGE_PUNCT = ".،\"':()«»/؟!–”“,؛%#*_\\[\\]…;?-"
_ARABIC_WORD = lazy("[\u0621-\u063a\u0641-\u064a]+")
_SIMPLE_WORD = lazy(
    f"[{_EDGE_PUNCT}]*"
    "([\u0621-\u063a\u0641-\u064a\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06e4\u06e7-\u06ed]*)"
    f"[{_EDGE_PUNCT}]*"
)


class _WordNorms(dict[str, str]):
    def __missing__(self, word: str) -> str:
        if len(self) >= WORD_CACHE:
            self.clear()
        m = _SIMPLE_WORD.fullmatch(word)
        v = self[word] = normalize(word) if m is None else _fold_letters(_letters(m))
        return v


def _letters(m: re.Match[str]) -> str:
    """The letters of a word _SIMPLE_WORD matched, marks dropped."""
    t = m.group(1)
    # The marks this pattern lets in are the ones for which isalpha() is False (the
    # tatweel and the small waw and yeh, letters to isalpha, are left out of it).
    return t if t.isalpha() else _MARKS.sub("", t)


def _fold_letters(t: str) -> str:
    for c, v in _FOLD_LETTERS:
        if c in t:
            t = t.replace(c, v)
    return t


@lru_cache(maxsize=1)
def _special_forms() -> frozenset[str]:
    """Every word of Arabic letters that folds to a token some rule looks for (a row,
    contains or reading token): a word of letters outside this set is plain."""
    lex = lexicon()
    sources: dict[str, list[str]] = {}
    for c, v in _FOLD_LETTERS:
        sources.setdefault(v, [v]).append(c)
    forms: set[str] = set()
    for tok in lex.row_tokens | lex.contains_tokens | _READING:
        if _ARABIC_WORD.fullmatch(tok):
            forms.update(map("".join, product(*(sources.get(c, c) for c in tok))))
    return frozenset(forms)


def _word_flags(word: str) -> int:
    """The flags of one word, computed (and remembered)."""
    lex = lexicon()
    m = _SIMPLE_WORD.fullmatch(word)
    if m:
        t = _letters(m)
        if t and t not in _special_forms():
            return _remember(word, _PLAIN)
        t = _fold_letters(t)
        toks: list[str] | tuple[str, ...] = (t,) if t else ()
        digit = False
    else:
        toks = _WORD_NORMS[word].split()
        digit = _DIGITISH.search(word) is not None
    f = _HAS_WORD if toks else 0
    for t in toks:
        if not t.isdigit() and t not in lex.row_tokens:
            f |= _OUTSIDE_ROW
        if t in lex.contains_tokens:
            f |= _CONTAINS
        if t in _READING:
            f |= _READING_TOKEN
    if digit:
        f |= _DIGIT
    return _remember(word, f)


def _remember(word: str, f: int) -> int:
    if f == _PLAIN:
        if len(_PLAIN_WORDS) >= PLAIN_CACHE:
            _PLAIN_WORDS.clear()
        _PLAIN_WORDS.add(word)
    else:
        if len(_WORD_FLAGS) >= WORD_CACHE:
            _WORD_FLAGS.clear()
        _WORD_FLAGS[word] = f
    return f


_WORD_NORMS = _WordNorms()
_WORD_FLAGS: dict[str, int] = {}  # words whose flags are not _PLAIN
_PLAIN_WORDS: set[str] = set()


def _normalize_words(words: list[str]) -> str:
    """``normalize(s)`` from ``s.split()``, word by word through the cache."""
    return " ".join(filter(None, map(_WORD_NORMS.__getitem__, words)))


def _line_flags(words: list[str]) -> int:
    """The flags of a line: those of its words, or-ed.

    The plain words go in one set difference (no Python call per word); only the others
    are looked at one by one.
    """
    distinct = set(words)
    rest = distinct.difference(_PLAIN_WORDS)
    f = _PLAIN if len(rest) < len(distinct) else 0
    if rest:
        known = _WORD_FLAGS.get
        for w in rest:
            g = known(w)
            f |= _word_flags(w) if g is None else g
    return f


def _period_end(s: str) -> bool:
    """``_PERIOD_END.search(s)`` for a stripped ``s``, without scanning it: a full stop or
    ellipsis at the end, or before a closing quote or bracket (spaces between allowed)."""
    if not s:
        return False
    last = s[-1]
    if last in ".…":
        return True
    return last in "\"»”)]'" and s[:-1].rstrip()[-1:] in (".", "…")


# --- line rules ----------------------------------------------------------------------

#: A line with more words than this is never taken by a vocabulary rule.
MAX_CHROME_WORDS = 40

# Bare counters only: "(1)" alone is a section number of the article, not a counter.
_LONE_NUMBER = lazy(r"[+-]?\d[\d,.٫٬]*\s*[kKmM]?")
_EMOJI = lazy("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u2190-\u21ff]")
_SEP_SPLIT = lazy(r"([^:：|»›>\-–—/.…]*)([:：|»›>\-–—/.…]+)")
_SEP_CHAR = lazy(r"[:：|»›>\-–—/.…]")
_CRUMB_SEP = lazy(r"\s[»›>]\s")
_LINK_TOKEN = lazy(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w+", re.ASCII)
_OPERATOR = lazy(r"\s*\d*\s*[-–]?\s*(?:stc|mobily|zain|موبايلي|زين|الاتصالات)\s*", re.IGNORECASE)
_SENTENCE_END = lazy(r"[.!؟?…:\"»”)\]'`]\s*$")
_PERIOD_END = lazy(r"[.…]\s*[\"»”)\]']?\s*$")
_IMPERATIVES = ("اقرا", "شاهد", "طالع", "تابع", "استمع")
_READING = frozenset(normalize(w) for w in ("قراءة", "القراءة", "للقراءة", "read", "reading"))
_READING_WORDS = frozenset(
    normalize(w)
    for w in ("دقيقة", "دقائق", "دقيقتين", "min", "mins", "minute", "minutes", "وقت", "مدة")
    + ("زمن", "الوقت", "المقدر", "time", "تقريبا", "ثانية", "ثواني")
)
_CONNECTIVES = frozenset({"و", "علي", "عبر", "او", "في"})

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
    "repeated-line",
    "repeated-in-collection",
    "related",
    "blank-left",
)


def _row_rule(toks: list[str], lex: Lexicon) -> tuple[str, bool] | None:
    """``(rule, opens_block)`` when the tokens are all chrome phrases (counts allowed)."""
    i, n, first, only_heading, phrases = 0, len(toks), "", True, 0
    while i < n:
        if toks[i].isdigit() or toks[i] in _CONNECTIVES:
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


_NUMERIC_DATE = lazy(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}:\d{2}")


def _is_date(toks: list[str], lex: Lexicon) -> bool:
    # Digits alone ("2 -", "(3)") are list numbers; a date needs a date word or a
    # numeric date/time shape (checked by the caller on the raw line).
    return (
        any(t.isdigit() for t in toks)
        and any(not t.isdigit() for t in toks)
        and all(t.isdigit() or t in lex.date_words for t in toks)
    )


# "(بتوقيت مكة المكرمة)" after a time names a zone, not a place of the article.
_ZONE = lazy(r"\s*\(?\s*ب?توقيت\s[^()]{0,40}\)?\s*$")


def _date_rule(s: str, lex: Lexicon) -> bool:
    toks = normalize(_ZONE.sub("", s)).split()
    if _is_date(toks, lex):
        return True
    for k in (1, 2, 3, 4):
        if lex.prefix.get(" ".join(toks[:k])) == "date-line":
            rest = toks[k:]
            if rest and (_is_date(rest, lex) or all(t.isdigit() for t in rest)):
                return True
    return False


def _prefix_rule(s: str, nwords: int, lex: Lexicon) -> tuple[str, bool] | None:
    """A chrome marker at the start of ``s`` followed by a separator: ``(rule, opens_block)``."""
    if nwords > 18 or ":" not in s:
        # The test below without finding the separator, which in a paragraph is often
        # its final full stop: when the line's first letters beyond any marker's count
        # come before any separator, the head has too many letters (or there is no head),
        # and the imperative label needs 18 words at most and a colon.
        many = lex.many_letters.match(s)
        if many and not _SEP_CHAR.search(s, 0, many.end()):
            return None
    m = _SEP_SPLIT.match(s)
    if not m:
        return None
    # A head with more Arabic letters than any marker (normalisation keeps their number
    # or adds to it) can only be an imperative label, which needs all of the below.
    if lex.many_letters.match(s, 0, m.end(1)) and not (
        nwords <= 18 and ":" in m.group(2) and not _period_end(s)
    ):
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
        and htoks[0] in _IMPERATIVES
        and len(htoks) <= 5
        and rest
        and ":" in m.group(2)
        and nwords <= 18
        and not _period_end(s)
    ):
        return "read-also", False
    return None


def _lone_link(s: str) -> bool:
    toks = s.split()
    if not toks or len(toks) > 6:
        return False
    links = [t for t in toks if _LINK_TOKEN.fullmatch(t.strip(".,،;:()[]<>«»\"'"))]
    if not links:
        return False
    # At most a short label before the links ("تويتر:", "البريد الإلكتروني:").
    rest = [t for t in toks if t not in links]
    return len(rest) <= 2 and (not rest or rest[-1].endswith((":", "："))) or len(rest) == 0


def line_rule(line: str, lex: Lexicon | None = None) -> tuple[str, bool] | None:
    """The chrome rule ``line`` falls under on its own, with whether it opens a block.

    >>> line_rule("التعليقات (0)")
    ('comment-counter', False)
    >>> line_rule("فساد واحتيال") is None
    True
    """
    s = line.strip()
    if not s:
        return None
    return _line_rule(s, _word_count(s), lex or lexicon())[0]


def _word_count(s: str) -> int:
    """``len(s.split())`` for a stripped ``s``, exact up to ``MAX_CHROME_WORDS + 1``.

    When the only whitespace is single ASCII spaces (every other whitespace character is
    unprintable), the spaces count the words without making a string per word.
    Otherwise splitting stops after ``MAX_CHROME_WORDS + 1`` words: a long paragraph is
    then as many strings, not one per word.
    """
    if s.isprintable() and "  " not in s:
        return s.count(" ") + 1
    return len(s.split(None, MAX_CHROME_WORDS))


def _line_rule(s: str, nwords: int, lex: Lexicon) -> tuple[tuple[str, bool] | None, str | None]:
    """:func:`line_rule` of the stripped, non-empty ``s`` of ``nwords`` words (as
    :func:`_word_count` counts them), with ``normalize(s)`` when it was computed."""
    # The space bound is the old cheap test before a full split; it stays because it also
    # turns away a few-word line padded with spaces.
    if nwords > MAX_CHROME_WORDS or s.count(" ") >= MAX_CHROME_WORDS * 3:
        return None, None
    if len(s) <= 16 and _LONE_NUMBER.fullmatch(s):
        return ("lone-number", False), None
    words = s.split()
    # The rules in their order. Each rule that reads the normalised line first asks the
    # flags of its words whether it can match; ``norm`` is made when one can.
    flags = _line_flags(words)
    norm = None
    if not flags & _HAS_WORD:
        return ("rule-line", False), ""
    if nwords <= 8 and _EMOJI.match(s):
        norm = _normalize_words(words)
        row = _row_rule(norm.split(), lex)
        return ("emoji-label", bool(row and row[1])), norm
    if nwords <= 6 and _lone_link(s):  # _lone_link takes up to six words
        return ("lone-link", False), norm
    if nwords <= 16 and flags & _DIGIT:  # a date line has a token of digits
        norm = _normalize_words(words)
        if _date_rule(s, lex) or (
            all(t.isdigit() for t in norm.split()) and _NUMERIC_DATE.search(s) and nwords <= 3
        ):
            return ("date-line", False), norm
    if nwords <= 10 and flags & _READING_TOKEN:
        norm = norm if norm is not None else _normalize_words(words)
        toks = norm.split()
        if all(t.isdigit() or t in _READING or t in _READING_WORDS for t in toks):
            return ("reading-time", False), norm
    if nwords <= 25 and not flags & _OUTSIDE_ROW:
        norm = norm if norm is not None else _normalize_words(words)
        row = _row_rule(norm.split(), lex)
        if row:
            return row, norm
    if s[0] == "#" and all(t.startswith("#") for t in words):
        return ("tags", False), norm
    pre = _prefix_rule(s, nwords, lex)
    if pre:
        return pre, norm
    if flags & _CONTAINS:
        norm = norm if norm is not None else _normalize_words(words)
        m = lex.contains.search(norm)
        if m:
            return (lex.contains_rule[m.group(0)], False), norm
    if nwords <= 3 and _OPERATOR.fullmatch(s):  # digits, a dash, a name: three words at most
        return ("author-contact", False), norm
    if (
        nwords <= 12
        and ("»" in s or "›" in s or ">" in s)
        and len(_CRUMB_SEP.findall(s)) >= 2
        and not _SENTENCE_END.search(s)
    ):
        return ("breadcrumb", False), norm
    return None, norm


def _headline_like_n(s: str, n: int) -> bool:
    """A related headline: a short line that does not end a sentence with a full stop.

    ``n`` is the number of words of ``s`` (exact up to 25)."""
    return 0 < n <= 25 and not _period_end(s) and not s.endswith((":", "："))


def _body_like_n(s: str, n: int) -> bool:
    """A line of the body: a sentence of 8 words or more, or any line of 25 or more.

    ``n`` is the number of words of ``s`` (exact up to 25)."""
    return (n >= 8 and _period_end(s)) or n >= 25


# Signatures of a line, for comparing normalised forms without normalising: counts of
# letters that normalisation neither removes, changes nor produces (not folded, not a
# mark, word characters without case), so equal normalised forms have equal signatures.
# One letter first (one scan of the line), three when that one is shared.
def _sig1(s: str) -> int:
    return s.count("ل")


def _sig3(s: str) -> tuple[int, int, int]:
    return (s.count("ل"), s.count("م"), s.count("ن"))


class _SeenLines:
    """The first line of each comparison key (normalised form, or the line itself from 2000
    characters), with keys computed only when two lines share a signature.

    A line alone with its signature can equal no other, so its key waits; most body
    lines of an article never need normalising.
    """

    def __init__(self, stripped: list[str]) -> None:
        self.stripped = stripped
        self.first_of: dict[str, int] = {}  # keys of groups of two or more
        self.by_sig1: dict[int, list[int]] = {}
        self.by_sig3: dict[tuple[int, int, int], list[int]] = {}
        self.norms: dict[int, str] = {}

    def key(self, i: int) -> str:
        s = self.stripped[i]
        if len(s) >= 2000:
            return s
        norm = self.norms.get(i)
        return normalize(s) if norm is None else norm

    def add(self, i: int, sig1: int, norm: str | None) -> bool:
        """Record line ``i``; True when a line before it had the same key."""
        if norm is not None:
            self.norms[i] = norm
        same1 = self.by_sig1.get(sig1)
        if same1 is None:
            self.by_sig1[sig1] = [i]
            return False
        if len(same1) == 1:
            j = same1[0]
            self.by_sig3.setdefault(_sig3(self.stripped[j]), []).append(j)
        same1.append(i)
        sig3 = _sig3(self.stripped[i])
        same = self.by_sig3.get(sig3)
        if same is None:
            self.by_sig3[sig3] = [i]
            return False
        if len(same) == 1:
            j = same[0]
            self.first_of.setdefault(self.key(j), j)
        same.append(i)
        k = self.key(i)
        if k in self.first_of:
            return True
        self.first_of[k] = i
        return False

    def first_of_line(self, s: str, default: int) -> int:
        """``first(normalize(s), default)``, normalising ``s`` only when a line of the
        same signatures other than ``default`` may have its key."""
        same1 = self.by_sig1.get(_sig1(s))
        if same1 is None:
            return default
        if len(same1) == 1:
            j = same1[0]
            return j if j != default and self.key(j) == normalize(s) else default
        same = self.by_sig3.get(_sig3(s))
        if same is None:
            return default
        if len(same) == 1:
            j = same[0]
            return j if j != default and self.key(j) == normalize(s) else default
        return self.first_of.get(normalize(s), default)


# --- the step ------------------------------------------------------------------------

#: Headlines taken under a block heading inside the body (the footer has no limit).
MAX_BLOCK_IN_BODY = 8
#: Words a line needs before a later copy of it counts as a repeated paragraph.
MIN_REPEATED_WORDS = 6


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
    }
)


def _title_index(stripped: list[str], lex: Lexicon) -> int | None:
    """The first non-blank line, or the first one a chrome rule does not take when a
    page opens with chrome (breadcrumbs, date lines, share rows) before its title."""
    first = None
    searched = 0
    for i, s in enumerate(stripped):
        if not s:
            continue
        if first is None:
            first = i
        if searched >= TITLE_SEARCH:  # non-blank lines: blank ones do not use up the search
            break
        searched += 1
        hit = _line_rule(s, _word_count(s), lex)[0]
        if hit is None or hit[0] not in _ABOVE_TITLE:
            return i
    return first


def strip(
    text: str, repeated: Container[str] = frozenset(), title: str | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """Split ``text`` into what is kept and the lines removed (``{"line", "text", "reason"}``).

    ``repeated`` holds :func:`line_key` forms of lines that recur across a collection;
    ``title`` is the article's title when known (else its first line). Removed lines
    and kept lines together are the input lines: putting each removed line back at its
    1-based ``line`` number in the kept text gives the input again. Blank lines left
    doubled (or leading/trailing) by a removal go as ``blank-left``.

    >>> strip("عنوان\\n\\nعنوان\\nنص المقال.\\n12")
    ('عنوان\\n\\nنص المقال.', [{'line': 3, 'text': 'عنوان', 'reason': 'repeated-title'}, {'line': 5, 'text': '12', 'reason': 'lone-number'}])
    """
    lex = lexicon()
    final_nl = text.endswith("\n")
    lines = (text[:-1] if final_nl else text).split("\n")
    n = len(lines)
    stripped = [ln.strip() for ln in lines]
    reasons: list[str | None] = [None] * n
    opens: list[bool] = [False] * n
    nwords: list[int] = [0] * n  # as _word_count counts them
    first_idx = _title_index(stripped, lex)
    # The title's normal form and its signatures, which normalisation keeps: without a
    # title given, the first line's own counts give them, and its normal form (a
    # paragraph, often) waits until another line shares them.
    title_norm: str | None = None
    title_sig: int | None = None
    if title:
        title_norm = normalize(title)
        title_sig = _sig1(title_norm) if title_norm else None
    elif first_idx is not None:
        title_sig = _sig1(stripped[first_idx])
        if not title_sig:  # then only its normal form tells whether it is empty
            title_norm = normalize(stripped[first_idx])
            title_sig = 0 if title_norm else None
    title_sig3: tuple[int, int, int] | None = None
    seen_title = False
    lines_seen = _SeenLines(stripped)
    repeats: set[int] = set()
    # An empty set of repeated lines (the step without its collection pass) needs no keys.
    check_repeated = not (isinstance(repeated, (set, frozenset, dict)) and not repeated)

    lone_numbers: list[int] = []
    for i, s in enumerate(stripped):
        if not s:
            continue
        nw = nwords[i] = _word_count(s)
        sig = s.count("ل")  # _sig1, inline: this loop runs for every line
        norm = None
        # The title test compares normalised forms; the signature, which normalisation
        # keeps, rules out almost every line without normalising it (and the first line
        # is the title when none is given).
        if sig == title_sig and len(s) < 2000:
            if i == first_idx and not title:
                same = True  # the first line is the title
            else:
                if title_sig3 is None:
                    title_sig3 = _sig3(title or stripped[first_idx])  # type: ignore[index]
                same = False
                if _sig3(s) == title_sig3:
                    if title_norm is None:
                        title_norm = normalize(stripped[first_idx])  # type: ignore[index]
                    norm = normalize(s)
                    same = norm == title_norm
            if same:
                if seen_title:
                    reasons[i] = "repeated-title"
                    continue
                seen_title = True
                continue
        hit, rule_norm = _line_rule(s, nw, lex)
        if hit:
            reasons[i], opens[i] = hit
            if hit[0] == "lone-number":
                lone_numbers.append(i)
            continue
        if lines_seen.add(i, sig, norm or rule_norm) and nw >= MIN_REPEATED_WORDS:
            repeats.add(i)
        if check_repeated and i != first_idx and line_key(s) in repeated:
            reasons[i] = "repeated-in-collection"

    if not any(reasons) and not repeats:
        return text, []  # nothing to remove, so no blank line left doubled either

    # Where the body starts and ends: after its last sentence, blank lines no longer
    # end a block, and outside it a lone number is a counter rather than data. Only the
    # first and the last body line matter, so the search stops at them.
    body_cache: dict[int, bool] = {}

    def body_like(i: int) -> bool:
        b = body_cache.get(i)
        if b is None:
            b = body_cache[i] = _body_like_n(stripped[i], nwords[i])
        return b

    def body_bounds() -> tuple[int, int]:
        def is_body(i: int) -> bool:
            return reasons[i] is None and i != first_idx and body_like(i)

        first = next((i for i in range(n) if is_body(i)), None)
        if first is None:
            return n, -1
        return first, next(i for i in range(n - 1, first - 1, -1) if is_body(i))

    first_body, last_body = body_bounds()

    j = 0
    for i in [i for i in range(n) if opens[i]]:
        if i < j:
            continue  # inside the block of an earlier heading
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
            if not _headline_like_n(s, nwords[j]) or (
                j <= last_body and taken >= MAX_BLOCK_IN_BODY
            ):
                break
            reasons[j] = "related"
            taken += 1
            j += 1

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
            and lines_seen.first_of_line(s, i) < i
        ):
            reasons[i] = "repeated-line"
            continue
        break

    first_body, last_body = body_bounds()
    for i in lone_numbers:
        if first_body < i < last_body and reasons[i] == "lone-number":
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

    kept = [lines[i] for i in range(n) if reasons[i] is None]
    removed = [
        {"line": i + 1, "text": lines[i], "reason": reasons[i]}
        for i in range(n)
        if reasons[i] is not None
    ]
    out = "\n".join(kept)
    if final_nl and kept:
        out += "\n"
    return out, removed
