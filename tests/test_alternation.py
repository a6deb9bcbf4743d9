"""trie_regex matches what an alternation sorted longest first matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.steps.alternation import trie_regex
from arnews_cli.steps.dates import lexicon

_SPACES = {" ": r"\s+"}


def _longest_first(words: list[str]) -> str:
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


def _same(words: list[str], text: str, after: str = "") -> None:
    trie = re.compile(f"(?:{trie_regex(words, _SPACES)}){after}")
    plain = re.compile(f"(?:{_longest_first(words)}){after}")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


_WORD = st.text("األ ب", min_size=1, max_size=5).filter(lambda w: w.strip() == w)


@given(st.lists(_WORD, min_size=1, max_size=8), st.text("األ بx\n", max_size=30))
@settings(max_examples=150, deadline=None)
def test_any_words_any_text(words: list[str], text: str) -> None:
    _same(words, text)
    _same(words, text, r"(?![^\W\d_])")  # a longer word must give way to the bound
    _same(words, text, r"\s*x")


@pytest.mark.slow  # the broad sweep (CI)
@given(st.lists(_WORD, min_size=1, max_size=8), st.text("األ بx\n", max_size=30))
@settings(max_examples=500, deadline=None)
def test_any_words_any_text_broad(words: list[str], text: str) -> None:
    test_any_words_any_text.hypothesis.inner_test(words, text)


def test_month_names_in_their_longest_form() -> None:
    names = list(lexicon()["gregorian"]) + list(lexicon()["hijri"])
    text = " ".join(names) + " تشرين  الأول كانون الثانيx ربيع الآخر1 جمادى"
    _same(names, text)
    _same(names, text, r"(?![^\W\d_])")
    m = re.match(trie_regex(names, _SPACES), "كانون الثاني 2020")
    assert m is not None and m.group() == "كانون الثاني"
