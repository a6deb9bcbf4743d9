"""The real-article fixtures are in the repo: a clone without them must fail, not skip.

Tests parametrized over ``CORPUS.rglob(...)`` would silently collect nothing if the
files went missing; these counts catch that.
"""

from __future__ import annotations

import gzip

import orjson
import pytest

from .conftest import BULK_SAMPLE, CORPUS, ROOT

EXPECTED_FILES = {
    "articles/ant": 100,
    "articles/saudinewsnet": 70,
    "articles/almayadeen": 30,
    "seed": 1,
    "encoding/mojibake": 2,
}


@pytest.mark.parametrize(("folder", "count"), EXPECTED_FILES.items())
def test_real_articles_are_in_the_repo(folder: str, count: int) -> None:
    files = [p for p in (CORPUS / folder).rglob("*.txt") if p.is_file()]
    assert len(files) == count, f"tests/data/corpus/{folder}: fixtures missing"
    assert all(p.stat().st_size > 0 for p in files)


def test_legacy_encodings_are_in_the_repo() -> None:
    folders = sorted(p.name for p in (CORPUS / "encoding" / "legacy").iterdir())
    assert len(folders) == 10 and "windows-1256-arabic" in folders


def test_bulk_sample_is_in_the_repo() -> None:
    with gzip.open(BULK_SAMPLE) as f:
        recs = [orjson.loads(line) for line in f]
    assert len(recs) == 400
    assert all(set(r) == {"id", "text"} and r["text"] for r in recs)


def test_fixtures_say_where_they_come_from() -> None:
    readme = (ROOT / "tests" / "data" / "README.md").read_text("utf-8")
    for name in ("ant", "saudinewsnet", "almayadeen", "seed", "legacy", "news-400", "CC BY-NC-SA"):
        assert name in readme
