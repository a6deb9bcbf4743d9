"""Lexical baselines on the labelled pairs (stdlib only).

    python benchmarks/data/dedup/baselines.py [--split heldout|tune|all] [CORPUS]

For both labels (near_duplicate, same_story), pairs labelled "unsure" on that label left out,
prints precision, recall, F1 and Matthews correlation of
  (a) exact hash equality of the normalized text (diacritics and tatweel removed, lowercased,
      words joined by one space: the normalization of build.py), and
  (b) exact 5-word-shingle Jaccard >= t for a few t (the stored jaccard5, computed by build.py).
These are the figures `arnews dedup` must beat; report yours on the held-out split only.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build import CORPUS, words  # noqa: E402

THRESHOLDS = (0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9)
LABELS = ("near_duplicate", "same_story")


def scores(gold: list[bool], pred: list[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    tn = len(gold) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    denom = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    mcc = (tp * tn - fp * fn) / denom if denom else 0.0
    return {"n": len(gold), "pos": tp + fn, "P": precision, "R": recall, "F1": f1, "MCC": mcc}


def load_texthash(path: Path, wanted: set[str]) -> dict[str, str]:
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["id"] in wanted:
                out[rec["id"]] = hashlib.sha1(" ".join(words(rec["text"])).encode()).hexdigest()
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("heldout", "tune", "all"), default="heldout")
    ap.add_argument("--pairs", type=Path, default=HERE / "pairs.jsonl")
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    args = ap.parse_args(argv)

    pairs = [json.loads(line) for line in args.pairs.open(encoding="utf-8")]
    if args.split != "all":
        pairs = [p for p in pairs if p["split"] == args.split]
    th = load_texthash(args.corpus, {p["a"] for p in pairs} | {p["b"] for p in pairs})

    print(f"split={args.split}  pairs={len(pairs)}")
    print(f"{'label':15} {'baseline':18} {'n':>4} {'pos':>4} {'P':>6} {'R':>6} {'F1':>6} {'MCC':>6}")
    for label in LABELS:
        scored = [p for p in pairs if isinstance(p[label], bool)]
        gold = [p[label] for p in scored]
        rows = [("exact-hash", [th[p["a"]] == th[p["b"]] for p in scored])]
        rows += [(f"jaccard5>={t}", [p["jaccard5"] >= t for p in scored]) for t in THRESHOLDS]
        for name, pred in rows:
            s = scores(gold, pred)
            print(
                f"{label:15} {name:18} {s['n']:4d} {s['pos']:4d} "
                f"{s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f} {s['MCC']:6.3f}"
            )


if __name__ == "__main__":
    main()
