"""Bytes to text, in the order of docs/CONTRACT.md §2.

1. a BOM decides;
2. bytes holding NULs (or UTF-8 that comes out as letters between control
   characters, which is what pure Arabic UTF-16 looks like) are UTF-32/UTF-16
   without BOM when they decode to plausible text, binary otherwise (Arabic in
   UTF-16LE is often valid UTF-8 too, so this comes before UTF-8);
3. strict UTF-8;
4. detection (chardet) restricted to the encodings Arabic text really comes in,
   checked against the character frequencies of real Arabic news: on a short
   line any detector guesses, and windows-1256, ISO-8859-6 and cp720 all decode
   most byte strings without error, so "it decoded" proves nothing.

Characters are never replaced: what cannot be decoded raises :class:`DecodeError`.

>>> decode("خبر عاجل".encode("windows-1256"))
('خبر عاجل', 'windows-1256')
"""

from __future__ import annotations

import codecs
import math
from functools import lru_cache

from arnews_cli.data import read_text
from arnews_cli.errors import DecodeError

_BOMS = (  # UTF-32 first: its LE BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Python's codec names where the web's (WHATWG / IANA) lower-case name differs.
_CANONICAL = {
    "utf_8": "utf-8",
    "utf-8-sig": "utf-8",
    "utf_8_sig": "utf-8",
    "utf_16": "utf-16",
    "utf_32": "utf-32",
    "cp1250": "windows-1250",
    "cp1251": "windows-1251",
    "cp1252": "windows-1252",
    "cp1253": "windows-1253",
    "cp1254": "windows-1254",
    "cp1255": "windows-1255",
    "cp1256": "windows-1256",
    "cp1257": "windows-1257",
    "cp1258": "windows-1258",
    "mac-arabic": "mac-arabic",
    "latin-1": "iso-8859-1",
}

#: What detection may choose from: the legacy encodings Arabic text is found in,
#: most common first (the order breaks ties).
ARABIC_ENCODINGS = ("windows-1256", "iso-8859-6", "cp720", "cp864")

_UNICODE_NO_BOM = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
_SAMPLE = 8192


def canonical(name: str) -> str:
    """The lower-case name an encoding is reported under.

    >>> canonical("CP1256"), canonical("ISO8859_6"), canonical("UTF-16LE")
    ('windows-1256', 'iso-8859-6', 'utf-16-le')
    """
    try:
        py = codecs.lookup(name).name
    except LookupError:
        return name.lower()
    if py in _CANONICAL:
        return _CANONICAL[py]
    if py.startswith("iso8859-"):
        return "iso-" + py[3:]
    return py.replace("_", "-")


@lru_cache(maxsize=1)
def _logp() -> dict[str, float]:
    """log-probability of each non-ASCII character in real Arabic news."""
    counts: dict[str, int] = {}
    text = read_text("chars_freq.tsv")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, n, *_ = line.split("\t")
            counts[chr(int(code, 16))] = int(n)
    total = sum(counts.values())
    return {ch: math.log(n / total) for ch, n in counts.items()}


# Letters of the Arabic script missing from the news sample (Persian, Urdu,
# Kurdish letters) are rare in news but are text, not noise.
_RARE_LETTER = math.log(1e-6)
_UNSEEN = math.log(1e-9)
_CONTROL = math.log(1e-12)


def _char_logp(ch: str, table: dict[str, float]) -> float:
    lp = table.get(ch)
    if lp is not None:
        return lp
    o = ord(ch)
    if o < 0x20 or 0x7F <= o < 0xA0:
        return _CONTROL
    if 0x0621 <= o <= 0x06D3 or 0xFB50 <= o <= 0xFEFC:
        return _RARE_LETTER
    return _UNSEEN


def score(text: str) -> float:
    """Mean log-probability per non-ASCII character, under real Arabic news.

    Higher is more like Arabic news; text without non-ASCII characters scores 0.
    """
    table = _logp()
    sample = text[:_SAMPLE]
    rare = [ch for ch in sample if ch >= "\x80" or (ch < " " and ch not in "\n\r\t\f")]
    if not rare:
        return 0.0
    return sum(_char_logp(ch, table) for ch in rare) / len(rare)


def plausible(text: str) -> bool:
    """Mostly letters, digits, spaces and punctuation of real text, not decoding noise.

    Wrongly decoded UTF-16 is made of letters too (CJK, mostly), so "is it a
    letter" does not tell; "is it a character news text is written in" does.
    """
    sample = text[:_SAMPLE]
    if not sample:
        return False
    table = _logp()
    good = sum(
        1
        for ch in sample
        if (" " <= ch <= "~")
        or ch in "\n\r\t\f"
        or ch in table
        or "\u0600" <= ch <= "\u06ff"
        or "\u00a0" <= ch <= "\u024f"  # Latin-1 and Latin Extended: French, Turkish...
        or "\u2000" <= ch <= "\u206f"
        or "\ufb50" <= ch <= "\ufeff"
    )
    return good / len(sample) >= 0.9


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; newlines are normalised to ``\\n``.

    >>> decode("سلام".encode("utf-16-le"))
    ('سلام', 'utf-16-le')
    >>> decode(b"a\\r\\nb")
    ('a\\nb', 'utf-8')
    """
    text, used = _decode(data, encoding)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, used


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding:
        return _decode_as(data, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError as e:
                raise DecodeError(
                    f"starts with a {name} BOM but byte {e.start + len(bom)} is not {name}"
                ) from None
    if b"\x00" in data:
        found = _unicode_without_bom(data)
        if found:
            return found
        raise DecodeError("binary data (holds NUL bytes and is not UTF-16/32 text)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect(data)
    if _control_heavy(text):
        # Arabic-only UTF-16 has no NUL byte ("سلام" is 33 06 44 06 ...), and
        # such bytes are valid UTF-8: letters between U+0006 controls.
        found = _unicode_without_bom(data)
        if found:
            return found
    return text, "utf-8"


def _decode_as(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise DecodeError(f"unknown encoding {encoding!r}") from None
    name = canonical(encoding)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise DecodeError(f"not valid {name}: byte {e.start} (0x{data[e.start]:02x})") from None
    return text.removeprefix("\ufeff"), name


def _control_heavy(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in "\n\r\t\f")
    return controls / len(sample) > 0.2


def _unicode_without_bom(data: bytes) -> tuple[str, str] | None:
    best: tuple[float, str, str] | None = None
    for name in _UNICODE_NO_BOM:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if plausible(text):
            s = score(text)
            if best is None or s > best[0]:
                best = (s, text, name)
    return (best[1], best[2]) if best else None


def _detect(data: bytes) -> tuple[str, str]:
    import chardet

    decoded: dict[str, str] = {}
    for name in ARABIC_ENCODINGS:
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise DecodeError("cannot decode: neither UTF-8 nor an Arabic legacy encoding")
    guess = chardet.detect(data[:65536], include_encodings=tuple(decoded))
    chosen = canonical(guess["encoding"]) if guess.get("encoding") else None
    scores = {name: score(text) for name, text in decoded.items()}
    best = max(decoded, key=lambda n: scores[n])  # max keeps the first of equals
    # chardet knows byte bigrams and is right on long texts; trust it unless
    # its pick reads as clearly less Arabic than another candidate (one wrong
    # letter in three or so), which is what a short line fools it into.
    if chosen in decoded and scores[chosen] >= scores[best] - 1.0:
        best = chosen
    text = decoded[best]
    if not plausible(text):
        raise DecodeError("cannot decode: neither UTF-8 nor an Arabic legacy encoding")
    return text, best
