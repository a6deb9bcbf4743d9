"""arnews dedup (contract §5.7): the functions, the command, pipeline and --jobs."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli import cli
from arnews_cli.corpus import dedup as D

from .conftest import ROOT, arnews

DATA = Path(__file__).parent / "data"


def _pairs() -> dict[int, dict]:
    """Real labelled pairs of the bulk corpus (rank -> pair with both texts)."""
    with (DATA / "dedup_pairs.jsonl").open(encoding="utf-8") as f:
        return {p["rank"]: p for p in map(json.loads, f)}


PAIRS = _pairs()


def _records(*texts: str) -> list[dict]:
    return [{"id": f"a{i}", "text": t} for i, t in enumerate(texts)]


def _jsonl(records: list[dict]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def _decide(a: str, b: str, by: str = "text") -> D.Match | None:
    index = D.Index(by=by)
    index.add("a", D.sketch(a, by == "story"))
    return index.check("b", D.sketch(b, by == "story"))


# -- words and sketches -----------------------------------------------------------


def test_words_fold_letters_digits_marks_and_tatweel() -> None:
    assert D.words("إنّ الـمدرسةَ الأولى ٢٠١٥ Riyadh") == [
        "ان",
        "المدرسه",
        "الاولي",
        "2015",
        "riyadh",
    ]
    assert D.words("") == []


def test_exact_key_ignores_spelling_spacing_and_punctuation_only() -> None:
    a = D.sketch("وصلت الطائرة الإغاثية الخامسة إلى عدن.")
    assert D.sketch("وصلت  الطائرة الاغاثية  الخامسه الى عدن").key == a.key
    assert D.sketch("وصلت الطائرة الإغاثية الرابعة إلى عدن.").key != a.key


def test_similarity_estimates_jaccard() -> None:
    words = [f"w{i}" for i in range(400)]
    a = D.sketch(" ".join(words))
    b = D.sketch(" ".join(words[:200] + [f"x{i}" for i in range(200)]))
    # 196 of the 592 distinct shingles are shared: Jaccard 0.33.
    assert 0.2 <= D.similarity(a.sig, b.sig) <= 0.45
    assert D.similarity(a.sig, a.sig) == 1.0


def test_bands_find_a_pair_at_the_threshold_as_promised() -> None:
    for t in (0.2, 0.35, 0.5, 0.8, 0.95, 1.0):
        bands, rows = D.bands_for(t)
        assert bands * rows <= D.NUM_PERM
        assert 1 - (1 - t**rows) ** bands >= D.BAND_RECALL



def test_sketches_agree_across_processes() -> None:
    # --jobs and --index rely on it: rensa's hash and our seed, not Python's hash().
    text = PAIRS[1]["a_text"]
    code = (
        "import sys; from arnews_cli.corpus.dedup import sketch; "
        "sys.stdout.write(sketch(sys.stdin.read(), True).sig.hex())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=text.encode(), capture_output=True, check=True
    ).stdout.decode()
    assert out == D.sketch(text, True).sig.hex()


# -- decisions on real pairs ------------------------------------------------------


def test_republished_agency_story_is_a_near_duplicate() -> None:
    p = PAIRS[1]  # the same SPA item on the relief plane, re-headlined
    found = _decide(p["a_text"], p["b_text"])
    assert found is not None and found.kind == "near" and found.similarity > 0.9


def test_copies_differing_in_hamza_spelling_are_found() -> None:
    p = PAIRS[513]  # one paper writes every hamza, the other none: raw Jaccard 0.06
    assert p["near_duplicate"] is True
    assert _decide(p["a_text"], p["b_text"]) is not None


def test_story_mode_keeps_apart_another_days_market_report() -> None:
    p = PAIRS[676]  # the lira on Friday and on Tuesday: Jaccard 0.5, other news
    assert p["same_story"] is False
    assert _decide(p["a_text"], p["b_text"], "text") is not None  # lexical overlap is fooled
    assert _decide(p["a_text"], p["b_text"], "story") is None


def test_unrelated_articles_are_kept() -> None:
    assert _decide(PAIRS[1]["a_text"], PAIRS[676]["a_text"]) is None
    assert _decide(PAIRS[1]["a_text"], PAIRS[676]["a_text"], "story") is None


def test_story_score_is_a_probability_weighing_the_measures() -> None:
    a = D.sketch(PAIRS[1]["a_text"], True)
    b = D.sketch(PAIRS[1]["b_text"], True)
    measures = D.story_measures(a, b)
    assert set(measures) == {"contained", "rare", "overlap", "other_day", "same_day", "days_apart"}
    assert measures["contained"] > 0.8 and measures["other_day"] == 0.0
    assert measures["same_day"] == measures["days_apart"] == 0.0  # dates unknown
    assert D.story_measures(a, b, 0)["same_day"] == 1.0
    assert D.story_measures(a, b, 3)["days_apart"] == 1.0
    assert set(D._story_weights()["weights"]) == {*measures, "bias"}  # data fits the code
    assert D.story_score(a, b) > 0.9
    far = D.sketch(PAIRS[676]["a_text"], True)
    assert D.story_score(a, far) < 0.1


# -- the stream -------------------------------------------------------------------


def test_dedup_keeps_the_first_and_marks_the_rest() -> None:
    recs = _records("نص أول هنا", "نص ثان", "نصّ أوَّل هنا")
    assert [r["id"] for r in D.dedup(recs)] == ["a0", "a1"]
    marked = list(D.dedup(recs, D.DedupOptions(mark=True)))
    assert [r.get("duplicate") for r in marked] == [
        None,
        None,
        {"of": "a0", "kind": "exact", "similarity": 1.0},
    ]
    assert all(r["steps"] == ["dedup"] for r in marked)
    assert list(marked[2]) == ["id", "text", "duplicate", "steps"]


def test_window_days_bounds_how_far_apart_copies_may_be() -> None:
    recs = [
        {"id": "a", "text": "نص واحد", "metadata": {"date": "2020-01-01"}},
        {"id": "b", "text": "نص واحد", "metadata": {"date": "2020-01-09"}},
        {"id": "c", "text": "نص واحد", "metadata": {"date": "2020-01-02"}},
        {"id": "d", "text": "نص واحد"},  # no date: the window cannot rule it out
    ]
    kept = [r["id"] for r in D.dedup(recs, D.DedupOptions(window_days=3))]
    assert kept == ["a", "b"]
    assert [r["id"] for r in D.dedup(recs)] == ["a"]


def test_dedup_stream_yields_before_reading_everything() -> None:
    def endless():
        yield {"id": "first", "text": "نص"}
        raise AssertionError("read past the first record")

    assert next(D.dedup(endless()))["id"] == "first"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["نص أول", "نص ثان", "نص ثالث طويل", "أخبار", ""]), max_size=12))
def test_marked_stream_is_the_input_and_dropped_stream_a_subsequence(texts: list[str]) -> None:
    recs = _records(*texts)
    marked = list(D.dedup(recs, D.DedupOptions(mark=True)))
    assert [r["id"] for r in marked] == [r["id"] for r in recs]
    assert [r["text"] for r in marked] == texts  # nothing changed but the mark
    kept = [r["id"] for r in D.dedup(recs)]
    assert kept == [r["id"] for r in marked if "duplicate" not in r]
    # Each repeat points at an article that was kept.
    assert all(r["duplicate"]["of"] in kept for r in marked if "duplicate" in r)


def test_dedup_is_not_a_per_record_step() -> None:
    from arnews_cli.registry import STEPS, Settings

    with pytest.raises(TypeError, match="stream"):
        STEPS["dedup"].apply({"id": "a", "text": "x"}, Settings())


# -- the command ------------------------------------------------------------------


def test_cli_default_threshold_is_the_library_one() -> None:
    assert cli.DEFAULT_THRESHOLD == D.DEFAULT_THRESHOLD


def _pair_records(rank: int) -> list[dict]:
    p = PAIRS[rank]
    return [{"id": p["a"], "text": p["a_text"]}, {"id": p["b"], "text": p["b_text"]}]


def test_cli_drops_a_republished_copy(runner) -> None:
    data = _jsonl(_pair_records(1) + _pair_records(676)[:1])
    res = runner.invoke(cli.app, ["dedup"], input=data)
    assert res.exit_code == 0, res.output
    ids = [json.loads(line)["id"] for line in res.stdout.splitlines()]
    assert ids == [PAIRS[1]["a"], PAIRS[676]["a"]]


def test_cli_threshold_decides_what_is_near(runner) -> None:
    data = _jsonl(_pair_records(1))  # estimated similarity 0.94
    ids = {}
    for t in ("0.35", "0.99"):
        res = runner.invoke(cli.app, ["dedup", "--threshold", t], input=data)
        assert res.exit_code == 0, res.output
        ids[t] = [json.loads(line)["id"] for line in res.stdout.splitlines()]
    assert ids == {"0.35": [PAIRS[1]["a"]], "0.99": [PAIRS[1]["a"], PAIRS[1]["b"]]}
    bad = runner.invoke(cli.app, ["dedup", "--threshold", "1.5"], input=data)
    assert bad.exit_code == 2


def test_cli_window_days_and_keep_first(runner) -> None:
    a, b = _pair_records(1)
    data = _jsonl(
        [
            {**a, "metadata": {"date": "2015-07-23"}},
            {**b, "metadata": {"date": "2015-08-23"}},
        ]
    )
    res = runner.invoke(cli.app, ["dedup", "--window-days", "3", "--keep", "first"], input=data)
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == 2  # a month apart: not a repeat
    res = runner.invoke(cli.app, ["dedup", "--window-days", "40"], input=data)
    assert len(res.stdout.splitlines()) == 1
    assert runner.invoke(cli.app, ["dedup", "--keep", "last"], input=data).exit_code == 2


def test_cli_mark_clusters_and_by_story(runner, tmp_path: Path) -> None:
    clusters = tmp_path / "groups.jsonl"
    data = _jsonl(_pair_records(1) + _pair_records(676))
    res = runner.invoke(
        cli.app, ["dedup", "--mark", "--by", "story", "--clusters", str(clusters)], input=data
    )
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == 4
    assert recs[1]["duplicate"]["of"] == PAIRS[1]["a"]
    assert "duplicate" not in recs[3]  # another day's market report
    groups = [json.loads(line) for line in clusters.read_text().splitlines()]
    assert groups == [
        {
            "id": PAIRS[1]["a"],
            "size": 2,
            "ids": [PAIRS[1]["a"], PAIRS[1]["b"]],
            "kinds": [None, "near"],
            "similarities": [1.0, recs[1]["duplicate"]["similarity"]],
        }
    ]


def test_cli_index_dedups_a_new_crawl_against_an_old_one(runner, tmp_path: Path) -> None:
    index = tmp_path / "seen.idx"
    old = _jsonl(_pair_records(1)[:1])
    new = _jsonl(_pair_records(1)[1:] + _pair_records(676)[:1])
    assert runner.invoke(cli.app, ["dedup", "--index", str(index)], input=old).exit_code == 0
    header = json.loads(index.read_text().splitlines()[0])
    assert header["format"] == "arnews-dedup-index" and header["articles"] == 1
    res = runner.invoke(cli.app, ["dedup", "--index", str(index)], input=new)
    assert res.exit_code == 0, res.output
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == [PAIRS[676]["a"]]
    assert json.loads(index.read_text().splitlines()[0])["articles"] == 2


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not an index\n", "not an arnews dedup index"),
        (
            b'{"format":"arnews-dedup-index","version":3,"by":"story","num_perm":128,'
            b'"shingle":5,"seed":20170601,"rensa":2,"articles":0}\n',
            "made with --by story",
        ),
        (
            b'{"format":"arnews-dedup-index","version":3,"by":"text","num_perm":64,'
            b'"shingle":5,"seed":20170601,"rensa":2,"articles":0}\n',
            "num_perm 64",
        ),
    ],
)
def test_cli_bad_index_is_a_usage_error_before_reading(
    tmp_path: Path, content: bytes, message: str
) -> None:
    index = tmp_path / "seen.idx"
    index.write_bytes(content)
    res = arnews("dedup", "--index", str(index), "-", input=b'{"id": "x", "text": "y"}\n')
    assert res.returncode == 2
    assert message in res.stderr.decode()
    assert res.stdout == b""
    assert index.read_bytes() == content  # left as it was


def test_cli_story_index_of_version_3_must_be_rebuilt(tmp_path: Path) -> None:
    # Version 4 story sketches count rare words where 3 kept a word-set MinHash; text
    # sketches did not change, so a version 3 text index is still read (next test).
    index = tmp_path / "seen.idx"
    content = (
        b'{"format":"arnews-dedup-index","version":3,"by":"story","num_perm":128,'
        b'"shingle":5,"seed":20170601,"rensa":2,"articles":0}\n'
    )
    index.write_bytes(content)
    res = arnews(
        "dedup", "--by", "story", "--index", str(index), "-", input=b'{"id": "x", "text": "y"}\n'
    )
    assert res.returncode == 2
    assert "made with version 3, this arnews uses 4: rebuild it" in res.stderr.decode()
    assert index.read_bytes() == content


def test_cli_corrupt_index_entry_names_the_line(tmp_path: Path) -> None:
    index = tmp_path / "seen.idx"
    header = (
        b'{"format":"arnews-dedup-index","version":3,"by":"text","num_perm":128,'
        b'"shingle":5,"seed":20170601,"rensa":2,"articles":1}\n'
    )
    index.write_bytes(header + b'{"id": "x"}\n')
    res = arnews("dedup", "--index", str(index), "-", input=b'{"id": "x", "text": "y"}\n')
    assert res.returncode != 0
    err = res.stderr.decode()
    assert "seen.idx:2: not an index entry" in err and "Traceback" not in err


def test_cli_clusters_into_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    res = arnews("dedup", "--clusters", str(tmp_path), "-", input=b'{"id": "x", "text": "y"}\n')
    assert res.returncode == 2 and "is a directory" in res.stderr.decode()


def test_cli_unwritable_clusters_path_fails_before_any_article(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    out = tmp_path / "out.jsonl"
    out.write_text("yesterday\n")
    res = arnews(
        "dedup",
        "--clusters",
        str(blocker / "g.jsonl"),
        "-o",
        str(out),
        "-",
        input=b'{"id": "x", "text": "y"}\n',
    )
    err = res.stderr.decode()
    assert res.returncode == 1 and "g.jsonl" in err and "Traceback" not in err
    assert out.read_text() == "yesterday\n"  # -o is not replaced by a failed run
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "out.jsonl"]


def test_interrupted_run_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    import signal
    import time

    index = tmp_path / "seen.idx"
    assert (
        arnews("dedup", "--index", str(index), "-", input=b'{"id": "a", "text": "b"}\n').returncode
        == 0
    )
    before = index.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-m", "arnews_cli", "dedup", "--index", str(index), "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin and proc.stdout
    proc.stdin.write(b'{"id": "c", "text": "d"}\n')
    proc.stdin.flush()
    select.select([proc.stdout], [], [], 30)
    proc.stdout.readline()
    time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 143
    assert index.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seen.idx"]


def test_pipeline_dedup_option_without_the_step_is_a_usage_error() -> None:
    res = arnews("pipeline", "--mark", "-", input=b'{"id": "x", "text": "y"}\n')
    assert res.returncode == 2 and "add dedup to --steps" in res.stderr.decode()


def test_pipeline_jobs_gives_the_same_result_as_one_process(tmp_path: Path) -> None:
    recs = []
    for rank in sorted(PAIRS):
        recs += _pair_records(rank)
    data = _jsonl(recs * 3)
    for by in ("text", "story"):
        outs = []
        for jobs in ("1", "2"):
            groups = tmp_path / f"g{by}{jobs}"
            res = arnews(
                "pipeline",
                "--steps",
                "clean,strip-boilerplate,dedup,segment",
                "--by",
                by,
                "--mark",
                "--clusters",
                str(groups),
                "--jobs",
                jobs,
                "-",
                input=data,
            )
            assert res.returncode == 0, res.stderr.decode()
            outs.append((res.stdout, groups.read_bytes()))
        assert outs[0] == outs[1]
        lines = [json.loads(line) for line in outs[0][0].splitlines()]
        assert len(lines) == len(recs) * 3
        assert all(r["steps"] == ["clean", "strip-boilerplate", "dedup", "segment"] for r in lines)


def test_dedup_command_streams(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "arnews_cli", "dedup", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin and proc.stdout
    try:
        proc.stdin.write(json.dumps({"id": "first", "text": "نص"}).encode() + b"\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "no output while stdin is still open"
        assert json.loads(proc.stdout.readline())["id"] == "first"
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


@pytest.mark.parametrize("by", ["text", "story"])
def test_dask_example_gives_the_one_process_result(tmp_path: Path, by: str) -> None:
    import gzip
    import runpy

    recs = []
    for rank in sorted(PAIRS):
        recs += _pair_records(rank)
    recs = [{**r, "id": f"{r['id']}#{i}"} for i, r in enumerate(recs * 2)]  # 20 records
    shards = tmp_path / "shards"
    shards.mkdir()
    for i in range(4):
        with gzip.open(shards / f"s{i}.jsonl.gz", "wb") as f:
            f.write(_jsonl(recs[i * 5 : (i + 1) * 5]))
    example = runpy.run_path(str(ROOT / "examples" / "dask_dedup.py"))
    options = D.DedupOptions(by=by, mark=True)
    files = example["run"](str(shards / "*.jsonl.gz"), str(tmp_path / "out"), options)
    joined = b"".join(open(name, "rb").read() for name in sorted(files))
    one = b"".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        for r in D.dedup(recs, options)
    )
    assert joined == one
    assert joined.count(b'"duplicate"') >= 10  # every record of the second round repeats
