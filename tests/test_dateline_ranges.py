"""Tables written out for a quick start equal what they stand for."""

from __future__ import annotations

from arnews_cli.steps.metadata import _SPACE_BLOCKS


def test_space_blocks_are_every_block_with_a_space() -> None:
    assert _SPACE_BLOCKS == {c >> 8 for c in range(0x110000) if chr(c).isspace()}
