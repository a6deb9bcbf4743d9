"""The fast paths of extract-metadata: the RE2 gates of agency mentions (alone, and in the
set with the date gates) never turn away a text the rules find something in; the letter
and word counts are the plain regexes'."""

from __future__ import annotations

import re

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.steps.dateline import _RE2_EDGE, RE2_SPACE, _hits, _mention_res
from arnews_cli.steps.dates import _mention_patterns, find_dates, fold_digits, scan
from arnews_cli.steps.metadata import (
    _ARABIC_RUN,
    _LETTER_RUN,
    _dateline_date,
    _ends_dateline,
    _letter_counts,
    _may_hold,
    _text_counts,
)

from .conftest import CORPUS

ARTICLES = CORPUS / "articles"


def _rule_hits(text: str) -> list[tuple[int, str]]:
    # The two rules over the whole text, without the gate.
    res = _mention_res()
    hits = [(m.start(), m.group("a")) for m in res.named.finditer(text)]
    hits += [(m.start(), m.group("k") or m.group("b")) for m in res.context.finditer(text)]
    return sorted(hits)


def _check_gate(text: str) -> None:
    assert sorted(_hits(text)) == _rule_hits(text)
    if _rule_hits(text) and not any(0xD800 <= ord(c) < 0xE000 for c in text):
        assert _mention_res().gate.search(text) is not None  # (RE2 reads no surrogate)
    _check_set(text)


def _check_set(text: str) -> None:
    # Where a rule over the whole text finds something, the set of gates lets it through.
    may = _may_hold(text)
    assert may.mention or not _rule_hits(text)
    assert may.date or not scan(text).places
    assert may.ordinal or not _mention_patterns()["ordinal"].search(fold_digits(text))


def _every(test: object) -> str:
    # Every code point (but the surrogates, which RE2 cannot read) that ``test`` takes.
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and test(chr(c)))


def test_gate_space_is_every_python_space() -> None:
    assert re2.fullmatch(f"[{RE2_SPACE}]*", _every(str.isspace))


def test_gate_digit_is_every_python_digit() -> None:
    assert re2.fullmatch(r"\p{Nd}*", _every(lambda c: re.match(r"\d", c) is not None))


def test_gates_let_through_what_the_rules_find() -> None:
    may = _may_hold("قال لوكالة رويترز في الخامس من مارس، الأحد ١٢ / ٣ / ٢٠٢١")
    assert may == (True, True, True)
    assert _may_hold("نص بلا تاريخ ولا وكالة") == (False, False, False)
    assert _may_hold("\ud800 رويترز") == (True, True, True)  # RE2 reads no lone surrogate


def test_gate_edge_takes_every_python_non_letter() -> None:
    assert re2.fullmatch(f"{_RE2_EDGE}*", _every(lambda c: not c.isalpha()))


def _plain_counts(text: str) -> tuple[int, int]:
    rest = _ARABIC_RUN.sub("", text)
    arabic = len(text) - len(rest)
    return arabic, arabic + sum(map(len, _LETTER_RUN.findall(rest)))


def test_corpus_articles_same_hits_and_counts() -> None:
    texts = [p.read_text("utf-8") for p in sorted(ARTICLES.glob("**/*.txt"))]
    assert texts
    assert sum(len(_rule_hits(t)) for t in texts) > 0
    assert sum(1 for t in texts if not _rule_hits(t)) > 0
    for text in texts:
        _check_gate(text)
        assert _letter_counts(text) == _plain_counts(text)
        assert _text_counts(text)[2] == len(text.split())


_PIECES = st.sampled_from(
    ["وكالة ", "رويترز", "(واس)", "/وام/", "أ ف ب", "أ.ف.ب", "فرانس برس", "ولرويترز", "سانا",
     " ", "\n", "،", "-", "«", "1", "_", "x", "é", "\U0001d400", "\ud800", "ـ", "\u064e", "ﺍ",
     "afp", "AFP", "الأناضول", "وكالة الأنباء السعودية", "(", ")", "/", "٣", "واس", "\xa0",
     "\u2003", "\x85", "\u200f", ".", "د.ب.أ", "وكالات  ", "بترا", "ل", "الخامس", "عشر",
     "الأول", " من ", "شهر ", "مارس", "كانون الأول", "رمضان", "12", "٢٠٢١", "2020", "/", "-",
     "١٤٤٢هـ", "،", "يوم", "٥", "۵"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_any_text_same_hits_and_counts(text: str) -> None:
    _check_gate(text)
    assert _letter_counts(text) == _plain_counts(text)


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_unicode_same_counts(text: str) -> None:
    assert _letter_counts(text) == _plain_counts(text)
    assert _text_counts(text)[2] == len(text.split())


@given(
    st.lists(
        st.sampled_from(
            list(" \n\t\r\x0b\x0c\x1c\x85\xa0\u1680\u2003\u2028\u3000\u060c\u0620a\u0627\u200b")
        ),
        max_size=40,
    ).map("".join)
)
@settings(max_examples=400, deadline=None)
def test_word_count_is_split(text: str) -> None:
    assert _text_counts(text)[2] == len(text.split())


def test_counts_over_many_blocks_take_several_passes() -> None:
    # Flags of up to 8 bits share one pass (_layouts); a text over every space block and
    # many others needs several, and a long one the repeat masks grown past their length.
    from arnews_cli.steps.metadata import _layouts

    chars = (
        "a \u00e9\xa0\u0627\u0660\u0671\u1680\u16a0\u2003\u2071\u2028\u3000\u3042\u0410\u05d0\u0e01"
    )
    blocks = tuple(sorted({ord(c) >> 8 for c in chars}))
    assert len(_layouts(blocks)) > 1
    for text in (chars, chars * 3000 + " x", " ".join(chars) + "\u3000"):
        assert _letter_counts(text) == _plain_counts(text)
        assert _text_counts(text)[2] == len(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("filler", [" ", ")", " )", "م ", "\u2003"])
def test_dateline_end_test_is_linear_on_a_5mb_line(filler: str) -> None:
    # What follows a date is matched from the date on, over the whole line: a run of
    # spaces there must not be tried at every split between two space classes.
    line = "في 5 أكتوبر 1918" + filler * (5_000_000 // len(filler)) + "x"
    _dateline_date(line)  # a date line, or not, by its words: it finishes
    assert _ends_dateline(line, find_dates(line[:300])) is False


@given(st.text(alphabet="ab ب\n\t\u3000\U0001d400é", max_size=60))
@settings(max_examples=400, deadline=None)
def test_counts_a_slice_at_a_time(text: str) -> None:
    # Long texts are counted in slices (memory, issue 14.5): a word or a line cut by a
    # slice boundary still counts once.
    from unittest import mock

    from arnews_cli.steps import metadata

    with mock.patch.object(metadata, "_CHUNK", 7):
        assert metadata._text_counts(text)[2] == len(text.split())
        assert metadata._letter_counts(text) == _plain_counts(text)
        assert metadata.stats(text)["paragraphs"] == sum(
            1 for line in text.split("\n") if line.strip()
        )


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["وكالة (", "الخامس عشر من ", "1 / ", "أ ف ", "\u2003(", "12 شهر "])
def test_gates_on_a_worst_case_text_as_long_as_they_read(unit: str) -> None:
    # The set of gates reads texts up to GATE_MAX characters: near misses of every rule
    # over that length finish (RE2 is linear), and still let through what the rules find.
    from arnews_cli.steps.dateline import GATE_MAX

    _check_set(unit * (GATE_MAX // len(unit)))
