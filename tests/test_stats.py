"""arnews stats: a summary of any number of articles in bounded memory."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from arnews_cli.cli import app
from arnews_cli.corpus.stats import CAPACITY, Summary, TopK

from .conftest import ROOT, SAMPLES
from .test_view import _under_pty

PY = [sys.executable, "-m", "arnews_cli"]


def _pipeline_samples() -> bytes:
    return subprocess.run(
        [*PY, "pipeline", "-f", "jsonl", str(SAMPLES)], capture_output=True, cwd=ROOT, check=True
    ).stdout


def test_stats_json_of_the_samples(runner) -> None:
    res = runner.invoke(app, ["stats", "-f", "json"], input=_pipeline_samples())
    assert res.exit_code == 0, res.stderr
    r = json.loads(res.stdout)
    assert r["articles"] == 8 and r["failures"] == 0
    assert r["encodings"] == {"utf-8": 6, "utf-16-le": 1, "windows-1256": 1}
    assert sum(r["words_per_article"].values()) == 8
    assert r["locations"]["نجران"] == 1 and "SPA" in r["agencies"]
    assert r["dates_by_month"]["2015-08"] == 1
    assert r["removed_by_reason"]["end-marker"] >= 1
    assert 0.9 < r["arabic_share"] <= 1
    assert r["repeated_ids"] == 0 and r["duplicates"] == {}


def test_stats_counts_failures_repeats_and_duplicates(runner, tmp_path) -> None:
    recs = [
        {"id": "a", "text": "نص."},
        {"id": "a", "text": "نص آخر."},
        {"id": "b", "text": "نص.", "duplicate": {"of": "a", "kind": "exact", "similarity": 1}},
    ]
    stream = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs) + "not json\n"
    res = runner.invoke(app, ["stats", "-f", "json"], input=stream)
    assert res.exit_code == 1
    r = json.loads(res.stdout)
    assert r["articles"] == 3 and r["failures"] == 1
    assert r["repeated_ids"] == 1 and r["duplicates"] == {"exact": 1}
    assert r["duplicate_share"] == 0.3333


def test_stats_reports_the_share_dedup_marked() -> None:
    from .conftest import SAMPLES, arnews

    spa = str(SAMPLES / "02-spa-najran.txt")
    marked = arnews("dedup", "--mark", str(SAMPLES), spa, spa)
    assert marked.returncode == 0
    res = arnews("stats", "-f", "json", input=marked.stdout)
    r = json.loads(res.stdout)
    assert r["articles"] == 10 and r["duplicates"] == {"exact": 2}
    assert r["duplicate_share"] == 0.2


def test_stats_of_raw_files_and_to_a_file(tmp_path) -> None:
    out = tmp_path / "summary.json"
    res = subprocess.run(
        [*PY, "stats", str(SAMPLES), "-o", str(out)], capture_output=True, cwd=ROOT
    )
    assert res.returncode == 0
    assert json.loads(out.read_text())["articles"] == 8


def test_stats_at_a_terminal_draws_tables_and_a_bar_chart() -> None:
    rc, tty = _under_pty(["stats", str(SAMPLES), "--color", "never"])
    text = tty.decode("utf-8")
    assert rc == 0 and "Traceback" not in text
    assert "articles" in text and "words per article" in text and "█" in text


@pytest.mark.parametrize(
    ("capacity", "names"), [(100, 5_000), pytest.param(CAPACITY, 50_000, marks=pytest.mark.slow)]
)
def test_topk_memory_is_bounded_and_keeps_the_heavy_hitters(capacity: int, names: int) -> None:
    # 50 rare names per slot either way; each eviction scans the table, so the default
    # run takes a table of 100 (1/100 of the work), CI the real one.
    top = TopK(capacity)
    for i in range(names):
        top.add(f"rare-{i}")
        if i % 10 == 0:
            top.add("دبي")
    assert len(top.counts) <= capacity
    assert top.top(1)[0][0] == "دبي"


def test_summary_memory_does_not_grow_with_articles() -> None:
    s = Summary()
    for i in range(20_000):
        s.add(
            {
                "id": f"x{i}",
                "encoding": "utf-8",
                "text": "نص",
                "metadata": {
                    "location": f"place-{i}",
                    "date": f"20{i % 30:02d}-01-01",
                    "stats": {"characters": 2, "words": 1, "arabic_share": 1.0},
                },
            }
        )
    assert all(len(t.counts) <= CAPACITY for t in s.tops.values())
    assert len(s.months) <= 30 and len(s.lengths) <= 8
    assert s.result()["articles"] == 20_000
