"""segment: paragraphs, sentences and word tokens, each with exact offsets into the text.

>>> [s["text"] for s in sentences("قال د. محمد إن النمو بلغ 3.5 في المئة. وأضاف: هل يكفي؟")]
['قال د. محمد إن النمو بلغ 3.5 في المئة.', 'وأضاف: هل يكفي؟']
>>> [t["text"] for t in tokenize("«ارتفع 3.5%» #وسم_عربي")]
['«', 'ارتفع', '3.5', '%', '»', '#وسم_عربي']

Paragraphs are the non-blank lines; with ``wrapped=True`` a blank-line-separated block
is one paragraph (its hard-wrapped lines are joined, so a sentence's text may hold "\\n").

Sentences. One compiled regex finds candidate ends: a run of ``. ! ? ؟ …`` with any
closing quotes or brackets (``» " ” ’ ) ]``) glued to it, which stay with the sentence.
Each candidate then gets a few cheap checks:

- ``؟ ? !`` in the run: a boundary (``؟!``, ``!!``), when whitespace follows and the
  next word does not continue the sentence (``؟ أو``, ``؟ أم``; see the ellipsis rule),
  or an Arabic letter follows directly (``ماذا؟قال``: web text often drops the space).
- A single ``.``: a boundary when whitespace follows, unless the word before it is an
  abbreviation (``arnews_cli/data/abbreviations.txt``: titles such as ``د. أ.د. م.``,
  any single Arabic letter ``ز.``, dotted initials ``ج.م.ع. J.P. U.S.``). Some
  abbreviations may end a sentence, and do so unless the next word continues it:
  ``إلخ.`` (in the corpus it nearly always closes its sentence), and ``هـ. م. ق.م.``
  after a number (``عام 1436 هـ. وقال`` ends, ``1436 هـ. الموافق 2015 م.`` does not).
  Latin letters spelt in Arabic (``جي. كيه. رولينغ``, ``إس.يو.``) end a sentence only
  after a number or another spelt letter without a dot (``بحسب البي بي سي.``, ``4 كيه.``);
  so ``سفيان إيه. وقال`` stays one sentence, the price of keeping ``جورج بي. وجيب`` whole.
  A dot followed by anything but whitespace is not a boundary, which keeps numbers
  (3.5, 12.05.2020, 1.000.000), URLs, e-mail addresses and file names whole; the one
  exception is a dot between two Arabic letters (``المتحدة.وقال``), a missing space.
- ``..`` (exactly two dots) is not a boundary: Arabic news uses it as a pause or dash
  (``بالصور.. مجسمات``, ``بالعيد.. فاستهدفوا``), some 10,000 times in the bulk corpus.
- An ellipsis (``…``, ``...`` or longer) ends a sentence unless it is followed by a
  continuation. Arabic has no capital letters, so the signals used are: no space after
  it (``...المزيد``); a lower-case Latin letter, or ``، , ؛ ; : ) -`` next; a next word
  that hardly ever opens a sentence (``segment_continuations.txt``: إلى، عن، ثم، أو،
  الذي، التي …; frequent openers such as في، من، فيما، لكن are left out on purpose); an
  unclosed quotation (``"… الناس... عرفوا …"``); and ``(...)``, an elision.
  The conjunction و is not a signal: most Arabic sentences begin with it.
- ``؛`` and ``:`` never end a sentence; a candidate that would leave a sentence with no
  letter, or holding only a list number (``1.``), is not a boundary.

Tokens: one regex pass; URLs, e-mails, hashtags (#وسم_عربي), @mentions, numbers with
``. , ٫ ٬ :`` inside them and Latin words stay whole; punctuation (``، ؛ ؟ « » %``) is
split off; dot runs and ``؟!`` runs are one token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from arnews_cli import arabic
from arnews_cli.data import read_text
from arnews_cli.steps.lazy import lazy

_TERM = ".!?؟…"
_CLOSE = "»\"”’')\\]"
_MARKS = arabic.MARK
# The shared URL (arabic.URL), its scheme in any case; every other part of the token and
# candidate patterns stays case-sensitive.
_URL = f"(?i:{arabic.URL})"

# A candidate end, ``[TERM]+(?:[CLOSE]+[TERM]*)*``, or a URL, matched (and skipped) so
# that "?" or "!" inside it is never seen as one. The first character is taken out in
# front of the branches, so the engine skips ahead to one of ``h w . ! ? ؟ …`` instead
# of trying both branches at every position (3x faster sentences than the plain
# alternation ``_URL|([TERM]+...)``, which a test holds it equal to); group 1 is set for
# a candidate only and holds the rest of its run (the candidate is ``m.start()`` to
# ``m.end()``).
_CAND = lazy(
    rf"[hHwW{_TERM}](?:(?<=[hH])(?i:ttps?://){arabic.URL_REST}"
    rf"|(?<=[wW])(?i:ww\.){arabic.URL_REST}"
    rf"|(?<=[{_TERM}])([{_TERM}]*(?:[{_CLOSE}]+[{_TERM}]*)*))"
)
_TOKEN = lazy(
    rf"{_URL}"
    r"|(?<![\w.+-])[\w.+-]+@[^\W_](?:[\w-]*\w)?(?:\.[^\W_](?:[\w-]*\w)?)+"
    rf"|[#@](?:\w|[{_MARKS}])+"
    r"|\d+(?:[.,٫٬:]\d+)*"
    r"|[A-Za-z][A-Za-z0-9]*(?:['’][A-Za-z]+)*"
    rf"|(?:[^\W\d_]|[{_MARKS}])+"
    r"|\.{2,}|[!?؟]+|\S"
)
# The text of a non-blank line without the whitespace around it, as group 1. Anchored
# at line starts, so a long run of spaces is scanned once (linear time).
_LINE_BODY = lazy(r"^[^\S\n]*(\S(?:[^\n]*\S)?)", re.MULTILINE)
_span = re.Match.span
_SKIP_WS = lazy(r"\s*")
_NEXT_WORD = lazy(r"\s*(\S{1,40})")
_HAS_WORD = lazy(r"\w")
_LIST_MARK = lazy(r"[(\[]?\d{1,3}[)\]]?")
_AR = arabic.LETTER
# Latin initials may carry a glued Arabic prefix: "وJ.P. Morgan".
_INITIALS = lazy(rf"(?:[{_AR}]ـ?\.)*[{_AR}]ـ?|[وفبل]?(?:[A-Z]\.)*[A-Z]")
_NUM_ERA = lazy(r"\d[\d/]*(?:هـ|ه|م)")
_OPENERS = "([{«\"“'‘.,،…"
_CONT_PUNCT = "،,؛;:)]}-–—»"
# Punctuation a next word is looked up without.
_TRAIL = '.,،:;؛!?؟»"”)'


_AR_LETTER = lazy(f"[{_AR}]")


def _is_ar_letter(c: str) -> bool:
    return _AR_LETTER.match(c) is not None


def _load(name: str) -> list[list[str]]:
    text = read_text(name)
    rows = (line.split() for line in text.splitlines() if not line.startswith("#"))
    return [row for row in rows if row]


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    return {row[0]: row[1] if len(row) > 1 else "strong" for row in _load("abbreviations.txt")}


@lru_cache(maxsize=1)
def _continuations() -> frozenset[str]:
    return frozenset(row[0] for row in _load("segment_continuations.txt") if len(row) == 1)


@lru_cache(maxsize=1)
def _after_era() -> frozenset[str]:
    """Words that carry a sentence on after a year and its era (``after-era`` rows)."""
    rows = _load("segment_continuations.txt")
    return frozenset(row[0] for row in rows if row[1:] == ["after-era"])


def paragraphs(text: str, wrapped: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, without surrounding whitespace.

    >>> paragraphs("أ ب\\nج\\n\\n د ")
    [(0, 3), (4, 5), (8, 9)]
    >>> paragraphs("أ ب\\nج\\n\\n د ", wrapped=True)
    [(0, 5), (8, 9)]
    """
    spans = [m.span(1) for m in _LINE_BODY.finditer(text)]
    if not wrapped or len(spans) < 2:
        return spans
    # A single newline between two non-blank lines means a hard wrap, not a new block.
    blocks = [spans[0]]
    for s, e in spans[1:]:
        if text.count("\n", blocks[-1][1], s) == 1:
            blocks[-1] = (blocks[-1][0], e)
        else:
            blocks.append((s, e))
    return blocks


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[dict[str, Any]]:
    """Tokens of ``text[start:end]`` as ``{"text", "start", "end"}`` (offsets into text).

    >>> [t["text"] for t in tokenize("زار www.un.org أو a.b@un.org، @UN")]
    ['زار', 'www.un.org', 'أو', 'a.b@un.org', '،', '@UN']
    """
    end = len(text) if end is None else end
    return [
        {"text": text[s:e], "start": s, "end": e}
        for s, e in map(_span, _TOKEN.finditer(text, start, end))
    ]


