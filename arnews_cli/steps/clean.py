"""clean: fix what is invisible or broken; change letters only when asked (CONTRACT §5.1).

The default preset ``safe`` changes no letter. In order, it

1. repairs mojibake line by line (UTF-8 that was read as windows-1256, ``ط§ظ„``,
   or as cp1252/latin-1, ``Ø§Ù„``): a line is converted whole or not at all; a
   line that looks broken but cannot be repaired is counted as
   ``mojibake-unrepaired`` and passed through verbatim, so its bytes are still
   there for a repair by hand. This runs first because the C1 controls, soft
   hyphens, no-break spaces and ZWNJs inside mojibake are bytes of the text;
2. composes canonically equivalent sequences (NFC: ``ا`` + U+0654 is ``أ``);
3. maps presentation forms and ligatures (U+FB50–U+FDFF, U+FE70–U+FEFE) to plain
   letters, deletes bidi and zero-width controls, BOMs, soft hyphens and other
   control characters, turns other line breaks into ``\\n`` and exotic spaces
   into a space: one ``str.translate`` (the opt-in letter normalizations are
   composed into the same table);
4. decides ZWNJ/ZWJ by context: kept inside Persian/Urdu words (a line that
   holds letters only those languages use) and between characters of other
   scripts (emoji sequences, Indic), deleted elsewhere;
5. deletes tatweel, except one after a word of one or two letters where it
   marks an abbreviation or a detached article (``هـ``, ``الـ``), and the one
   of the Hijri mark after a year even with the next word glued on
   (``1436 هـالموافق``);
6. collapses runs of spaces, deletes spaces at line ends and starts, and turns
   3+ newlines into one blank line.

Every pass is ``str.translate`` or a compiled regex, each skipped when a
substring test shows it has nothing to do.

>>> clean_text("مرحـــبا\\u200f  بكم ")
'مرحبا بكم'
>>> clean_text("ط§ظ„ط®ط¨ط±")
'الخبر'
>>> clean_text("أَهْلاً ١٢", PRESETS["search"])
'اهلا 12'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

import orjson

from arnews_cli import arabic
from arnews_cli.data import read_text
from arnews_cli.steps.lazy import lazy

NORMALIZATIONS = ("diacritics", "alef", "yeh", "teh", "hamza", "persian")
_CHOICES = {
    "digits": ("latin", "arabic", "keep"),
    "punct": ("latin", "arabic", "keep"),
    "emoji": ("keep", "remove"),
    "urls": ("keep", "remove"),
}


@dataclass(frozen=True)
class CleanOptions:
    """What ``clean_text`` may change beyond the safe fixes.

    >>> CleanOptions(normalize=frozenset({"alef"}), digits="latin").digits
    'latin'
    """

    normalize: frozenset[str] = field(default_factory=frozenset)
    keep_shadda: bool = False
    digits: str = "keep"  # latin | arabic | keep
    punct: str = "keep"  # latin | arabic | keep
    emoji: str = "keep"  # keep | remove
    urls: str = "keep"  # keep | remove

    def __post_init__(self) -> None:
        unknown = set(self.normalize) - set(NORMALIZATIONS)
        if unknown:
            raise ValueError(
                f"unknown normalization {', '.join(sorted(unknown))}; "
                f"choose from {','.join(NORMALIZATIONS)}"
            )
        if not isinstance(self.normalize, frozenset):
            object.__setattr__(self, "normalize", frozenset(self.normalize))
        for name, allowed in _CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {'|'.join(allowed)}")


PRESETS: dict[str, CleanOptions] = {
    "safe": CleanOptions(),
    # Lucene's ArabicNormalizer + PersianNormalizer, and Western digits.
    "search": CleanOptions(
        normalize=frozenset({"diacritics", "alef", "yeh", "teh", "persian"}), digits="latin"
    ),
}

# Character classes (regex syntax) of the Arabic script, shared by every step.
_AR_LETTER = arabic.LETTER
_AR_MARK = arabic.MARK
_AR_SCRIPT = arabic.SCRIPT
# A line holding a letter only Persian, Urdu (and Kurdish) use is in those languages.
_PERSIAN_LINE = lazy(f"[{arabic.PERSIAN_LETTER}]")


# --------------------------------------------------------------------------- tables


def _hex(s: str) -> str:
    return chr(int(s, 16))


def _expand(spec: dict) -> list[str]:
    chars = [_hex(c) for c in spec.get("chars", [])]
    for first, last in spec.get("ranges", []):
        chars.extend(chr(c) for c in range(int(first, 16), int(last, 16) + 1))
    return chars


@lru_cache(maxsize=1)
def _data() -> dict:
    return orjson.loads(read_text("clean_chars.json"))


def _presentation_forms() -> dict[int, str]:
    """Presentation forms to their compatibility decomposition (NFKC), one table."""
    table: dict[int, str] = {}
    for first, last in _data()["presentation_ranges"]:
        for cp in range(int(first, 16), int(last, 16) + 1):
            ch = chr(cp)
            plain = unicodedata.normalize("NFKC", ch)
            if plain != ch:
                # Isolated harakat decompose to space + mark; the space is layout.
                table[cp] = plain.lstrip(" ") if plain[0] == " " else plain
    return table


def _str_values(table: dict[int, int]) -> dict[int, str]:
    """A ``str.maketrans`` table with characters, not code points, as values."""
    return {k: chr(v) for k, v in table.items()}


def _mapping(spec: dict[str, str]) -> dict[int, str]:
    return {int(k, 16): _hex(v) for k, v in spec.items()}


def _rules(options: CleanOptions) -> list[tuple[str, dict[int, str]]]:
    """The character rules in the order they apply, as translate tables."""
    data = _data()
    delete = dict.fromkeys
    rules: list[tuple[str, dict[int, str]]] = [
        ("presentation-forms", _presentation_forms()),
        ("invisible", delete(map(ord, _expand(data["invisible"])))),
        ("control", delete(map(ord, _expand(data["control"])))),
        ("newlines", {int(k, 16): v for k, v in data["newlines"]["map"].items()}),
        ("spaces", dict.fromkeys(map(ord, _expand(data["spaces"])), " ")),
    ]
    norm = options.normalize
    if norm:
        # pyarabic's letter tables, only for the opt-in rules (the safe preset has none).
        import pyarabic.araby as ar
    if options.emoji == "remove":
        rules.append(("emoji", delete(map(ord, _expand(data["emoji"])))))
    if "persian" in norm:
        rules.append(("persian", _mapping(data["persian"]["map"])))
    if "diacritics" in norm:
        marks = [c for c in ar.DIACRITICS if not (options.keep_shadda and c == ar.SHADDA)]
        rules.append(("diacritics", delete(map(ord, marks))))
    if "alef" in norm:
        alefs = [c for c in ar.ALEFAT if c not in (ar.ALEF, ar.ALEF_MAKSURA, ar.MINI_ALEF)]
        alefs += ["\u0672", "\u0673", "\u0675"]  # wavy and high hamza alefs
        rules.append(("alef", dict.fromkeys(map(ord, alefs), ar.ALEF)))
    if "yeh" in norm:
        rules.append(("yeh", {ord(ar.ALEF_MAKSURA): ar.YEH}))
    if "teh" in norm:
        rules.append(("teh", {ord(ar.TEH_MARBUTA): ar.HEH}))
    if "hamza" in norm:
        rules.append(("hamza", {ord(ar.WAW_HAMZA): ar.HAMZA, ord(ar.YEH_HAMZA): ar.HAMZA}))
    if options.digits == "latin":
        table = _str_values(arabic.TO_ASCII_DIGITS)
        table |= _mapping(data["digit_separators_latin"]["map"])
        rules.append(("digits", table))
    elif options.digits == "arabic":
        rules.append(("digits", _str_values(arabic.PERSIAN_TO_ARABIC_DIGITS)))
    if options.punct == "latin":
        rules.append(("punct", _mapping(data["punct_latin"]["map"])))
    return rules


def _char_class(codepoints: Iterable[int]) -> str:
    """A regex character class matching exactly ``codepoints`` (as ranges)."""
    cps = sorted(set(codepoints))
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        first, last = (f"\\U{cps[i]:08x}", f"\\U{cps[j]:08x}")
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "[" + "".join(parts) + "]"


class _Tables(NamedTuple):
    table: dict[int, str]  # all character rules composed into one translate table
    needed: re.Pattern[str]  # finds a character the table changes
    chainable: bool  # no replacement holds a character the table changes
    rule_of: dict[str, str]  # character -> name of the first rule that changes it


@lru_cache(maxsize=64)
def _tables(options: CleanOptions) -> _Tables:
    # The rules composed one after another over the characters seen so far: a rule
    # applies to the outputs of the earlier ones only when it touches one of their
    # characters (never, in the safe preset), so building the table on every start
    # costs dict updates rather than a translate per character and rule.
    current: dict[int, str] = {}  # every character some rule names -> its output so far
    rule_of: dict[str, str] = {}
    for name, rule in _rules(options):
        if not rule.keys().isdisjoint(map(ord, set("".join(current.values())))):
            for cp, out in current.items():
                new = out.translate(rule)
                if new != out:
                    rule_of.setdefault(chr(cp), name)
                    current[cp] = new
        for cp, value in rule.items():
            if cp not in current:
                new = value or ""
                if new != chr(cp):
                    rule_of.setdefault(chr(cp), name)
                current[cp] = new
    table = {cp: out for cp, out in current.items() if out != chr(cp)}
    chainable = not any(ord(ch) in table for out in table.values() for ch in out)
    return _Tables(table, re.compile(_char_class(table)), chainable, rule_of)


def character_rules(text: str, options: CleanOptions) -> str:
    """``text`` with every character rule of ``options`` applied, and nothing else (for
    other steps that fold letters the way clean does, such as dedup).

    >>> character_rules("أحمد ٢٠", CleanOptions(normalize=frozenset({"alef"}), digits="latin"))
    'احمد 20'
    """
    return _translate(text, _tables(options), None)


# ------------------------------------------------------------------------- mojibake

_CONT_1256 = bytes(range(0x80, 0xC0)).decode("cp1256")


def _cp1252_char(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8d 0x8f 0x90 0x9d: readers pass them on as C1
        return chr(b)


_CONT_1252 = "".join(_cp1252_char(b) for b in range(0x80, 0xC0)) + "".join(
    map(chr, range(0x80, 0xA0))
)
#: cp1252 characters back to the latin-1 code point of their byte (C1 stays C1).
_TO_LATIN1 = {ord(_cp1252_char(b)): b for b in range(0x80, 0xA0)}

# A lead byte of a 2-byte UTF-8 Arabic letter (D8-DB) read as one character,
# then a continuation byte (80-BF) read as another. The lead characters are
# pulled out in front so the regex engine can skip ahead to them (a leading
# alternation makes it try every position); the lookbehinds pick the code page.
_LEAD_1256 = bytes(range(0xD8, 0xDC)).decode("cp1256")  # ط ظ ع غ
_LEAD_1252 = bytes(range(0xD8, 0xDC)).decode("cp1252")  # Ø Ù Ú Û
_MOJIBAKE = lazy(
    f"[{_LEAD_1256}{_LEAD_1252}](?:(?<=[{_LEAD_1256}])"
    + _char_class(map(ord, _CONT_1256))
    + f"|(?<=[{_LEAD_1252}])"
    + _char_class(map(ord, _CONT_1252))
    + ")"
)
# The same pairs one lead character at a time: a pattern that starts with a
# literal is scanned for several times faster than one starting with a class.
_PAIRS = [lazy(lead + _char_class(map(ord, _CONT_1256))) for lead in _LEAD_1256]
_PAIRS_1252 = lazy(f"[{_LEAD_1252}]" + _char_class(map(ord, _CONT_1252)))


def _pair_patterns(text: str) -> list[re.Pattern[str]]:
    """Patterns that together find what ``_MOJIBAKE`` finds in ``text``.

    Ø-Û are rare in Arabic text, so an ``in`` test usually rules out cp1252.
    """
    # Only the leads the text holds: a text without any (a one-line ``echo``) then
    # never compiles the patterns.
    pairs = [p for lead, p in zip(_LEAD_1256, _PAIRS, strict=True) if lead in text]
    if any(ch in text for ch in _LEAD_1252):
        pairs.append(_PAIRS_1252)
    return pairs


def _has_mojibake(text: str) -> bool:
    """``_MOJIBAKE.search(text) is not None``, faster."""
    return any(p.search(text) for p in _pair_patterns(text))


# Non-ASCII characters that are not whitespace, counted by deleting runs of them.
_NON_ASCII_RUN = lazy(r"[^\x00-\x7f\s]+")
# C1 controls, U+FFFD and private use in a repaired line mean a wrong repair. ASCII
# controls do not: they come through both code pages unchanged, so a repair cannot
# have made them (and refusing it would leave the line for a second clean to repair,
# breaking idempotence once control removal has run).
_BAD_AFTER_REPAIR = lazy("[\x80-\x9f\ufffd\ue000-\uf8ff]")
_ARABIC_LETTER = lazy(f"[{_AR_LETTER}]")


# A character that neither latin-1 nor cp1252 has: the cp1252 way back cannot apply.
_NOT_CP1252 = lazy("[^\x00-\xff" + "".join(map(chr, _TO_LATIN1)) + "]")


def _encode_back(line: str, codec: str) -> bytes:
    if codec == "cp1252":
        if _NOT_CP1252.search(line):
            # What encode("latin-1") would raise after the (slow, whole-line) translate.
            raise UnicodeEncodeError("latin-1", line, 0, 1, "not a cp1252 character")
        return line.translate(_TO_LATIN1).encode("latin-1")
    return line.encode(codec)


def _repair_once(line: str) -> str | None:
    for codec in ("cp1256", "cp1252"):
        try:
            fixed = _encode_back(line, codec).decode("utf-8")
        except UnicodeError:
            continue
        # A real line that happens to be valid UTF-8 once encoded would come
        # out as control characters or letters of unrelated scripts; a repair
        # must give Arabic and nothing unprintable.
        if fixed != line and _ARABIC_LETTER.search(fixed) and not _BAD_AFTER_REPAIR.search(fixed):
            return fixed
    return None


def looks_like_mojibake(line: str) -> bool:
    """Whether ``line`` reads like Arabic UTF-8 shown through a legacy code page.

    >>> looks_like_mojibake("ط§ظ„ظ…ط³طھط®ط¯ظ…"), looks_like_mojibake("فقط، لا غير")
    (True, False)
    """
    # The pair patterns open with a literal, so they scan far faster than _MOJIBAKE,
    # which opens with a class; their matches cannot overlap (no continuation
    # character is a lead), so together they count what _MOJIBAKE.findall finds.
    hits = sum(len(p.findall(line)) for p in _pair_patterns(line))
    if hits < 2:
        return False
    # Each broken letter is a pair, so pairs cover most non-ASCII characters.
    return 4 * hits >= len(line) - len(_NON_ASCII_RUN.sub("", line))


def _repair_line(line: str) -> str | None:
    """The repaired line, or None when it is not repairable mojibake."""
    fixed = _repair_once(line)
    if fixed is None:
        return None
    for _ in range(2):  # text broken twice over is repaired twice
        if not _MOJIBAKE.search(fixed):
            break
        again = _repair_once(fixed)
        if again is None:
            break
        fixed = again
    return fixed


def _repair(text: str, stats: Counter[str] | None) -> tuple[list[str], set[int]]:
    """Lines with mojibake repaired, and the indices of lines to leave verbatim."""
    lines = text.split("\n")
    fixed, protected = _repair_spans(text, stats)
    for i, line in fixed.items():
        lines[i] = line
    return lines, protected


def _repair_spans(text: str, stats: Counter[str] | None) -> tuple[dict[int, str], set[int]]:
    """Repaired lines by index, and the indices of lines to leave verbatim.

    Only the lines holding a mojibake pair are cut out of ``text`` (a pair never
    spans a newline), so a long article with one ``فقط،`` is not split whole.
    """
    starts: set[int] = set()
    for pattern in _pair_patterns(text):
        m = pattern.search(text)
        while m is not None:
            starts.add(text.rfind("\n", 0, m.start()) + 1)
            end = text.find("\n", m.end())
            m = None if end < 0 else pattern.search(text, end)
    fixed: dict[int, str] = {}
    protected: set[int] = set()
    index, counted = 0, 0  # line number of offset ``counted``
    for start in sorted(starts):
        index += text.count("\n", counted, start)
        counted = start
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        repaired = _repair_line(line)
        if repaired is not None:
            fixed[index] = repaired
            if stats is not None:
                stats["mojibake-repaired"] += 1
        elif looks_like_mojibake(line):
            protected.add(index)
            if stats is not None:
                stats["mojibake-unrepaired"] += 1
    return fixed, protected


# ------------------------------------------------------------------ context rules

_ZW = "\u200c\u200d"
# A character of another script (emoji, Indic...): ZWJ/ZWNJ between two of these
# shapes them; anywhere else in an Arabic text it is noise.
_OTHER = rf"[^\s\x00-\x7f{_AR_SCRIPT}\u200b-\u200f]"
# A character a ZWNJ may sit between in a Persian word: a letter or mark of any script,
# not the Arabic block's punctuation, digits, honorific signs (U+0610-U+061A) or
# tatweel, nor a presentation form, a space or ASCII.
_PERSIAN_KEEP = (
    rf"[^\s\x00-\x7f{arabic.PUNCTUATION}{arabic.DIGIT}\u0610-\u061a\u0640\u200b-\u200f"
    rf"{arabic.PRESENTATION}]"
)


def _zw_rule(keep_between: str, chars: str) -> re.Pattern[str]:
    # Delete a run of joiners unless a keep_between character is on both sides.
    # The leading lookbehind anchors each try at the start of a run, so a long
    # run is scanned once (linear time).
    return lazy(
        rf"(?<![{_ZW}])(?:(?<!{keep_between})[{chars}]+|[{chars}]+(?![{_ZW}]|{keep_between}))"
    )


_ZW_DEFAULT = _zw_rule(_OTHER, _ZW)
_ZW_RUN = lazy(f"[{_ZW}]+")
_IS_PERSIAN_KEEP = lazy(_PERSIAN_KEEP)
_IS_OTHER = lazy(_OTHER)


def _persian_joiners(line: str) -> str:
    """In a Persian/Urdu line, each run of joiners keeps its ZWNJs only between two
    letters of such words (می‌خواهم) and its ZWJs only between two characters of
    another script (emoji, Indic); the rest goes.

    The run is judged as a whole by its two neighbours, which stay its neighbours
    after it is cut, so a second pass keeps what the first kept (idempotent; two
    rules applied one after the other were not, on mixed runs).

    >>> _persian_joiners("می\u200cخواهم \u200d\u200cپ پ\u200d\u200c")
    'می\u200cخواهم پ پ'
    """

    def keep(m: re.Match[str]) -> str:
        start, end = m.span()
        before = line[start - 1] if start else ""
        after = line[end] if end < len(line) else ""
        nj = bool(
            before and after and _IS_PERSIAN_KEEP.match(before) and _IS_PERSIAN_KEEP.match(after)
        )
        j = bool(before and after and _IS_OTHER.match(before) and _IS_OTHER.match(after))
        return "".join(c for c in m.group() if (nj if c == "\u200c" else j))

    return _ZW_RUN.sub(keep, line)


# Tatweel: one is kept after a word of one or two letters (هـ, الـ) when the word
# ends there; every other is deleted. Replacing with the group deletes in the
# second branch, where the group did not take part. The pattern starts with a
# literal tatweel outside any group or branch so the engine skips ahead to it;
# the group captures that tatweel from inside a lookbehind.
# The Hijri-year mark after a number keeps its tatweel even when the next word
# is glued on (``1436 هـالموافق``): deleting it would make a new word, هالموافق.
# A mark before the letters belongs to the word too (``بِالـ`` is three letters, as
# ``بالـ`` is): else a hamza above that composes with its letter only after the rule
# (``و`` + U+0654 -> ``ؤ``) would leave a tatweel a second clean deletes.
_TATWEEL = lazy(
    rf"\u0640(?:(?<=(?P<keep>\u0640))"
    rf"(?:(?:(?<=(?<![{_AR_LETTER}{_AR_MARK}\u0640])[{_AR_LETTER}]\u0640)"
    rf"|(?<=(?<![{_AR_LETTER}{_AR_MARK}\u0640])[{_AR_LETTER}][{_AR_LETTER}]\u0640))"
    rf"\u0640*(?![{_AR_LETTER}\u0640])"
    rf"|(?:(?<=[{arabic.DIGIT}]\u0647\u0640)"
    rf"|(?<=[{arabic.DIGIT}] \u0647\u0640))\u0640*)"
    rf"|\u0640*)"
)

_URL = lazy(arabic.URL, re.IGNORECASE)
# Digits of a Latin token (COVID-19, mp3, user12@) stay Latin.
_ASCII_DIGITS = lazy(r"(?<![A-Za-z0-9_@])(?<![A-Za-z]-)[0-9]+(?![A-Za-z0-9_@])(?!-[A-Za-z])")
_TO_ARABIC_DIGITS = arabic.TO_ARABIC_DIGITS
_AFTER_ARABIC = f"(?<=[{_AR_LETTER}{_AR_MARK}\u0640])"
_PUNCT_ARABIC = [(lazy(_AFTER_ARABIC + re.escape(a)), b) for a, b in zip(",;?", "،؛؟", strict=True)]


_URL_SPLIT = lazy(f"({_URL.pattern})", re.IGNORECASE)


def _outside_urls(text: str, fn: Callable[[str], str]) -> str:
    """``fn`` applied to the text between URLs (odd parts of the split are URLs)."""
    parts = _URL_SPLIT.split(text)
    return "".join(fn(p) if i % 2 == 0 else p for i, p in enumerate(parts))


def _count(stats: Counter[str] | None, name: str, n: int) -> None:
    if stats is not None and n:
        stats[name] += n


# ----------------------------------------------------------------------- the step


def _translate(text: str, tables: _Tables, stats: Counter[str] | None) -> str:
    m = tables.needed.search(text)
    if m is None:
        return text
    counts = Counter(tables.needed.findall(text, m.start()))
    if stats is not None:
        for ch, n in counts.items():
            stats[tables.rule_of[ch]] += n
    # str.translate with a dict runs at ~20 MB/s on Arabic text (a dict lookup per
    # character); an article holds only a handful of distinct characters to change,
    # and one str.replace per character is many times faster. Replacing one after
    # another equals translating at once because no replacement holds a character
    # the table changes (checked when the table is built).
    table = tables.table
    if not tables.chainable or len(counts) > 24:
        # Many distinct characters (a long text, say): one substitution at the characters
        # to change, unless they are so many that translate's lookup per character is
        # the cheaper (a match costs a call, ~10x a lookup). The same result either way:
        # each character is replaced once by its entry in the table.
        if sum(counts.values()) * 10 < len(text):
            return tables.needed.sub(lambda m: table[ord(m.group())], text)
        return text.translate(table)
    for ch in counts:
        text = text.replace(ch, table[ord(ch)])
    return text


def _is_nfc(text: str) -> bool:
    """``unicodedata.is_normalized("NFC", text)``, checked line by line.

    When its quick check meets a character that may compose with the one before it (the
    Arabic maddah and hamza above and below, U+0653 to U+0655, among them),
    ``is_normalized`` normalises the whole string to compare: ~20 MB/s, 1.5 s of a 50 MB
    article. A newline never composes, so each line can be checked alone, and only the
    lines holding such a character pay for it. A text of an ordinary size is checked
    whole: such characters are rare, and splitting it would cost more than they do.
    """
    if len(text) < 1 << 16 or "\n" not in text:
        return unicodedata.is_normalized("NFC", text)
    return all(map(_IS_NFC, text.split("\n")))


_IS_NFC = partial(unicodedata.is_normalized, "NFC")


def _nfc(text: str) -> str:
    """``unicodedata.normalize("NFC", text)``, composing only the lines that need it.

    A newline never composes or reorders with a neighbour, so NFC commutes with
    splitting at it; most articles have one or two lines with marks out of order.
    """
    if "\n" not in text:
        return unicodedata.normalize("NFC", text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not unicodedata.is_normalized("NFC", line):
            lines[i] = unicodedata.normalize("NFC", line)
    return "\n".join(lines)


def _core(text: str, options: CleanOptions, stats: Counter[str] | None) -> str:
    spans = _blocks(text, options)
    if len(spans) == 1:  # the usual case: the text is one block, cleaned in place
        block, counts = _clean_block(text, options, stats, _Counts())
        return _finish(block, counts, stats)
    # Each block is cut out, cleaned and kept; the text is joined once at the end. Every
    # pass then copies a block, not the text: a 50 MB article holds the text, the cleaned
    # blocks and their join, where whole-text passes held up to five copies at once.
    parts: list[str] = []
    total = _Counts()
    for start, end in spans:
        block, counts = _clean_block(text[start:end], options, stats, _Counts(every=True))
        parts.append(block)
        total.add(counts)
    del block
    total.newlines += len(spans) - 1  # the newlines cut at
    out = "\n".join(parts)
    del parts
    return _finish(out, total, stats)


#: A text longer than this many characters is cleaned in blocks of at least this size.
_BLOCK = 1 << 20
# Where a text may be cut into blocks: a newline between two characters that no rule
# deletes or turns into a space (tests/test_clean.py checks every option's table), so no
# rule reaches across it (each works within a line or on spaces and newlines next to one
# another) and cleaning the blocks apart gives what cleaning the text whole gives.
_CUT = lazy(f"(?<=[{_AR_LETTER}{arabic.DIGIT}.!?\u061f])\n(?=[{_AR_LETTER}])")


def _blocks(text: str, options: CleanOptions) -> list[tuple[int, int]]:
    """``(start, end)`` of the blocks ``text`` is cleaned in, cut at ``_CUT`` newlines
    (not part of any block) about every ``_BLOCK`` characters; one block for most texts."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > 2 * _BLOCK:
        m = _CUT.search(text, start + _BLOCK)
        # --urls remove deletes a URL with the letter or digit it may end on: not a cut
        # after a line holding one.
        while m is not None and options.urls == "remove":
            line_start = text.rfind("\n", 0, m.start()) + 1
            if not _URL.search(text, line_start, m.start()):
                break
            m = _CUT.search(text, m.end())
        if m is None:
            break
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _clean_block(
    text: str, options: CleanOptions, stats: Counter[str] | None, counts: _Counts
) -> tuple[str, _Counts]:
    """Every rule but the final strip; what the compose and whitespace rules did goes
    in ``counts``, to be added up over the blocks (they count once per text)."""
    tables = _tables(options)
    if not _is_nfc(text):
        text = _nfc(text)
        counts.composed = True
    composed = text
    text = _translate(text, tables, stats)
    # Every rule returns its input object when it changes nothing, and ``composed`` is
    # NFC, so only a changed text needs checking again. A flag, not a reference: a
    # 50 MB article would otherwise hold one more copy while the rules below run.
    changed = text is not composed
    del composed
    if options.urls == "remove":
        text, n = _URL.subn("", text)
        _count(stats, "urls", n)
        changed |= n > 0
    if "\u200c" in text or "\u200d" in text:
        before = len(text)
        if _PERSIAN_LINE.search(text):
            lines = text.split("\n")
            for i, line in enumerate(lines):
                if "\u200c" in line or "\u200d" in line:
                    if _PERSIAN_LINE.search(line):
                        lines[i] = _persian_joiners(line)
                    else:
                        lines[i] = _ZW_DEFAULT.sub("", line)
            text = "\n".join(lines)
            del lines  # the lines are a copy of the text
        else:
            text = _ZW_DEFAULT.sub("", text)
        _count(stats, "invisible", before - len(text))
        changed = True
    if "\u0640" in text:
        before = len(text)
        text = _TATWEEL.sub(r"\g<keep>", text)
        _count(stats, "tatweel", before - len(text))
        changed = True
    if changed and not _is_nfc(text):
        # A deleted character sat between a letter and its combining mark.
        text = _translate(_nfc(text), tables, None)
        counts.composed_again = True
    if options.digits == "arabic" or options.punct == "arabic":
        text = _outside_urls(text, lambda part: _to_arabic(part, options, stats))
    return _collapse(text, counts), counts


