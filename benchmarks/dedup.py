"""arnews dedup: quality on the labelled pairs, LSH recall against exact Jaccard, speed
and memory, each beside a baseline run in the same process.

    python benchmarks/dedup.py quality [--fit]    # P/R/F1/MCC on benchmarks/data/dedup
    python benchmarks/dedup.py recall             # LSH + MinHash vs exact Jaccard, bulk corpus
    python benchmarks/dedup.py speed [N]          # articles/s and bytes per article

``quality`` scores both labels on the held-out split (tuning only ever looks at the
tune split): text mode (exact + near at the threshold) against ``near_duplicate``, and
story mode against ``same_story``, beside exact hashing and exact 5-word-shingle
Jaccard at its best tune threshold. ``--fit`` refits story mode's weights on the tune
split and writes ``arnews_cli/data/dedup_story.json``; ``--threshold`` is chosen the
same way and printed (it is a constant in ``arnews_cli/corpus/dedup.py``).
"""

from __future__ import annotations

import argparse
import gzip
import math
import re
import sys
import time
import tracemalloc
from pathlib import Path

import orjson

from arnews_cli import api
from arnews_cli.corpus import dedup as D

HERE = Path(__file__).resolve().parent
PAIRS = HERE / "data" / "dedup" / "pairs.jsonl"
BULK = HERE.parent.parent / "shared" / "corpus" / "bulk" / "news-20k.jsonl.gz"
_DAY = re.compile(r"((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?([0-3]\d)(?!\d)")


def bulk(path: Path = BULK, limit: int | None = None):
    with gzip.open(path) as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            yield orjson.loads(line)


def crawl_day(id: str) -> str | None:
    """The publication date this corpus keeps in its ids (``snn/paper/2015-07-23-…``),
    standing in for ``metadata.date`` of a crawl that records it."""
    m = _DAY.search(id)
    return "-".join(m.groups()) if m else None


# -- scores -----------------------------------------------------------------------


def scores(pred: list[bool], gold: list[bool]) -> dict[str, float]:
    """Precision, recall, F1 and MCC, counted as the labelled set's own baselines count them."""
    sys.path.insert(0, str(HERE / "data" / "dedup"))
    from baselines import scores as counted

    return counted(gold, pred)


def row(name: str, s: dict[str, float]) -> str:
    return f"  {name:<34} n={s['n']:<4} P={s['P']:.3f} R={s['R']:.3f} F1={s['F1']:.3f} MCC={s['MCC']:.3f}"


# -- quality ----------------------------------------------------------------------


def load_pairs():
    pairs = [orjson.loads(line) for line in PAIRS.open("rb")]
    need = {p["a"] for p in pairs} | {p["b"] for p in pairs}
    texts = {}
    for rec in bulk():
        if rec["id"] in need:
            # What a user runs before dedup: clean, then strip-boilerplate.
            rec = {"source": "-", "encoding": "utf-8", **rec}
            texts[rec["id"]] = api.strip_boilerplate(api.clean(rec))["text"]
    return pairs, texts


def day_of(id: str) -> int | None:
    import datetime as dt

    d = crawl_day(id)
    return dt.date.fromisoformat(d).toordinal() if d else None


def pair_decision(
    index_of, a: str, b: str, threshold: float, by: str, dates: bool = True
) -> D.Match | None:
    """What dedup says of ``b`` arriving after ``a`` (with ``dates``, each carrying its
    crawl date as metadata.date would)."""
    index = D.Index(threshold, by=by)
    index.add(a, index_of(a), day_of(a) if dates else None)
    return index.check(b, index_of(b), day_of(b) if dates else None)


def features(sa: D.Sketch, sb: D.Sketch, apart: int | None) -> list[float]:
    return list(D.story_measures(sa, sb, apart).values())


def apart_of(a: str, b: str) -> int | None:
    da, db = day_of(a), day_of(b)
    return None if da is None or db is None else abs(da - db)


def fit(xs: list[list[float]], ys: list[bool], l2: float = 0.1, steps: int = 4000) -> list[float]:
    """Logistic regression by gradient descent (bias last)."""
    w = [0.0] * (len(xs[0]) + 1)
    n = len(xs)
    for _ in range(steps):
        grad = [0.0] * len(w)
        for x, y in zip(xs, ys, strict=False):
            z = w[-1] + sum(wi * xi for wi, xi in zip(w, x, strict=False))
            err = 1 / (1 + math.exp(-z)) - float(y)
            for i, xi in enumerate(x):
                grad[i] += err * xi
            grad[-1] += err
        for i in range(len(w)):
            reg = l2 * w[i] if i < len(w) - 1 else 0.0
            w[i] -= (grad[i] + reg) / n
    return w


