"""Tables written out for a quick start equal what they stand for."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.data import read_text
from arnews_cli.steps.dateline import (
    _hits,
    _non_letter_runs,
    _opening_res,
    _scan_non_letter_runs,
    lexicon,
)
from arnews_cli.steps.metadata import _SPACE_BLOCKS
from tests.test_metadata_fast import _plain_hits


def test_non_letter_ranges_file_is_the_bmp_scan() -> None:
    # Regenerate data/non_letter_ranges.txt when Python's Unicode version changes.
    header = read_text("non_letter_ranges.txt").splitlines()[1]
    assert header.endswith(f"Unicode {unicodedata.unidata_version}.")
    assert _non_letter_runs() == _scan_non_letter_runs()


def test_space_blocks_are_every_block_with_a_space() -> None:
    assert _SPACE_BLOCKS == {c >> 8 for c in range(0x110000) if chr(c).isspace()}


def test_every_alias_passes_the_opening_test() -> None:
    for alias in lexicon().spellings:
        for text in (alias, f"({alias})", f"وكالة {alias}"):
            assert _opening_res().search(text), alias


_PIECES = st.sampled_from(
    ["أ", "ا", "ف", "ب", "د", "و", "م", "ع", " ", ".", "(", ")", "/", "وكالة ", "رو", "يترز",
     "سا", "نا", "ap", "x", "xi", "nhua", "\n", "ـ", "1"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=16).map("".join))
@settings(max_examples=500, deadline=None)
def test_opening_test_never_hides_a_mention(text: str) -> None:
    if _plain_hits(text):
        assert _opening_res().search(text)
    assert sorted(_hits(text)) == _plain_hits(text)
