"""The cheap pre-check of dates.py never skips a line a full pattern would match."""

from __future__ import annotations

import re
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.steps.dates import (
    _mention_patterns,
    _patterns,
    fold_digits,
    lexicon,
)

from .conftest import CORPUS

ARTICLES = CORPUS / "articles"


def _alternation(names: object) -> str:
    parts = sorted(set(names), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@cache
def _plain_weekday() -> re.Pattern[str]:
    # The weekday pattern as first written: a look-behind tried at every character.
    return re.compile(rf"(?<![^\W\d_])(?:{_alternation(lexicon()['weekdays'])})(?![^\W\d_])")


def _check(line: str) -> None:
    pats = _patterns()
    folded = fold_digits(line)
    assert pats["weekday"].sub(" ", folded) == _plain_weekday().sub(" ", folded)
    mentions = _mention_patterns()
    if (
        pats["any"].search(folded)
        or pats["daymonth"].search(folded)
        or mentions["day"].search(folded)
        or mentions["range"].search(folded)
    ):
        assert pats["hint"].search(folded)


def test_corpus_lines() -> None:
    lines = [
        line
        for p in sorted(ARTICLES.glob("**/*.txt"))
        for line in p.read_text("utf-8").split("\n")
        if line.strip()
    ]
    assert len(lines) > 1000
    pats = _patterns()
    assert sum(1 for ln in lines if pats["any"].search(fold_digits(ln))) > 5
    for line in lines:
        _check(line)


_PIECES = st.sampled_from(
    ["1", "12", "2020", "1442", "٢٠٢٠", "/", "-", ".", " ", "  ", "\n", "،", ",", "من ", "شهر ",
     "يناير", "كانون الثاني", "الأحد", "الاثنين", "اثنين", "Monday", "Mon", "يوم", "الجمعة", "كانون  الأول", "March", "رمضان", "ديسمبر", "هـ", "م", "x", "ت"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=14).map("".join))
@settings(max_examples=500, deadline=None)
def test_any_text(line: str) -> None:
    _check(line)
