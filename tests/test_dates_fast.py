"""The cheap pre-checks of dates.py never skip a date a full pattern would match: the
``hint`` test, the places of ``scan`` (a digit-led date starts only there), and the RE2
forms of the hint and the ordinal day in extract-metadata's set of gates."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.steps.dates import (
    _matches,
    _mention_patterns,
    _patterns,
    find_dates,
    fold_digits,
    scan,
)
from arnews_cli.steps.metadata import _may_hold

from .conftest import CORPUS

ARTICLES = CORPUS / "articles"


def _check(line: str) -> None:
    pats = _patterns()
    folded = fold_digits(line)
    mentions = _mention_patterns()
    if (
        pats["any"].search(folded)
        or pats["daymonth"].search(folded)
        or mentions["day"].search(folded)
        or mentions["range"].search(folded)
    ):
        assert pats["hint"].search(folded)
    # Each digit-led pattern matches where scan() says one can start, and nowhere else.
    scanned = scan(line)
    assert scanned.folded == folded
    for pat in (*(pats[k] for k in ("G", "H", "N", "Y", "E_hint")), mentions["day"]):
        assert [m.span() for m in _matches(pat, folded, scanned.places)] == [
            m.span() for m in pat.finditer(folded)
        ]
    may = _may_hold(line)
    assert may.date or not scanned.places
    assert may.ordinal or not mentions["ordinal"].search(folded)


def test_corpus_articles_whole() -> None:
    # Whole texts too: a date may run over a line break ("12\nمارس 2020").
    texts = [p.read_text("utf-8") for p in sorted(ARTICLES.glob("**/*.txt"))]
    assert sum(1 for t in texts if scan(t).places) > 20
    for text in texts:
        _check(text)


def test_a_text_without_places_has_no_dated_line() -> None:
    # extract() skips the publication-date rules (find_dates of its lines) on such a text.
    for p in sorted(ARTICLES.glob("**/*.txt")):
        text = p.read_text("utf-8")
        if not scan(text).places:
            assert not any(find_dates(line.strip()) for line in text.split("\n"))


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
    ["1", "12", "2020", "1442", "٢٠٢٠", "/", "-", ".", " ", "  ", "\n", "،", ",", "من ", "شهر ", " / ", "1436هـ", "٨", "05", "3",
     "يناير", "كانون الثاني", "الأحد", "الاثنين", "اثنين", "Monday", "Mon", "يوم", "الجمعة", "كانون  الأول", "March", "رمضان", "ديسمبر", "هـ", "م", "x", "ت", "الخامس", "الأول", "عشر", "\u2003"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=14).map("".join))
@settings(max_examples=500, deadline=None)
def test_any_text(line: str) -> None:
    _check(line)
