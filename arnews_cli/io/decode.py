"""Bytes to text, in the order of CONTRACT §2.

1. a BOM decides;
2. bytes holding NULs are UTF-32/UTF-16 without BOM when they decode to plausible
   text, binary otherwise (Arabic in UTF-16LE is often valid UTF-8 too, so this
   comes before UTF-8);
3. strict UTF-8;
4. detection (chardet) restricted to the encodings Arabic text really comes in.

Characters are never replaced: what cannot be decoded raises :class:`DecodeError`.
"""

from __future__ import annotations

import codecs
import unicodedata

from arnews_cli.errors import DecodeError

_BOMS = (  # UTF-32 first: its LE BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_NAMES = {"cp1256": "windows-1256", "iso8859-6": "iso-8859-6"}

#: What chardet may choose from: the legacy encodings Arabic text is found in.
ARABIC_ENCODINGS = ("windows-1256", "iso-8859-6", "cp720", "cp864")


def score(text: str) -> float:
    """Share of a sample that is ASCII text, Arabic or common punctuation.

    Wrongly decoded UTF-16 is made of letters too (CJK, mostly), so "is it a
    letter" does not tell; "is it a character news text is written in" does.
    """
    sample = text[:4096]
    if not sample:
        return 0.0
    good = sum(
        1
        for ch in sample
        if (" " <= ch <= "~") or ch in "\n\t" or "\u0600" <= ch <= "\u06ff"
        or "\u2000" <= ch <= "\u206f" or ch in "\u00a0«»\ufeff"
    )
    return good / len(sample)


def plausible(text: str) -> bool:
    """Mostly letters, digits, spaces and punctuation: what real text is made of."""
    return bool(text) and (
        score(text) >= 0.9
        or sum(ch.isspace() or unicodedata.category(ch)[0] in "LNPMS" for ch in text[:4096])
        / len(text[:4096])
        >= 0.98
        and score(text) >= 0.5
    )


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; newlines are normalised to ``\\n``.

    >>> decode("سلام".encode("utf-16-le"))
    ('سلام', 'utf-16-le')
    """
    text, used = _decode(data, encoding)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, used


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise DecodeError(f"not valid {encoding} at byte {e.start}") from None
        return text.removeprefix("\ufeff"), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError as e:
                raise DecodeError(f"BOM says {name} but byte {e.start} is not") from None
    if b"\x00" in data:
        best: tuple[float, str, str] | None = None
        for name in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if plausible(text) and (best is None or score(text) > best[0]):
                best = (score(text), text, name)
        if best:
            return best[1], best[2]
        raise DecodeError("binary file (holds NUL bytes and is not UTF-16/32 text)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _detect(data: bytes) -> tuple[str, str]:
    import chardet

    guess = chardet.detect(data, include_encodings=ARABIC_ENCODINGS, no_match_encoding="windows-1256")
    candidates = [guess.get("encoding")] if guess.get("encoding") else []
    candidates += [e for e in ARABIC_ENCODINGS if e not in candidates]
    for name in candidates:
        name = codecs.lookup(name).name
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if plausible(text):
            return text, _NAMES.get(name, name)
    raise DecodeError("cannot decode: not UTF-8 nor any Arabic legacy encoding")
