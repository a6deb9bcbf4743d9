"""map_records: order kept, bounded work in flight, failures reported, in and out of process."""

from __future__ import annotations

import pytest

from arnews_cli.errors import ArticleError
from arnews_cli.parallel import BATCH, make_pool, map_records


def _work(rec: dict, fail_on: int) -> dict:
    if rec["n"] % fail_on == 0:
        raise ValueError(f"bad {rec['n']}")
    return {**rec, "sq": rec["n"] ** 2}


def test_order_and_failures_with_a_pool() -> None:
    errors: list[ArticleError] = []
    records = ({"id": str(n), "source": f"s{n}", "n": n} for n in range(1, 1001))
    pool = make_pool(2)
    try:
        out = list(map_records(_work, records, (97,), errors.append, pool, 2))
    finally:
        pool.shutdown()
    assert [r["n"] for r in out] == [n for n in range(1, 1001) if n % 97]
    assert [e.source for e in errors] == [f"s{n}" for n in range(97, 1001, 97)]
    assert "bad 97" in errors[0].message


def test_in_process_same_result() -> None:
    errors: list[ArticleError] = []
    records = [{"id": str(n), "n": n} for n in range(1, 200)]
    out = list(map_records(_work, records, (50,), errors.append))
    assert len(out) == 196 and len(errors) == 3


def test_input_is_consumed_lazily() -> None:
    consumed = 0

    def source():
        nonlocal consumed
        for n in range(1, 100_000):
            consumed += 1
            yield {"id": str(n), "n": n}

    pool = make_pool(2)
    try:
        it = map_records(_work, source(), (10**9,), lambda e: None, pool, 2)
        next(it)
        # Only a bounded window (jobs * 4 batches) is read ahead of the output.
        assert consumed <= 2 * 4 * BATCH + BATCH
        it.close()
    finally:
        pool.shutdown(cancel_futures=True)


def _bulk(n: int) -> list[dict]:
    import gzip

    import orjson

    from .conftest import BULK_SAMPLE

    out = []
    with gzip.open(BULK_SAMPLE) as f:
        for line in f:
            out.append(orjson.loads(line))
            if len(out) == n:
                break
    return out


def _plain(items: list) -> list[dict]:
    from arnews_cli.record import Encoded

    return [x.record() if isinstance(x, Encoded) else x for x in items]


_ALL_STEPS = [
    ("clean", "strip-boilerplate", "segment", "extract-metadata"),
    ("strip-boilerplate", "clean", "segment"),
    ("clean", "segment", "strip-boilerplate"),
    ("clean", "extract-metadata"),
]


# Records 200-320 of the sample hold lines repeated in 3+ of them (16 are dropped at
# min_repeat=3). The default run takes the full pipeline there, with and without the
# collection pass (each configuration starts a worker pool: the sweep is the cost);
# the slow run (CI) takes every place strip-boilerplate can take over the whole sample.
@pytest.mark.parametrize(
    ("window", "steps_list"),
    [
        ((200, 320), _ALL_STEPS[:1]),
        pytest.param((0, 400), _ALL_STEPS, marks=pytest.mark.slow),
    ],
)
def test_pipeline_over_workers_gives_the_serial_records(monkeypatch, window, steps_list) -> None:
    # Workers run the steps after strip-boilerplate on a guess and hand back JSON lines;
    # with the held records spooled to disk (a tiny memory), the records are still the
    # serial ones, for every place strip-boilerplate can take in the steps.
    from arnews_cli import repeats
    from arnews_cli.api import PipelineSettings, pipeline_stage
    from arnews_cli.record import Encoded

    real = repeats._Spool

    class Small(real):  # type: ignore[misc, valid-type]
        def __init__(self, per_file: int) -> None:
            super().__init__(per_file=7, memory=20_000)

    monkeypatch.setattr(repeats, "_Spool", Small)
    recs = _bulk(400)[slice(*window)]
    for steps in steps_list:
        for min_repeat in (0, 3):
            settings = PipelineSettings(steps=steps, min_repeat=min_repeat)
            errors: list = []
            serial = list(pipeline_stage(settings, errors.append, 1)(recs))
            parallel = list(pipeline_stage(settings, errors.append, 2, encoded=True)(recs))
            assert not errors
            assert any(isinstance(x, Encoded) for x in parallel)
            assert _plain(parallel) == serial, (steps, min_repeat)
            reasons = {r["reason"] for rec in serial for r in rec.get("removed", ())}
            if min_repeat and "strip-boilerplate" in steps:
                assert "repeated-in-collection" in reasons, steps


