"""The collection pass's pieces: line keys and digests, the sketch, the Bloom filter.

Which lines are counted (and so removed) rests on these, and the same input must give
the same output on every run and machine, so the digests are pinned to fixed values.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli import repeats
from arnews_cli.repeats import (
    FEW_TITLES,
    LONG_LINE,
    Bloom,
    CountSketch,
    RecentTitles,
    RepeatedLines,
    _digest,
    _whole_digest,
    line_digests,
    strip_collection,
    title_digest,
)
from arnews_cli.steps.boilerplate import line_key, line_keys

from .conftest import CORPUS

ARTICLES = sorted((CORPUS / "articles").rglob("*.txt"))


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("  فرانس24/ أ ف ب ", "فرانس0/ أ ف ب"),
        ("فرانس٢٤/\u00a0 أ ف ب", "فرانس0/ أ ف ب"),  # Arabic-Indic digits, no-break space
        ("رقم ۱۲۳ و 4\t5", "رقم 0 و 0 0"),  # Persian digits, a tab
        ("\u200fنص\u200f", "\u200fنص\u200f"),  # a direction mark is not a space
        ("   ", ""),
    ],
)
def test_line_key_folds_digits_and_spaces(line: str, key: str) -> None:
    assert line_key(line) == key


def test_line_keys_are_the_distinct_non_blank_keys() -> None:
    assert line_keys("أ  ب ١٢\n\nأ ب 7\n x\n  \n") == {"أ ب 0", "x"}
    assert line_keys("") == set()


def test_digest_is_stable() -> None:
    # Fixed across runs and machines: a change here changes which lines are counted.
    assert _digest("x") & (1 << 64) - 1 == 0xC5EEAB4511D761D1
    assert _whole_digest([1, 2]) & (1 << 64) - 1 == 0xEF50E8B9472253B6
    assert _digest("تابعونا على فيسبوك") == _digest("تابعونا على فيسبوك")


def test_line_digests_of_a_small_text() -> None:
    text = "تابعونا  على فيسبوك\n\n" + "ب" * LONG_LINE + "\nتابعونا على فيسبوك\n"
    digests, longs, whole, title = line_digests(text)
    keys = sorted({"تابعونا على فيسبوك", "ب" * LONG_LINE})
    assert digests == sorted(_digest(k) for k in keys)
    assert longs == [_digest("ب" * LONG_LINE)]
    assert whole == _whole_digest(digests)
    assert whole != line_digests(text + "\nسطر آخر")[2]
    assert title == _digest("تابعونا على فيسبوك")
    assert line_digests(" \n\n") == ([], [], None, None)


_LINE = st.text(alphabet=" \t\u00a0\u2028\u200fابأة١٢3x.\U0001f600\ud800", max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=8))
def test_line_digests_depend_only_on_the_set_of_keys(lines: list[str]) -> None:
    text = "\n".join(lines)
    shuffled = "\n".join(reversed([f"  {ln} " for ln in lines] + lines))
    # All but the title's digest: the title is the first line, so order matters there.
    assert line_digests(text)[:3] == line_digests(shuffled)[:3]
    digests, longs, _, _ = line_digests(text)
    assert digests == sorted(digests) and set(longs) <= set(digests)
    assert len(digests) == len(line_keys(text))


@pytest.mark.parametrize("path", ARTICLES[:20], ids=lambda p: p.name)
def test_line_digests_on_real_articles(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    digests, longs, whole, _ = line_digests(text)
    assert len(digests) == len(line_keys(text)) and whole is not None
    assert len(longs) == sum(len(k) >= LONG_LINE for k in line_keys(text))


def test_sketch_counts_conservatively_and_saturates() -> None:
    sketch = CountSketch()
    h = _digest("سطر")
    for _ in range(3):
        sketch.add(h)
    assert sketch.count(h) == 3
    assert sketch.count(_digest("سطر آخر")) == 0
    for _ in range(300):
        sketch.add(h)
    assert sketch.count(h) == 255


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=(1 << 256) - 1), max_size=40))
def test_sketch_never_undercounts_and_bloom_never_forgets(hs: list[int]) -> None:
    sketch, bloom = CountSketch(), Bloom()
    for h in hs:
        sketch.add(h)
        bloom.add(h)
    for h in hs:
        assert sketch.count(h) >= min(hs.count(h), 255)
        assert h in bloom
    assert "x" not in bloom


def test_observe_counts_lines_of_distinct_articles() -> None:
    rep = RepeatedLines(3)
    for town in ("دمشق", "حلب", "حمص"):
        rep.observe(f"خبر من {town} اليوم\nتابعونا على فيسبوك")
    assert line_key("تابعونا على فيسبوك") in rep
    assert line_key("خبر من دمشق اليوم") not in rep


def test_copies_are_counted_once() -> None:
    rep = RepeatedLines(3)
    for _ in range(5):
        rep.observe("خبر واحد\nتابعونا على فيسبوك")
    assert line_key("تابعونا على فيسبوك") not in rep


def test_any_repeated_is_a_count_at_least_min_repeat() -> None:
    rep = RepeatedLines(3)
    texts = [f"سطر {i} فريد هنا\nتابعونا على فيسبوك" for i in "أبجد"]
    digests = [rep.observe(t)[0] for t in texts]
    assert all(rep.any_repeated(d) for d in digests)
    lone = line_digests("سطر لا يتكرر أبدا")[0]
    assert not rep.any_repeated(lone)
    assert rep.repeated_in(texts[0], digests[0]) == frozenset({"تابعونا على فيسبوك"})
    assert rep.repeated_in("سطر لا يتكرر أبدا", lone) == frozenset()


@pytest.mark.slow
def test_line_digests_on_5mb_worst_cases() -> None:
    for text in (" " * 5_000_000, "1" * 5_000_000, "١ " * 2_500_000, "أ\xa0 " * 1_700_000):
        digests, _, whole, title = line_digests(text)
        assert whole is not None or not text.strip()
        assert title is None
        assert len(digests) <= 1


def test_the_sketch_is_made_once_min_repeat_articles_were_counted() -> None:
    # Fewer articles cannot make a line repeated: a run over one very large article
    # never holds the sketch's 16 MiB of counters.
    rep = RepeatedLines(3)
    texts = [f"سطر {i} فريد هنا\nتابعونا على فيسبوك" for i in "أبج"]
    digests = [rep.observe(t)[0] for t in texts[:2]]
    assert rep.sketch is None and not rep.any_repeated(digests[0])
    assert rep.repeated_in(texts[0], digests[0]) == frozenset()
    assert line_key("تابعونا على فيسبوك") not in rep
    rep.observe(texts[2])
    assert rep.sketch is not None and rep.waiting == []
    assert rep.sketch.count(_digest("تابعونا على فيسبوك")) == 3
    assert rep.sketch.count(_digest("سطر أ فريد هنا")) == 1
    assert rep.repeated_in(texts[0]) == frozenset({"تابعونا على فيسبوك"})


def test_the_collection_pass_holds_no_record_it_has_passed_on() -> None:
    """While the steps after strip-boilerplate work on the last record, the pass keeps
    no reference to the record it was given: for one 50 MB article that was a whole
    copy more (pipeline peak 349 -> 297 MiB)."""
    import gc
    import weakref

    from arnews_cli.api import strip_boilerplate

    class Rec(dict):  # a dict that a weak reference can point at
        pass

    given = [Rec(id=str(i), text=f"خبر رقم {i}\n\nنص الخبر.\nتابعونا") for i in range(3)]
    refs = [weakref.ref(r) for r in given]
    stream = strip_collection(iter(given), min_repeat=2, window=1, strip=strip_boilerplate)
    del given
    out = [next(stream) for _ in range(3)]
    gc.collect()
    assert [r() for r in refs] == [None, None, None]
    assert [o["id"] for o in out] == ["0", "1", "2"]


def test_recent_titles_wait_in_a_set_before_the_filters_are_made() -> None:
    # A run over one very large article never holds the filters' 4 MiB.
    titles = RecentTitles()
    hs = [_digest(f"عنوان {i}") for i in range(FEW_TITLES + 1)]
    for h in hs[:-1]:
        titles.add(h)
    assert titles.new is None and all(h in titles for h in hs[:-1]) and hs[-1] not in titles
    titles.add(hs[-1])
    assert titles.new is not None and titles.few is None and all(h in titles for h in hs)


def test_recent_titles_never_forget_the_last_kept_and_drop_older_ones(monkeypatch) -> None:
    monkeypatch.setattr(repeats, "FEW_TITLES", 0)
    titles = RecentTitles(kept=3)
    hs = [_digest(f"عنوان الخبر رقم {i}") for i in "أبجدهوز"]
    for n, h in enumerate(hs, 1):
        titles.add(h)
        assert all(g in titles for g in hs[max(0, n - 3) : n])  # the last `kept` at least
    assert hs[0] not in titles and hs[1] not in titles  # two generations back: gone
    assert "x" not in titles


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n  \nترامب ينفي الخبر\nنص.", "ترامب ينفي الخبر"),  # the first non-blank line
        ("عنوان  فيه  رقم ١٢\nنص.", "عنوان فيه رقم 0"),  # as its line key
        ("وقال الوزير إن العمل مستمر.\nنص.", None),  # a sentence: no page links to it
        ("ب " * 600 + "\nنص.", None),  # a paragraph
        ("", None),
    ],
)
def test_title_digest(text: str, title: str | None) -> None:
    assert title_digest(text) == (None if title is None else _digest(title))


def _titled(title: str, *body: str) -> dict:
    return {"id": title, "source": "-", "encoding": "utf-8", "text": "\n".join([title, *body])}


def test_a_line_that_is_another_articles_title_goes_in_the_collection_pass() -> None:
    from arnews_cli.api import strip_boilerplate

    para = "وقال المتحدث باسم البيت الأبيض إن الرئيس سيرد على ما جاء في الكتاب خلال أيام."
    link = "ترامب ينفي أنه أمر وزارة الدفاع باغتيال الأسد"
    linking = _titled("ما أهم ما جاء في كتاب وودورد؟", para, link, para.replace("أيام", "ساعات"))
    linked = _titled(link, "نفى الرئيس الأمريكي اليوم ما نقله الكتاب عن وزير الدفاع.")
    for records in ([linking, linked], [linked, linking]):  # before or after, in the window
        out = {r["id"]: r for r in strip_collection(records, 10, strip=strip_boilerplate)}
        got = out[linking["id"]]["removed"]
        assert [(r["line"], r["reason"]) for r in got] == [(3, "title-in-collection")]
        assert out[link]["removed"] == []  # its own title stays
    # Off with the collection pass, and beyond the window.
    assert next(strip_collection([linking, linked], 0, strip=strip_boilerplate))["removed"] == []
    filler = _titled("خبر آخر لا صلة له", "نص خبر آخر.")
    out = list(strip_collection([linking, filler, linked], 10, window=1, strip=strip_boilerplate))
    assert out[0]["removed"] == []
