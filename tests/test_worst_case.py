"""Every step together on 5 MB lines built to hurt regexes: each must finish (linear time).

The step modules test their own patterns the same way; this runs the whole pipeline,
where the patterns meet each other's output. No timing assertion: a super-linear
regex on 5 MB does not finish within the suite's time at all.
"""

from __future__ import annotations

import pytest

from arnews_cli.api import DEFAULT_STEPS, PipelineSettings, apply_steps, to_record

SIZE = 5_000_000

CASES = {
    "dots": ".",
    "abbreviations": "د. ",
    "dotted-number": "1.",
    "tatweel": "ـ",
    "spaces": " \u200f ",
    "url-prefix": "http://a",
    "mentions": "@#",
    "quotes": '"«',
    "date-like": "12/",
    "agency-like": "(أ ف ب) - ",
    "mojibake-like": "Ø§Ù",
    "today-like": "اليوم ( ",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_pipeline_finishes_on_a_5mb_worst_case_line(name: str) -> None:
    unit = CASES[name]
    text = "عنوان\n" + unit * (SIZE // len(unit.encode()))
    settings = PipelineSettings(tokens=False)
    rec = apply_steps(to_record(text), settings, DEFAULT_STEPS)
    assert rec["steps"] == list(DEFAULT_STEPS)
    assert all(rec["text"][s["start"] : s["end"]] == s["text"] for s in rec["sentences"])