def _to_arabic(text: str, options: CleanOptions, stats: Counter[str] | None) -> str:
    if options.digits == "arabic":
        text, n = _ASCII_DIGITS.subn(lambda m: m.group().translate(_TO_ARABIC_DIGITS), text)
        _count(stats, "digits", n)
    if options.punct == "arabic":
        for pattern, repl in _PUNCT_ARABIC:
            text, n = pattern.subn(repl, text)
            _count(stats, "punct", n)
    return text


_SPACE_RUN = lazy(" {2,}")
_NEWLINE_RUN = lazy("\n{3,}")


@dataclass
class _Counts:
    """What the compose and whitespace rules did to a block, added up over a text's."""

    composed: bool = False  # the block was not NFC
    composed_again: bool = False  # a deletion left it not NFC
    runs: int = 0  # runs of 2+ spaces collapsed, and of 3+ newlines
    newlines: int = 0  # counted when a space is next to one, or ``every`` block's
    edge: bool = False  # a space next to a newline
    every: bool = False

    def add(self, other: _Counts) -> None:
        self.composed |= other.composed
        self.composed_again |= other.composed_again
        self.runs += other.runs
        self.newlines += other.newlines
        self.edge |= other.edge


def _collapse(text: str, counts: _Counts) -> str:
    """Space runs collapsed, spaces at line ends and starts deleted, 3+ newlines cut to
    a blank line (counted in ``counts``); the text is not stripped (see :func:`_finish`)."""
    if counts.every:
        counts.newlines = text.count("\n")
    # Collapse space runs first: every later step then meets at most one space
    # next to a newline, which keeps them linear on a line of spaces.
    if "  " in text:
        text, counts.runs = _SPACE_RUN.subn(" ", text)
    if " \n" in text or "\n " in text:
        counts.edge = True
        counts.newlines = text.count("\n")
        text = text.replace(" \n", "\n")
        text = text.replace("\n ", "\n")
    if "\n\n\n" in text:
        text, k = _NEWLINE_RUN.subn("\n\n", text)
        counts.runs += k
    return text


