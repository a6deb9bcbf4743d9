"""The fast scans of dateline.py give exactly what the plain regexes give."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.steps.dateline import _SEP, _separators

from .conftest import CORPUS


def _same(line: str) -> None:
    plain = [(m.start(), m.end()) for m in _SEP.finditer(line)]
    assert [(m.start(), m.end()) for m in _separators(line)] == plain


def test_corpus_lines_same_separators() -> None:
    lines = [
        line
        for p in sorted((CORPUS / "articles").glob("**/*.txt"))
        for line in p.read_text("utf-8").split("\n")
    ]
    assert sum(1 for ln in lines if _SEP.search(ln)) > 100
    for line in lines:
        _same(line)


_PIECES = st.sampled_from(
    [" ", "  ", "\t", "\n", "\u2003", "ـ", "ــ", "-", "--", "—", "،", ",", ":", "|", "/", "(",
     ")", "[", "]", "؛", "a", "ب", "لـ", "1"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=20).map("".join))
@settings(max_examples=250, deadline=None)
def test_any_text_same_separators(line: str) -> None:
    _same(line)


@pytest.mark.slow  # the broad sweep (CI)
@given(st.lists(_PIECES, max_size=20).map("".join))
@settings(max_examples=1000, deadline=None)
def test_any_text_same_separators_broad(line: str) -> None:
    _same(line)


@pytest.mark.slow
def test_separators_of_a_5mb_worst_case_line_complete() -> None:
    # Every other character a separator " ـ" (the tatweel kind, found by its run).
    text = " ـ" * 2_500_000 + "x"
    assert sum(1 for _ in _separators(text)) == 1_250_000  # " ـ " takes the next space
