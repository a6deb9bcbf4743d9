"""A very large record is written in pieces: the same bytes as encoding it whole."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.io import write
from arnews_cli.io.write import encode, encode_parts, text_plain

_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_records = st.builds(
    lambda text, rest: {"id": "a", "text": text, **rest},
    st.text(max_size=40),
    st.dictionaries(
        st.text(min_size=1, max_size=10).filter(lambda k: k not in ("id", "text")),
        _values,
        max_size=5,
    ),
)


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
@settings(max_examples=100)
@given(rec=_records)
def test_parts_join_to_the_whole_encoding(fmt: str, rec: dict) -> None:
    with patch.object(write, "BIG_TEXT", 3):  # every string of 3+ characters in slices
        assert b"".join(encode_parts(rec, fmt, text_plain)) == encode(rec, fmt, text_plain)


@pytest.mark.slow  # the broad sweep (CI)
@pytest.mark.parametrize("fmt", ["jsonl", "json"])
@settings(max_examples=300)
@given(rec=_records)
def test_parts_join_to_the_whole_encoding_broad(fmt: str, rec: dict) -> None:
    with patch.object(write, "BIG_TEXT", 3):
        assert b"".join(encode_parts(rec, fmt, text_plain)) == encode(rec, fmt, text_plain)


@given(text=st.text(max_size=40))
def test_the_text_view_in_parts_is_the_view(text: str) -> None:
    rec = {"id": "a", "text": text}
    with patch.object(write, "BIG_TEXT", 3):
        assert b"".join(encode_parts(rec, "text", text_plain)) == encode(rec, "text", text_plain)


def test_real_record_with_sentences_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    from arnews_cli import clean, extract_metadata, segment, strip_boilerplate, to_record

    from .conftest import CORPUS

    text = (CORPUS / "seed").glob("*.txt").__next__().read_text("utf-8")
    rec = extract_metadata(segment(strip_boilerplate(clean(to_record(text, id="seed")))))
    monkeypatch.setattr(write, "BIG_TEXT", 5)
    for fmt in ("jsonl", "json", "text"):
        parts = list(encode_parts(rec, fmt, text_plain))
        assert len(parts) > 10 and b"".join(parts) == encode(rec, fmt, text_plain)


def test_a_lone_surrogate_fails_before_any_part_is_out() -> None:
    rec = {"id": "a", "text": "نص \ud800 طويل " * 4}
    with patch.object(write, "BIG_TEXT", 5):
        parts = encode_parts(rec, "jsonl", text_plain)
        with pytest.raises(TypeError):  # orjson.JSONEncodeError
            next(parts)


_sentences = st.lists(
    st.builds(
        lambda text, paragraph, tokens: (
            {"text": text, "paragraph": paragraph}
            | ({"tokens": [{"text": t} for t in tokens]} if tokens is not None else {})
        ),
        st.text(st.sampled_from("اب \n."), max_size=12),
        st.integers(0, 2),
        st.none() | st.lists(st.text(max_size=4), max_size=3),
    ),
    max_size=8,
)


@settings(max_examples=300)
@given(sentences=_sentences, size=st.integers(1, 8))
def test_the_sentence_view_in_parts_is_the_view(sentences: list, size: int) -> None:
    from arnews_cli.io.write import text_sentences

    rec = {"id": "a", "text": "نص" * 4, "sentences": sentences}
    with patch.object(write, "BIG_TEXT", size):
        parts = list(encode_parts(rec, "text", text_sentences))
    assert b"".join(parts) == encode(rec, "text", text_sentences)