def _finish(text: str, counts: _Counts, stats: Counter[str] | None) -> str:
    """``text`` (collapsed) stripped, and the compose and whitespace counts of the whole
    text: compose once for each of its two checks; whitespace for each run, each newline
    once when a space sat next to any (as `` ?\n ?`` -> ``\n`` would count), the strip."""
    stripped = text.strip(" \n")
    _count(stats, "compose", counts.composed + counts.composed_again)
    n = counts.runs + (counts.newlines if counts.edge else 0) + (stripped != text)
    _count(stats, "whitespace", n)
    return stripped


def clean_text(
    text: str, options: CleanOptions = PRESETS["safe"], stats: Counter[str] | None = None
) -> str:
    """Return ``text`` cleaned under ``options``; count changes per rule in ``stats``.

    Rule names in ``stats``: mojibake-repaired, mojibake-unrepaired (lines),
    compose, presentation-forms, invisible, control, newlines, spaces, tatweel,
    whitespace, and for the options emoji, urls, persian, diacritics, alef,
    yeh, teh, hamza, digits, punct.

    >>> from collections import Counter
    >>> stats = Counter()
    >>> clean_text("ﻻ\\u00a0شيء", stats=stats), dict(stats)
    ('لا شيء', {'presentation-forms': 1, 'spaces': 1})
    """
    out = _clean_once(text, options, stats)
    # Deleting a control, tatweel or presentation form can join the two halves of a
    # broken letter (``ط\x7f§`` becomes ``ط§``): repair what the cleaning revealed, so
    # that cleaning again changes nothing.
    if out is not text and out != text and _has_mojibake(out):
        fixed, _ = _repair_spans(out, None)
        if fixed:
            out = _clean_once(out, options, stats)
    return out