def quality(refit: bool) -> None:
    pairs, texts = load_pairs()
    sketches = {k: D.sketch(t, story=True) for k, t in texts.items()}
    wordsets = {k: D.shingles(D.joined_words(t)) for k, t in texts.items()}

    def jaccard5(a: str, b: str) -> float:
        x, y = set(wordsets[a]), set(wordsets[b])
        return len(x & y) / len(x | y) if x | y else 1.0

    def split(name: str, label: str):
        return [p for p in pairs if p["split"] == name and p[label] in (True, False)]

    # Text mode's threshold: the best MCC on the tune split of the MinHash estimate.
    tune = split("tune", "near_duplicate")
    grid = [t / 100 for t in range(20, 96, 5)]

    def text_pred(ps, t):
        return [pair_decision(sketches.get, p["a"], p["b"], t, "text") is not None for p in ps]

    best_t = max(
        grid, key=lambda t: scores(text_pred(tune, t), [p["near_duplicate"] for p in tune])["MCC"]
    )
    print(f"text mode: best tune threshold {best_t:.2f} (in the code: {D.DEFAULT_THRESHOLD})")
    best_j = max(
        grid,
        key=lambda t: scores(
            [jaccard5(p["a"], p["b"]) >= t for p in tune], [p["near_duplicate"] for p in tune]
        )["MCC"],
    )

    if refit:
        st = split("tune", "same_story")
        xs = [features(sketches[p["a"]], sketches[p["b"]], apart_of(p["a"], p["b"])) for p in st]
        w = fit(xs, [p["same_story"] for p in st])
        names = list(D.story_measures(sketches[st[0]["a"]], sketches[st[0]["b"]]))
        weights = {**dict(zip(names, w, strict=False)), "bias": w[-1]}
        out = HERE.parent / "arnews_cli" / "data" / "dedup_story.json"

        def write(cut: float) -> None:
            doc = {
                "_about": "dedup --by story: logistic weights over story_measures(), and the "
                "cut on its probability, fitted on the tune split of benchmarks/data/dedup "
                "(publication dates as the crawl recorded them) by "
                "`python benchmarks/dedup.py quality --fit`.",
                "weights": {k: round(v, 4) for k, v in weights.items()},
                "cut": cut,
            }
            out.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n")
            D._story_weights.cache_clear()

        def tune_mcc(cut: float) -> float:
            write(cut)
            pred = [
                pair_decision(sketches.get, p["a"], p["b"], D.DEFAULT_THRESHOLD, "story")
                is not None
                for p in st
            ]
            return scores(pred, [p["same_story"] for p in st])["MCC"]

        # The cut with the best tune MCC averaged over its neighbours (+-0.04): a lone
        # peak of the curve is luck of the sample, a plateau is not.
        grid = [c / 100 for c in range(30, 91)]
        curve = [tune_mcc(c) for c in grid]

        def smoothed(i: int) -> float:
            near = curve[max(0, i - 4) : i + 5]
            return sum(near) / len(near)

        cut = grid[max(range(len(grid)), key=smoothed)]
        write(cut)
        print("story weights:", {k: round(v, 3) for k, v in weights.items()}, "cut", cut)

    for name in ("tune", "heldout"):
        print(f"\n== {name} split")
        ps = split(name, "near_duplicate")
        gold = [p["near_duplicate"] for p in ps]
        print(" near_duplicate")
        print(
            row(
                "exact hash (baseline)",
                scores([sketches[p["a"]].key == sketches[p["b"]].key for p in ps], gold),
            )
        )
        print(
            row(
                f"exact jaccard5 >= {best_j:.2f} (baseline)",
                scores([jaccard5(p["a"], p["b"]) >= best_j for p in ps], gold),
            )
        )
        print(
            row(
                f"dedup text, threshold {D.DEFAULT_THRESHOLD}",
                scores(text_pred(ps, D.DEFAULT_THRESHOLD), gold),
            )
        )
        ps = split(name, "same_story")
        gold = [p["same_story"] for p in ps]
        print(" same_story")
        for t in (0.2, 0.3):
            pred = [jaccard5(p["a"], p["b"]) >= t for p in ps]
            print(row(f"exact jaccard5 >= {t} (baseline)", scores(pred, gold)))
        pred = text_pred(ps, D.DEFAULT_THRESHOLD)
        print(row(f"dedup text, threshold {D.DEFAULT_THRESHOLD}", scores(pred, gold)))
        for dates in (True, False):
            pred = [
                pair_decision(sketches.get, p["a"], p["b"], D.DEFAULT_THRESHOLD, "story", dates)
                is not None
                for p in ps
            ]
            what = "with" if dates else "without"
            print(row(f"dedup --by story, {what} dates", scores(pred, gold)))


