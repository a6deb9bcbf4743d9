"""The collection pass's line digests: the fast form gives what the plain one gives.

``line_digests`` decides which lines are counted (and so removed), so it must give the
same digests, in the same order, as the form it replaced (kept below), on real articles
and generated ones, and the same on every run.
"""

from __future__ import annotations

import sys
from hashlib import blake2b
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.repeats import (
    LONG_LINE,
    Bloom,
    CountSketch,
    RepeatedLines,
    _digest,
    line_digests,
)
from arnews_cli.steps import boilerplate as bp
from arnews_cli.steps.boilerplate import key_set, keys_of, line_key

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ARTICLES = sorted((CORPUS / "articles").rglob("*.txt"))


def ref_digest(key: str) -> int:
    raw = key.encode("utf-8", "surrogatepass")
    return int.from_bytes(blake2b(raw, digest_size=32).digest(), "little")


def ref_line_digests(text: str) -> tuple[list[int], list[int], int | None]:
    keys = {line_key(line) for line in text.split("\n")}
    keys.discard("")
    if not keys:
        return [], [], None
    pairs = sorted((ref_digest(k), k) for k in keys)
    digests = [h for h, _ in pairs]
    longs = [h for h, k in pairs if len(k) >= LONG_LINE]
    return digests, longs, ref_digest("\x02" + "\n".join(sorted(keys)))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_line_digests_on_real_articles(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert line_digests(text) == ref_line_digests(text)
    assert key_set(text) == set(keys_of(text)) - {""}


_LINE = st.text(
    alphabet=" \t\u00a0\u2028\u200fابأة١٢3x.\U0001f6000123456789\ud800",
    max_size=80,
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_LINE, max_size=8))
def test_line_digests_on_generated_texts(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert line_digests(text) == ref_line_digests(text)
    assert key_set(text) == {line_key(line) for line in lines} - {""}


def test_other_spaces_are_every_whitespace_but_space_and_newline() -> None:
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(bp._OTHER_SPACES) == every - {" ", "\n"}
    # bytes.split() splits on no more than these and the space and newline.
    assert {chr(c) for c in range(128) if bytes([c]).isspace()} <= every


@settings(max_examples=600, deadline=None)
@given(st.lists(_LINE, max_size=8), st.sampled_from(["", "\u200f", "\u00a0", "٣", "\r"]))
def test_utf8_key_set_as_the_keys_encoded(lines: list[str], extra: str) -> None:
    text = "\n".join(lines) + extra
    want = {k.encode("utf-8", "surrogatepass") for k in key_set(text)}
    assert bp.utf8_key_set(text) == want


def test_digest_is_stable() -> None:
    # Fixed across runs and machines: a change here changes which lines are counted.
    assert _digest("تابعونا على فيسبوك") == ref_digest("تابعونا على فيسبوك")
    assert _digest("x") & (1 << 64) - 1 == 0xC5EEAB4511D761D1


def test_observe_counts_lines_of_distinct_articles() -> None:
    rep = RepeatedLines(3)
    for town in ("دمشق", "حلب", "حمص"):
        rep.observe(f"خبر من {town} اليوم\nتابعونا على فيسبوك")
    assert line_key("تابعونا على فيسبوك") in rep
    assert line_key("خبر من دمشق اليوم") not in rep


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=(1 << 256) - 1), max_size=40), st.data())
def test_inline_sketch_and_bloom_as_one_at_a_time(hs: list[int], data: st.DataObject) -> None:
    # Counters saturate at 255 and collide: reuse a few digests many times to reach both.
    hs = hs + [h ^ 1 << 200 for h in hs] + data.draw(st.lists(st.sampled_from(hs or [7]))) * 40
    one, many = CountSketch(), CountSketch()
    for h in hs:
        one.add(h)
    many.add_all(hs)
    assert [r[:] for r in one.rows] == [r[:] for r in many.rows]
    assert [one.count(h) for h in hs] == [many.count(h) for h in hs]
    b1, b2 = Bloom(), Bloom()
    half = hs[: len(hs) // 2]
    for h in half:
        b1.add(h)
    b2.add_all(half)
    assert b1.data[:] == b2.data[:]
    assert b2.count_in(hs) == sum(1 for h in hs if h in b1)


def test_any_repeated_is_a_count_at_least_min_repeat() -> None:
    rep = RepeatedLines(3)
    texts = [f"سطر {i} فريد هنا\nتابعونا على فيسبوك" for i in "أبجد"]
    digests = [rep.observe(t) for t in texts]
    assert all(rep.any_repeated(d) for d in digests)
    lone = line_digests("سطر لا يتكرر أبدا")[0]
    assert not rep.any_repeated(lone)
    count = rep.sketch.count
    for d in digests + [lone]:
        assert rep.any_repeated(d) == any(count(h) >= 3 for h in d)


@pytest.mark.slow
def test_line_digests_on_5mb_worst_cases() -> None:
    # Runs of spaces are halved per bytes.replace pass (log n passes); digits are folded
    # by a table and one literal search. Each 5 MB case must finish in well under a second.
    for text in (" " * 5_000_000, "1" * 5_000_000, "١ " * 2_500_000, "أ\xa0 " * 1_700_000):
        digests, _, whole = line_digests(text)
        assert whole is not None or not text.strip()
        assert len(digests) <= 1