@lru_cache(maxsize=1)
def _conjunctions() -> tuple[frozenset[str], frozenset[str]]:
    """Words that open a carrying-on clause, and و-initial words that do not."""
    rows = _load("segment_conjunctions.txt")
    words = frozenset(r[0] for r in rows if r[0] != "not")
    not_conj = frozenset(r[1] for r in rows if r[0] == "not" and len(r) > 1)
    return words, not_conj


def _conjunction_led(text: str, pos: int, end: int) -> bool:
    """Whether the word after ``pos`` opens a clause led by a conjunction (و، ف، ثم، لكن،
    بل), which carries the sentence on past an ellipsis.

    >>> _conjunction_led(" ولم يأت", 0, 8), _conjunction_led(" وزير الخارجية", 0, 14)
    (True, False)
    """
    m = _NEXT_WORD.match(text, pos, end)
    if m is None:
        return False
    word = m.group(1).rstrip(_TRAIL)
    words, not_conj = _conjunctions()
    if word in words:
        return True
    return (
        word[:1] in ("و", "ف")
        and not word.startswith("في")
        and len(word) >= 3
        and word not in not_conj
    )


def _continues(text: str, pos: int, end: int) -> bool:
    """Whether the word after ``pos`` carries the sentence on."""
    m = _NEXT_WORD.match(text, pos, end)
    if m is None:
        return False
    word = m.group(1)
    c = word[0]
    if c in _CONT_PUNCT or "a" <= c <= "z":
        return True
    return word.rstrip(_TRAIL) in _continuations() or word.startswith("الموافق")


