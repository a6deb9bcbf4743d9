"""The fast scans of extract-metadata give exactly what the plain regexes give."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.steps.dateline import _hits, _trie_regex, lexicon
from arnews_cli.steps.metadata import _ARABIC_RUN, _LETTER_RUN, _letter_counts

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ARTICLES = CORPUS / "articles"


def _plain_hits(text: str) -> list[tuple[int, str]]:
    # The patterns as first written: a look-behind at every position, one alternation.
    lex = lexicon().agencies
    strong = _trie_regex(sorted(k for k, a in lex.items() if a.strong))
    every = _trie_regex(sorted(lex))
    named = re.compile(rf"(?<![^\W\d_])[وفبل]?(?P<a>{strong})(?![^\W\d_])")
    ctx = re.compile(
        r"(?:وكال[ةه]|وكالات|وكالتي)\s+(?:[اأ]نباء\s+|ال[اأ]نباء\s+)?[«\"“(]?\s*"
        rf"(?P<a>{every})(?![^\W\d_])"
        rf"|[(/]\s*(?P<b>{every})\s*[)/]"
    )
    hits = [(m.start(), m.group("a")) for m in named.finditer(text)]
    hits += [(m.start(), m.group("a") or m.group("b")) for m in ctx.finditer(text)]
    return sorted(hits)


def _plain_counts(text: str) -> tuple[int, int]:
    rest = _ARABIC_RUN.sub("", text)
    arabic = len(text) - len(rest)
    return arabic, arabic + sum(map(len, _LETTER_RUN.findall(rest)))


def test_corpus_articles_same_hits_and_counts() -> None:
    texts = [p.read_text("utf-8") for p in sorted(ARTICLES.glob("**/*.txt"))]
    assert texts
    assert sum(len(_plain_hits(t)) for t in texts) > 0
    for text in texts:
        assert sorted(_hits(text)) == _plain_hits(text)
        assert _letter_counts(text) == _plain_counts(text)


_PIECES = st.sampled_from(
    ["وكالة ", "رويترز", "(واس)", "/وام/", "أ ف ب", "أ.ف.ب", "فرانس برس", "ولرويترز", "سانا",
     " ", "\n", "،", "-", "«", "1", "_", "x", "é", "\U0001d400", "\ud800", "ـ", "\u064e", "ﺍ",
     "afp", "AFP", "الأناضول", "وكالة الأنباء السعودية", "(", ")", "/", "٣"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_any_text_same_hits_and_counts(text: str) -> None:
    assert sorted(_hits(text)) == _plain_hits(text)
    assert _letter_counts(text) == _plain_counts(text)


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_unicode_same_counts(text: str) -> None:
    assert _letter_counts(text) == _plain_counts(text)
