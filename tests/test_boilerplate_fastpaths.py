"""strip-boilerplate: the word and key fast paths give what the plain forms give.

The word flags skip ``normalize`` for words of Arabic letters and marks between common
punctuation, and ``keys_of`` skips splitting lines already in key form; these tests check
the facts both rest on, on every corpus word and on generated ones.
"""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.steps import boilerplate as bp

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ARTICLES = sorted((CORPUS / "articles").rglob("*.txt"))
_SPACES = re.compile(r"\s+")


def ref_word_flags(word: str) -> int:
    """The flags of a word from its normal form, as they were first defined."""
    lex = bp.lexicon()
    toks = bp.normalize(word).split()
    f = bp._HAS_WORD if toks else 0
    for t in toks:
        if not t.isdigit() and t not in lex.row_tokens:
            f |= bp._OUTSIDE_ROW
        if t in lex.contains_tokens:
            f |= bp._CONTAINS
        if t in bp._READING:
            f |= bp._READING_TOKEN
    if bp._DIGITISH.search(word):
        f |= bp._DIGIT
    return f


def fresh_word_flags(word: str) -> int:
    """``_word_flags`` computed now, not read from a cache."""
    bp._PLAIN_WORDS.discard(word)
    bp._WORD_FLAGS.pop(word, None)
    return bp._word_flags(word)


def corpus_words() -> list[str]:
    words: set[str] = set()
    for path in ARTICLES:
        words.update(path.read_text(encoding="utf-8", errors="replace").split())
    return sorted(words)


def test_edge_punctuation_only_ever_separates() -> None:
    for c in bp._EDGE_PUNCT:
        assert bp._NONWORD.fullmatch(c), c
        assert not bp._MARKS.search(c) and not bp._DIGITISH.search(c), c
        assert c.lower() == c and c.translate(bp._FOLD) == c, c
        assert not c.isspace(), c


def test_the_marks_a_simple_word_may_hold_are_not_letters_to_isalpha() -> None:
    letters = [chr(c) for c in range(0x621, 0x64B) if bp._ARABIC_LETTER.match(chr(c))]
    assert all(c.isalpha() for c in letters)
    for c in map(chr, range(0x600, 0x700)):
        m = bp._SIMPLE_WORD.fullmatch(c)
        if m and m.group(1) and not bp._ARABIC_LETTER.match(c):
            assert bp._MARKS.fullmatch(c) and not c.isalpha(), hex(ord(c))


def test_special_forms_are_the_fold_preimages_of_the_tokens() -> None:
    forms = bp._special_forms()
    lex = bp.lexicon()
    tokens = lex.row_tokens | lex.contains_tokens | bp._READING
    letters = [chr(c) for c in range(0x621, 0x64B) if bp._ARABIC_LETTER.match(chr(c))]
    for form in forms:
        assert bp.normalize(form) in tokens
    # Every two-letter word of letters: in the set exactly when it folds to a token.
    for a, b in product(letters, repeat=2):
        assert ((a + b) in forms) == (bp.normalize(a + b) in tokens), a + b


def test_word_flags_on_every_corpus_word() -> None:
    words = corpus_words()
    assert len(words) > 1000
    for w in words:
        assert fresh_word_flags(w) == ref_word_flags(w), w
        bp._WORD_NORMS.pop(w, None)
        assert bp._WORD_NORMS[w] == bp.normalize(w), w


_ALPHABET = (
    "اأإآىيئةهوؤلمنبتسكقحخعغشصضطظزرذدثفء"
    + bp._EDGE_PUNCT
    + "\u064b\u064e\u064f\u0650\u0651\u0652\u0640\u0670\u06e5\u06e6ٱ"
    + "0123456789٠١٢٣٤٥٦٧٨٩aZ_+"
)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=12))
def test_word_flags_on_generated_words(word: str) -> None:
    assert fresh_word_flags(word) == ref_word_flags(word)
    bp._WORD_NORMS.pop(word, None)
    assert bp._WORD_NORMS[word] == bp.normalize(word)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["الحقوق،", "«تابعونا»", "قال", "في", "2024", "-", "قراءة"])))
def test_line_flags_are_the_words_flags_or_ed(words: list[str]) -> None:
    want = 0
    for w in words:
        want |= ref_word_flags(w)
    assert bp._line_flags(words) == want


def ref_keys_of(text: str) -> list[str]:
    return [_SPACES.sub(" ", bp._DIGITS.sub("0", line)).strip() for line in text.split("\n")]


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=" \n\t\r\u00a0\u2028\u200fاب١2x.", max_size=40))
def test_keys_of_as_the_plain_form(text: str) -> None:
    assert bp.keys_of(text) == ref_keys_of(text)


@pytest.mark.parametrize("path", ARTICLES[:40], ids=lambda p: p.name)
def test_keys_of_on_real_articles(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert bp.keys_of(text) == ref_keys_of(text)
    squeezed = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    assert bp.keys_of(squeezed) == ref_keys_of(squeezed)


@pytest.mark.slow
def test_long_punctuated_word_is_linear() -> None:
    # The word pattern's three parts are disjoint classes: a 5 MB word costs one scan.
    for word in ("«" * 2_500_000 + "ب" * 2_500_000, "ب" * 5_000_000 + "x", ".ب" * 2_500_000):
        assert fresh_word_flags(word) == ref_word_flags(word)
        bp._WORD_FLAGS.pop(word, None)
        bp._PLAIN_WORDS.discard(word)