def _clean_once(text: str, options: CleanOptions, stats: Counter[str] | None) -> str:
    if "\r" in text:
        crlf = text.count("\r\n")
        text = text.replace("\r\n", "\n")
        _count(stats, "newlines", crlf)
    if not _has_mojibake(text):
        return _core(text, options, stats)
    fixed, protected = _repair_spans(text, stats)
    if not fixed and not protected:  # a real ``فقط،``: nothing to repair
        return _core(text, options, stats)
    lines = text.split("\n")
    for i, line in fixed.items():
        lines[i] = line
    if not protected:
        return _core("\n".join(lines), options, stats)
    # Unrepairable lines pass verbatim; the text between them is cleaned.
    out: list[str] = []
    block: list[str] = []
    for i, line in enumerate(lines):
        if i in protected:
            if block:
                out.append(_core_block("\n".join(block), options, stats))
                block = []
            out.append(line)
        else:
            block.append(line)
    if block:
        out.append(_core_block("\n".join(block), options, stats))
    return re.sub("\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def _core_block(text: str, options: CleanOptions, stats: Counter[str] | None) -> str:
    """``_core`` on a block between verbatim lines: blank lines at its edges stay."""
    lead = len(text) - len(text.lstrip("\n"))
    trail = len(text) - len(text.rstrip("\n"))
    body = _core(text, options, stats)
    if not body:
        return "\n" * min(lead, 1)
    return "\n" * min(lead, 1) + body + "\n" * min(trail, 1)
