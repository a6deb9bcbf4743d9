"""Tables written out for a quick start equal what they stand for."""

from __future__ import annotations

import unicodedata

from arnews_cli.data import read_text
from arnews_cli.steps.dateline import (
    _non_letter_runs,
    _scan_non_letter_runs,
)
from arnews_cli.steps.metadata import _SPACE_BLOCKS


def test_non_letter_ranges_file_is_the_bmp_scan() -> None:
    # Regenerate data/non_letter_ranges.txt when Python's Unicode version changes.
    header = read_text("non_letter_ranges.txt").splitlines()[1]
    assert header.endswith(f"Unicode {unicodedata.unidata_version}.")
    assert _non_letter_runs() == _scan_non_letter_runs()


def test_space_blocks_are_every_block_with_a_space() -> None:
    assert _SPACE_BLOCKS == {c >> 8 for c in range(0x110000) if chr(c).isspace()}