def _segment_failing_on_7(x, **kw):  # type: ignore[no-untyped-def]
    from arnews_cli.api import _real_segment  # type: ignore[attr-defined]

    if isinstance(x, dict) and x["id"].endswith("7"):
        raise ValueError("boom")
    return _real_segment(x, **kw)


def test_a_step_failing_after_strip_in_a_worker_is_reported_like_serial(monkeypatch) -> None:
    from arnews_cli import api

    monkeypatch.setattr(api, "_real_segment", api.segment, raising=False)
    monkeypatch.setattr(api, "segment", _segment_failing_on_7)
    recs = [{**r, "id": str(i)} for i, r in enumerate(_bulk(120))]
    settings = api.PipelineSettings(min_repeat=3)
    errs1: list = []
    errs2: list = []
    serial = list(api.pipeline_stage(settings, errs1.append, 1)(recs))
    parallel = _plain(list(api.pipeline_stage(settings, errs2.append, 2, encoded=True)(recs)))
    assert parallel == serial and len(serial) == 108
    assert sorted(str(e) for e in errs2) == sorted(str(e) for e in errs1)
    assert len(errs1) == 12 and all("boom" in str(e) for e in errs1)


def test_paired_results_come_with_their_inputs() -> None:
    # The collection pass keeps each input here instead of having the worker send it back.
    pool = make_pool(2)
    try:
        for p in (pool, None):
            errors: list[ArticleError] = []
            records = ({"id": str(n), "source": f"s{n}", "n": n} for n in range(1, 300))
            out = list(map_records(_work, records, (13,), errors.append, p, 2, paired=True))
            assert [rec["n"] for rec, _ in out] == [n for n in range(1, 300) if n % 13]
            assert all(res["sq"] == rec["n"] ** 2 for rec, res in out)
            assert [e.source for e in errors] == [f"s{n}" for n in range(13, 300, 13)]
    finally:
        pool.shutdown()


def test_collection_pass_strips_again_from_the_records_as_they_came() -> None:
    # Workers send back digests and results, not the record they stripped: the few
    # records that hold a recurring line are cleaned again here, then stripped.
    from arnews_cli import api
    from arnews_cli.repeats import prestrip, strip_collection, strip_prestripped

    recs = _bulk(300)
    again: list[str] = []

    def before(rec: dict) -> dict:
        again.append(rec["id"])
        return api.clean(rec)

    pairs = [(rec, prestrip(api.clean(rec), api.strip_boilerplate)) for rec in recs]
    out = list(strip_prestripped(pairs, 3, before=before, strip=api.strip_boilerplate))
    assert out == list(strip_collection(map(api.clean, recs), 3, strip=api.strip_boilerplate))
    assert 0 < len(again) < len(recs) // 2


def test_batches_are_bounded_by_text_size_too() -> None:
    from arnews_cli.parallel import BATCH_CHARS, _batches

    big = [{"id": str(n), "text": "x" * (BATCH_CHARS // 2)} for n in range(5)]
    assert [len(b) for b in _batches(big)] == [2, 2, 1]
    small = [{"id": str(n), "text": "x"} for n in range(BATCH + 1)]
    assert [len(b) for b in _batches(small)] == [BATCH, 1]
