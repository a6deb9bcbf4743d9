"""The hand-labelled datelines (benchmarks/data/metadata/datelines.jsonl) are well-formed.

Not a score threshold: ``python benchmarks/metadata.py --labels-only`` scores against them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import CORPUS

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "data" / "metadata" / "datelines.jsonl"
KEYS = {"file", "location", "agency", "author", "evidence"}


def _labels() -> list[dict]:
    return [json.loads(ln) for ln in LABELS.read_text("utf-8").splitlines() if ln.strip()]


def _agency_names() -> set[str]:
    data = json.loads((ROOT / "arnews_cli" / "data" / "agencies.json").read_text("utf-8"))
    return {a["name"] for a in data["agencies"]}


LABELLED = _labels()


def test_every_article_of_the_labelled_folders_once() -> None:
    files = [r["file"] for r in LABELLED]
    assert len(files) == len(set(files))
    expected = {
        str(p.relative_to(CORPUS))
        for pattern in (
            "articles/saudinewsnet/*.txt",
            "articles/ant/*/*.txt",
            "articles/almayadeen/*.txt",
            "seed/*.txt",
        )
        for p in CORPUS.glob(pattern)
    }
    assert set(files) == expected


@pytest.mark.parametrize("rec", LABELLED, ids=lambda r: r["file"])
def test_record_is_well_formed(rec: dict) -> None:
    assert KEYS <= set(rec) <= KEYS | {"ambiguous"}
    assert rec.get("ambiguous", True) is True
    assert (CORPUS / rec["file"]).is_file()
    for field in ("location", "agency", "author"):
        value = rec[field]
        assert value is None or (isinstance(value, str) and value == value.strip() and value)
    assert rec["agency"] is None or rec["agency"] in _agency_names()
    assert isinstance(rec["evidence"], str)


@pytest.mark.parametrize(
    "rec", [r for r in LABELLED if r["location"] or r["author"]], ids=lambda r: r["file"]
)
def test_gold_values_are_read_from_the_text(rec: dict) -> None:
    # A label must be what the article says, not what we think it should say: the location
    # and every author word appear in the evidence, and the evidence in the article.
    text = " ".join((CORPUS / rec["file"]).read_text("utf-8").split())
    evidence = rec["evidence"]
    assert evidence.split(" (")[0] in text
    for field in ("location", "author"):
        for word in (rec[field] or "").replace("،", " ").split():
            assert word in evidence