class _Quotes:
    """Quotation marks opened and not closed since a sentence began, counted as we go.

    Counting forward from where the last count stopped keeps a long sentence full of
    ellipses linear instead of recounting it at every one. The count starts over when
    asked about a sentence with another start, so nothing is done per sentence until an
    ellipsis needs it.
    """

    __slots__ = ("start", "pos", "straight", "guillemets", "curly")

    def __init__(self) -> None:
        self.start = -1

    def open_at(self, text: str, sent_start: int, pos: int) -> bool:
        if sent_start != self.start:
            self.start = self.pos = sent_start
            self.straight, self.guillemets, self.curly = 0, 0, 0
        if pos > self.pos:
            seg = text[self.pos : pos]
            self.straight += seg.count('"')
            self.guillemets += seg.count("«") - seg.count("»")
            self.curly += seg.count("“") - seg.count("”")
            self.pos = pos
        return self.straight % 2 == 1 or self.guillemets > 0 or self.curly > 0


def _abbrev_kind(words: list[str]) -> str | None:
    """Kind of abbreviation the last of ``words`` is ("strong", "final", "letter"), if any."""
    word = words[-1].lstrip(_OPENERS) if words else ""
    if not word:
        return None
    abbreviations = _abbreviations()
    kind = abbreviations.get(word)
    if kind is None:
        if _NUM_ERA.fullmatch(word):
            return "era"
        if _INITIALS.fullmatch(word):
            return "strong"
        # Spelt letters joined by dots, "إس.يو" (SUV) or "ان.بي.سي" (NBC), act as one.
        if "." in word and all(
            abbreviations.get(part) == "letter" or len(part) == 1 for part in word.split(".")
        ):
            return "letter"
        return None
    if kind == "era":
        before = words[-2] if len(words) > 1 else ""
        return "era" if before[-1:].isdigit() else "strong"
    return kind


# The top-level domains Arabic writes in letters, after a dot with no space.
_DOT_TLD = lazy(r"(?:كوم|نت|[أا]ورغ|[أا]ورج)(?![^\W\d_])")


