"""map_records: order kept, bounded work in flight, failures reported, in and out of process."""

from __future__ import annotations

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
