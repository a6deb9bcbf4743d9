"""arnews_cli.arabic: the shared digits, classes and URL pattern."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from arnews_cli import arabic


def test_every_decimal_digit_of_the_script_folds_to_ascii() -> None:
    for c in map(chr, range(0x0600, 0x0700)):
        if unicodedata.category(c) == "Nd":
            assert arabic.fold_digits(c) == str(unicodedata.digit(c)), hex(ord(c))
    assert arabic.fold_digits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹") == "0123456789 0123456789"


def test_digit_class_is_the_three_digit_sets() -> None:
    digit = re.compile(f"[{arabic.DIGIT}]")
    digits = set(arabic.ASCII_DIGITS + arabic.ARABIC_INDIC_DIGITS + arabic.PERSIAN_DIGITS)
    assert {c for c in map(chr, range(0x10000)) if digit.match(c)} == digits


@given(st.text())
def test_digit_folds_keep_length_and_round_trip(text: str) -> None:
    folded = arabic.fold_digits(text)
    assert len(folded) == len(text)
    assert arabic.fold_digits(arabic.to_arabic_digits(folded)) == folded


def test_letters_and_marks_are_what_unicode_says() -> None:
    letter = re.compile(f"[{arabic.LETTER}]")
    mark = re.compile(f"[{arabic.MARK}]")
    for c in map(chr, range(0x0600, 0x0900)):
        if letter.match(c):
            assert unicodedata.category(c) in {"Lo", "Lm"}, hex(ord(c))
        if mark.match(c):
            assert unicodedata.category(c) in {"Mn", "Lm", "Cf"}, hex(ord(c))
    assert not letter.match("\u0640") and letter.match("ب") and mark.match("\u064e")


def test_punctuation_is_what_unicode_says() -> None:
    punct = re.compile(f"[{arabic.PUNCTUATION}]")
    for c in map(chr, range(0x0600, 0x0700)):
        if punct.match(c):
            assert unicodedata.category(c)[0] in "PSC", hex(ord(c))
    assert all(punct.match(c) for c in "،؛؟٪٫٬۔")
    assert re.fullmatch(f"[{arabic.SCRIPT}]+", "\ufb50\ufdff\ufe70\ufeff")


def test_url_pattern() -> None:
    url = re.compile(arabic.URL, re.IGNORECASE)
    m = url.search("زوروا https://example.com/a?b=1، ثم WWW.x.org.")
    assert m and m.group() == "https://example.com/a?b=1"
    assert [m.group() for m in url.finditer("www.x.org. و")] == ["www.x.org"]


def test_clean_uses_the_shared_definitions() -> None:
    from arnews_cli.steps import clean

    assert clean._AR_LETTER == arabic.LETTER and clean._AR_MARK == arabic.MARK
    assert clean._URL.pattern == arabic.URL
    assert clean._TO_ARABIC_DIGITS == arabic.TO_ARABIC_DIGITS


def test_every_digit_fold_takes_persian_digits() -> None:
    # metadata's comment counter once folded only ٠-٩ (issue 14.2).
    from arnews_cli.steps import boilerplate, dates, metadata

    assert metadata._comments(["التعليقات (۱۲)"]) == metadata._comments(["التعليقات (١٢)"]) == 12
    assert dates.DIGITS == metadata._DIGITS == arabic.TO_ASCII_DIGITS
    assert boilerplate.line_key("عدد ۳ و٣ و3") == boilerplate.line_key("عدد 0 و0 و0")


def test_segment_uses_the_shared_definitions() -> None:
    # Issue 14.2: segment once spelt its own letters, marks (without U+06E5/U+06E6) and URL.
    from arnews_cli.steps import segment

    assert segment._AR == arabic.LETTER and segment._MARKS == arabic.MARK
    assert arabic.URL in segment._URL
    assert all(segment._is_ar_letter(c) for c in "ءبيٮڤۀ") and not segment._is_ar_letter("\u0670")


def test_url_ends_before_closing_quotes_and_an_ellipsis() -> None:
    url = re.compile(arabic.URL, re.IGNORECASE)
    # A bulk article: "على شبكة الانترنت “www.intekhab.gov.sa” ،"; a cut tweet link.
    assert url.findall("“www.intekhab.gov.sa” ، و‘http://t.co/x…’") == [
        "www.intekhab.gov.sa",
        "http://t.co/x",
    ]


def test_boilerplate_normalize_drops_the_shared_marks_and_the_tatweel() -> None:
    # Issue 14.2: normalize once had a list of its own (with U+06DD, U+06DE, U+06E9,
    # without U+08CA-U+08FF).
    from arnews_cli.steps import boilerplate

    marks = [chr(c) for c in range(0x0600, 0x0900) if re.fullmatch(f"[{arabic.MARK}]", chr(c))]
    assert "\u08ca" in marks and "\u06dd" not in marks
    for c in [*marks, arabic.TATWEEL]:
        assert boilerplate.normalize(f"اقر{c}أ أي{c}ضاً") == "اقرا ايضا", hex(ord(c))
    # Signs that are not marks part words, as punctuation does.
    assert boilerplate.normalize("نص\u06ddآخر") == "نص اخر"
