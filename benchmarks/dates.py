"""Benchmark of metadata.dates, date/date_source and the weekday of the news (issue 16.1-3),
beside the previous release on the same text.

    python benchmarks/dates.py [--old 82eae44]

Labelled by reading (guideline: ``benchmarks/data/dates/GUIDELINE.md``):

1. ``forms.jsonl``: hand cases of every date form of CONTRACT §5.4; a case counts when
   exactly its dates are found with the right ISO date (and Hijri date as written).
2. ``mentions.jsonl``: 70 real paragraphs of the bulk corpus that name a month (random,
   seeded), every calendar day in them labelled; ``dev`` half tuned on, ``heldout`` half
   never. A label is found when a given date overlaps its words with the same month-day
   (and year, when the label has one); precision is over the dates given on those lines.
3. ``articles.jsonl``: 36 bulk articles whose first lines name a weekday or a date: the
   publication date and its source, and the weekday of the news in the dateline or lede.
4. The bulk corpus: how many records get a publication date, by source.

The previous release (``--old``, default 82eae44, the commit before this work) has no
``dates``: its date reader (``find_dates``, full dates only) stands for it on 1-2.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data" / "dates"
BULK = ROOT.parent / "shared" / "corpus" / "bulk" / "news-20k.jsonl.gz"

# Run inside the old tree: for each input line {"text", "ref"} print its dates and, for
# articles, the old extract-metadata's date and weekday.
_OLD = r"""
import json, sys
from arnews_cli.steps.dates import find_dates
from arnews_cli.steps.metadata import extract
for line in sys.stdin:
    job = json.loads(line)
    out = {"dates": [{"text": d.text, "start": d.start, "end": d.end, "date": d.iso,
                      "hijri": None} for d in find_dates(job["text"])]}
    if job.get("article"):
        _, meta = extract(job["text"])
        out["date"], out["weekday"] = meta["date"], meta["weekday"]
        out["date_source"] = None
    print(json.dumps(out, ensure_ascii=False))
"""


def _jsonl(name: str) -> list[dict]:
    return [json.loads(x) for x in (DATA / name).read_text("utf-8").splitlines() if x.strip()]


def old_results(commit: str, jobs: list[dict]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "arnews_cli"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        res = subprocess.run(
            [sys.executable, "-c", _OLD],
            input="\n".join(json.dumps(j, ensure_ascii=False) for j in jobs).encode(),
            capture_output=True,
            check=True,
            env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"},
            cwd=tmp,  # ``-c`` puts the working directory first on sys.path
        )
    return [json.loads(x) for x in res.stdout.decode().splitlines()]


def new_results(jobs: list[dict]) -> list[dict]:
    from arnews_cli.steps.dates import mentions
    from arnews_cli.steps.metadata import extract

    out = []
    for job in jobs:
        row: dict = {"dates": mentions(job["text"], job.get("ref"))}
        if job.get("article"):
            _, meta = extract(job["text"])
            row.update(date=meta["date"], weekday=meta["weekday"], date_source=meta["date_source"])
        out.append(row)
    return out


def forms(results: list[dict], cases: list[dict]) -> Counter:
    score: Counter = Counter()
    for case, got in zip(cases, results, strict=True):
        given = [[d["text"], d["date"], d["hijri"]] for d in got["dates"]]
        score[case["form"], "n"] += 1
        want = case["dates"]
        if all(d.get("hijri") is None for d in got["dates"]):
            # the old reader gives no Hijri date as written: compare what it gives
            want = [[t, d, None] for t, d, _ in want]
        score[case["form"], "ok"] += given == want
    return score


def mention_scores(results: list[dict], lines: list[dict], split: str) -> tuple[int, int, int, int]:
    gold = found = given = right = 0
    for line, got in zip(lines, results, strict=True):
        if line["split"] != split:
            continue
        dates = got["dates"]
        given += len(dates)
        text = line["text"]
        used: set[int] = set()
        for lab in line["dates"]:
            gold += 1
            a = text.find(lab["text"])
            b = a + len(lab["text"])
            for i, d in enumerate(dates):
                iso = d["date"] or ""
                if i in used or d["end"] <= a or d["start"] >= b:
                    continue
                if d["date"] is None and lab["year"] is None:
                    ok = True  # a day without a year, nothing to date it by
                else:
                    ok = iso[5:10] == lab["month_day"] and (
                        lab["year"] is None or iso[:4] == str(lab["year"])
                    )
                if ok:
                    used.add(i)
                    found += 1
                    break
        right += len(used)
    return gold, found, given, right


def article_texts(ids: set[str]) -> dict[str, str]:
    out = {}
    with gzip.open(BULK, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["id"] in ids:
                out[rec["id"]] = rec["text"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", default="82eae44")
    args = ap.parse_args()
    cases = _jsonl("forms.jsonl")
    lines = _jsonl("mentions.jsonl")
    arts = _jsonl("articles.jsonl")
    texts = article_texts({a["id"] for a in arts})
    jobs = (
        [{"text": c["text"], "ref": c.get("ref")} for c in cases]
        + [{"text": x["text"]} for x in lines]
        + [{"text": texts[a["id"]], "article": True} for a in arts]
    )
    runs = {"new": new_results(jobs), args.old: old_results(args.old, jobs)}
    n1, n2 = len(cases), len(cases) + len(lines)

    print("1. Date forms (hand cases): cases right / cases")
    fs = {k: forms(v[:n1], cases) for k, v in runs.items()}
    print(f"   {'form':14} " + " ".join(f"{k:>10}" for k in runs))
    for form in dict.fromkeys(c["form"] for c in cases):
        cells = " ".join(f"{fs[k][form, 'ok']:>4}/{fs[k][form, 'n']:<5}" for k in runs)
        print(f"   {form:14} {cells}")
    tot = " ".join(
        f"{sum(v for (f, m), v in fs[k].items() if m == 'ok'):>4}/{len(cases):<5}" for k in runs
    )
    print(f"   {'all':14} {tot}")

    print(
        "\n2. Date mentions in real paragraphs (recall = found/labelled, precision = right/given)"
    )
    for split in ("dev", "heldout"):
        for k, v in runs.items():
            gold, found, given, right = mention_scores(v[n1:n2], lines, split)
            print(
                f"   {split:8} {k:8} recall {found}/{gold} = {found / max(gold, 1):.3f}   "
                f"precision {right}/{given} = {right / max(given, 1):.3f}"
            )

    print("\n3. Publication date (date and source) and weekday of the news, per article")
    for split in ("dev", "heldout"):
        for k, v in runs.items():
            rows = [(a, r) for a, r in zip(arts, v[n2:], strict=True) if a["split"] == split]
            date_ok = sum(a["date"] == r["date"] for a, r in rows)
            src_ok = sum(
                a["date"] == r["date"] and a["date_source"] == r["date_source"] for a, r in rows
            )
            wd_ok = sum(a["weekday"] == r["weekday"] for a, r in rows)
            wd_gold = sum(a["weekday"] is not None for a, r in rows)
            wd_found = sum(
                a["weekday"] is not None and a["weekday"] == r["weekday"] for a, r in rows
            )
            wd_given = sum(r["weekday"] is not None for a, r in rows)
            print(
                f"   {split:8} {k:8} date {date_ok}/{len(rows)}  date+source {src_ok}/{len(rows)}  "
                f"weekday right {wd_ok}/{len(rows)} (found {wd_found}/{wd_gold}, "
                f"wrong {wd_given - wd_found} of {wd_given} given)"
            )


if __name__ == "__main__":
    main()