# -- recall against exact Jaccard -------------------------------------------------


def recall(limit: int | None, thresholds: list[float]) -> None:
    """Of all pairs of the bulk corpus at exact 5-shingle Jaccard >= t, the share the
    index finds: a candidate in some LSH band and an estimate >= t. Exact pairs are
    found by prefix filtering (a pair at >= t shares a shingle among the first
    |A| - ceil(t|A|) + 1 of each set in a global order), then verified exactly."""
    texts = [(r["id"], r["text"]) for r in bulk(limit=limit)]
    sets = [set(D.shingles(D.joined_words(t))) for _, t in texts]
    sigs = [D.sketch(t).sig for _, t in texts]
    freq: dict[str, int] = {}
    for s in sets:
        for g in s:
            freq[g] = freq.get(g, 0) + 1
    for t in thresholds:
        postings: dict[str, list[int]] = {}
        true_pairs = set()
        for i, s in enumerate(sets):
            order = sorted(s, key=lambda g: (freq[g], g))
            prefix = order[: len(order) - math.ceil(t * len(order)) + 1]
            cands = {j for g in prefix for j in postings.get(g, ())}
            for j in cands:
                other = sets[j]
                if len(s & other) / len(s | other) >= t:
                    true_pairs.add((j, i))
            for g in prefix:
                postings.setdefault(g, []).append(i)
        bands, rows = D.bands_for(t)
        index = D.Index(t)
        found = 0
        for i, sig in enumerate(sigs):
            index.add(str(i), D.Sketch(b"%d" % i, sig))
        for j, i in true_pairs:
            cands = index._candidates(index.tables, sigs[i], rows)
            if j in cands and D.similarity(sigs[i], sigs[j]) >= t:
                found += 1
        n = len(true_pairs)
        print(
            f"threshold {t:.2f}: {n} pairs at exact Jaccard >= t among {len(texts)} articles; "
            f"LSH ({bands} bands x {rows} rows) + estimate >= t finds {found} "
            f"({found / max(1, n):.1%}); candidate stage alone: "
            f"{sum(1 for j, i in true_pairs if j in index._candidates(index.tables, sigs[i], rows)) / max(1, n):.1%}"
        )


# -- speed and memory -------------------------------------------------------------


def speed(limit: int) -> None:
    records = [{"source": "-", "encoding": "utf-8", **r} for r in bulk(limit=limit)]
    mb = sum(len(r["text"].encode()) for r in records) / 1e6

    def timed(fn) -> float:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0

    base = timed(lambda: [orjson.loads(orjson.dumps(r)) for r in records])
    text = timed(lambda: list(D.dedup(records, D.DedupOptions())))
    story = timed(lambda: list(D.dedup(records, D.DedupOptions(by="story"))))
    pipe = timed(
        lambda: [
            api.extract_metadata(api.segment(api.strip_boilerplate(api.clean(r)))) for r in records
        ]
    )
    n = len(records)
    print(f"{n} articles, {mb:.1f} MB")
    for name, s in (
        ("JSON round trip (baseline)", base),
        ("dedup (text)", text),
        ("dedup --by story", story),
        ("pipeline, 4 steps (baseline)", pipe),
    ):
        print(
            f"  {name:<30} {n / s:8.0f} articles/s {mb / s:6.1f} MB/s  {s / pipe:.2f}x the pipeline's time"
        )
    for by in ("text", "story"):
        index = D.Index(by=by)
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for r in records:
            index.add(r["id"], D.sketch(r["text"], by == "story"))
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        print(f"  index memory, {by} mode: {(after - before) / n:,.0f} bytes per kept article")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="what", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--fit", action="store_true")
    r = sub.add_parser("recall")
    r.add_argument("--limit", type=int, default=None)
    r.add_argument("--thresholds", default="0.5,0.8")
    s = sub.add_parser("speed")
    s.add_argument("limit", type=int, nargs="?", default=3000)
    args = ap.parse_args()
    if not BULK.exists():
        sys.exit(f"needs the shared corpus at {BULK}")
    if args.what == "quality":
        quality(args.fit)
    elif args.what == "recall":
        recall(args.limit, [float(t) for t in args.thresholds.split(",")])
    else:
        speed(args.limit)


if __name__ == "__main__":
    main()