def _is_boundary(text: str, sent_start: int, rs: int, re_: int, end: int, quotes: _Quotes) -> bool:
    """Whether the run ``text[rs:re_]`` ends the sentence begun at ``sent_start``."""
    if rs > sent_start and text[rs - 1] in "([":
        return False  # (...) elides, (!) and (؟) comment: both inside a sentence
    run = text[rs:re_]
    nxt = text[re_]
    if re_ - sent_start < 12:
        seg = text[sent_start:rs]
        if not _HAS_WORD.search(seg) or _LIST_MARK.fullmatch(seg.strip()):
            return False
    question = "!" in run or "?" in run or "؟" in run
    dots = run.count(".")
    ellipsis = not question and ("…" in run or dots >= 3)
    if not question and not ellipsis and dots >= 2:
        return False  # ".." is a pause in Arabic news, not an end
    if not nxt.isspace():
        if ellipsis or not _is_ar_letter(nxt):
            return False
        if question:
            return True
        if not _is_ar_letter(text[rs - 1]):
            return False
        if _DOT_TLD.match(text, re_):
            return False  # "العربية.نت", "بيت.كوم": a site's name, not a lost space
        return _abbrev_kind(text[max(sent_start, rs - 48) : rs].split()) is None
    if question:
        return not _continues(text, re_, end)
    if ellipsis:
        return not (
            _continues(text, re_, end)
            or _conjunction_led(text, re_, end)
            or quotes.open_at(text, sent_start, rs)
        )
    words = text[max(sent_start, rs - 48) : rs].split()
    kind = _abbrev_kind(words)
    if kind is None:
        return True
    if kind == "final":
        return not _continues(text, re_, end)
    if kind == "era":
        # "عام 350 هـ. في عهد…", "1500 ق.م. على…": after a year the era's dot goes on
        # into a preposition; before a new clause ("2015 م. وجاء…") it ends the sentence.
        if _continues(text, re_, end):
            return False
        m = _NEXT_WORD.match(text, re_, end)
        return m is None or m.group(1).rstrip(_TRAIL) not in _after_era()
    if kind == "letter":
        before = words[-2] if len(words) > 1 else ""
        # "بحسب البي بي سي." and "بدقة 4 كيه." end; "جورج بي. بوش" does not.
        return before[-1:].isdigit() or _abbreviations().get(before) == "letter"
    return False


def sentences(text: str, wrapped: bool = False, tokens: bool = False) -> list[dict[str, Any]]:
    """Sentences as ``{"text", "start", "end", "paragraph"}`` (and ``"tokens"``).

    ``text[start:end]`` is the sentence text; ``paragraph`` is the 0-based index of its
    paragraph (see :func:`paragraphs`).

    >>> [(s["text"], s["paragraph"]) for s in sentences("ولد عام 1950 م. في حمص؟! لا\\nنعم.")]
    [('ولد عام 1950 م. في حمص؟!', 0), ('لا', 0), ('نعم.', 1)]
    """
    out: list[dict[str, Any]] = []
    append = out.append
    quotes = _Quotes()

    def emit(s: int, e: int, p: int) -> None:
        body = text[s:e].rstrip()
        if body:
            sent: dict[str, Any] = {"text": body, "start": s, "end": s + len(body), "paragraph": p}
            if tokens:
                sent["tokens"] = tokenize(text, s, s + len(body))
            append(sent)

    for p, (ps, pe) in enumerate(paragraphs(text, wrapped)):
        start = ps
        for m in _CAND.finditer(text, ps, pe):
            if m.group(1) is None:
                continue  # a URL
            rs, re_ = m.span()
            if re_ >= pe:
                break
            nxt = text[re_]
            # Most runs are followed by a space; the rest (3.5, x.com, a.b@c) end nothing
            # unless an Arabic letter follows, so they are dropped before any other check.
            if not (nxt.isspace() or _is_ar_letter(nxt)):
                continue
            if _is_boundary(text, start, rs, re_, pe, quotes):
                emit(start, re_, p)
                start = _SKIP_WS.match(text, re_, pe).end()
        emit(start, pe, p)
    return out
