"""Pick real pages of the bulk corpus to label (the ``pages`` part of labelled.jsonl).

Run from the repository root: ``python benchmarks/data/boilerplate/sample_pages.py``.
Prints the chosen articles with numbered lines, to be labelled by reading (see
GUIDELINE.md); the labels go in ``pages.json`` (id -> chrome line numbers).

Per source (``snn/<site>``, ``ant/<site>``, ``almayadeen``), stage 1: two articles that
have short lines after their last sentence (where chrome sits, if anywhere) and one at
random; stage 2 (chrome was rare in stage 1): three more with such a tail, under 8,000
characters. ``held_out`` is a hash of the id, fixed before labelling.

Stage 3 (session 6: 30 held-out chrome lines were too few to measure 96 %): pages under
4,000 characters with at least two short lines besides the title (fewer than 8 words,
ending no sentence: where chrome can be, found without the step's rules), per source
the first 4 held-out and 2 dev ones of a shuffle; and, for the four sites whose chrome
the issue names (BBC, CNN, France24, Al Mayadeen), 2 held-out and 1 dev page at random
under 4,000 characters. Held-out pages are picked by the fixed hash, not by content.
Stage 4 (session 6, labelled after that session's rules): 2 held-out and 1 dev page
at random under 4,000 characters from each of those four sites.
Stage 5 (session 7: the held-out misses were not the families the dev pages showed):
as stage 3, per source the first held-out and 2 dev pages of a new shuffle, labelled by
reading the raw pages before the step was run on them.
Stage 6 (session 8): as stage 5, per source the first held-out and the first dev page of
a new shuffle, leaving out the held-out-hash pages listed in ``seen_s8.txt`` (their
output had been read); labelled from the raw text before the step ran on them.
Stage 7 (session 8: the held-out misses are on pages of stages 3-4, whose dev pages the
rules get right): as stage 4, per named site 2 held-out and 3 dev pages at random under
4,000 characters, leaving out the pages of ``seen_s8.txt`` and ``seen_s8_stage7.txt``;
labelled from the raw text before the step ran on them.
Stage 8 (session 8, to measure held-out chrome on more pages): held-out pages only, as
stage 3, per source the first 4 held-out pages of a new shuffle with two short lines or
more, and for each named site 4 more held-out pages at random under 4,000 characters, leaving
out the pages of ``seen_s8.txt`` and ``seen_s8_stage7.txt``; labelled from the raw text
before the step ran on them.
Stage 9 (session 9, dev pages for the rule writers and more held-out chrome): as stage 3
with a new shuffle, per source the first 2 held-out and 2 dev pages with two short lines or
more, and for each named site 3 held-out and 3 dev pages more at random under 4,000
characters, leaving out every page drawn before and the pages of ``seen_s8*.txt``; labelled
from the raw text in two rounds (held-out, then dev), each committed before the step ran.
Stage 10 (session 9, more of the same): as stage 9 with a new shuffle (seed 1612) among
pages under 6,000 characters (the 4,000 of stages 3-9 left some sources without pages):
per source the first 2 held-out and 2 dev pages with two short lines or more, and for each
named site 3 held-out and 3 dev pages more at random, leaving out every page drawn before
and the pages of ``seen_s8*.txt``; labelled from the raw text in two rounds (held-out, then
dev), each committed before the step ran.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import defaultdict
from hashlib import blake2b
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BULK = ROOT.parent / "shared" / "corpus" / "bulk" / "news-20k.jsonl.gz"
_END = re.compile(r"[.!؟?…\"»”)]\s*$")
_STAGE3_END = re.compile(r"[.!؟?…\"»”):]\s*$")
# Held-out-hash pages whose strip-boilerplate output session 8 read while checking its
# rules on the bulk corpus (before stage 6 was drawn): not blind, so never sampled.
SEEN = Path(__file__).resolve().parent / "seen_s8.txt"
# ... and those read after stage 6 was drawn, before stage 7.
SEEN7 = Path(__file__).resolve().parent / "seen_s8_stage7.txt"
_NAMED_SITES = ("ant/BBC", "ant/CNN", "ant/France24", "almayadeen")


def source(rec_id: str) -> str:
    parts = rec_id.split("/")
    return parts[0] if parts[0] == "almayadeen" else "/".join(parts[:2])


def held_out(rec_id: str) -> bool:
    return blake2b(rec_id.encode(), digest_size=8).digest()[0] % 2 == 1


def has_tail(text: str) -> bool:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    ends = [i for i, ln in enumerate(lines) if len(ln.split()) >= 8 and _END.search(ln)]
    return bool(ends) and any(len(ln.split()) <= 20 for ln in lines[ends[-1] + 1 :])


def short_lines(text: str) -> int:
    """Lines besides the first of fewer than 8 words that end no sentence."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return sum(1 for ln in lines[1:] if len(ln.split()) < 8 and not _STAGE3_END.search(ln))


def _split_take(recs: list[dict], n_held: int, n_dev: int) -> list[dict]:
    held = [r for r in recs if held_out(r["id"])][:n_held]
    dev = [r for r in recs if not held_out(r["id"])][:n_dev]
    return [r for r in recs if r in held or r in dev]


def _small(
    recs: list[dict],
    taken: set[str],
    seen: set[str] | frozenset[str] = frozenset(),
    limit: int = 4000,
) -> list[dict]:
    """The pages of ``recs`` under ``limit`` characters not drawn before (``taken``) and
    whose output was not read (``seen``), in order."""
    return [
        r for r in recs if len(r["text"]) < limit and r["id"] not in taken and r["id"] not in seen
    ]


def _stage(
    by_source: dict[str, list[dict]],
    taken: set[str],
    seen: set[str],
    seed: int,
    stage: int,
    short: tuple[int, int],
    named: tuple[int, int],
    limit: int = 4000,
) -> list[dict]:
    """One stage drawn as stages 8-10 are: per source, ``short`` (held-out, dev) pages of
    a new shuffle with two short lines or more; for the four named sites, ``named`` more
    at random; all under ``limit`` characters, neither ``taken`` nor ``seen``."""
    rng = random.Random(seed)
    chosen: list[dict] = []
    for src in sorted(by_source):
        small = _small(by_source[src], taken, seen, limit=limit)
        rng.shuffle(small)
        picks = _split_take([r for r in small if short_lines(r["text"]) >= 2], *short)
        if src in _NAMED_SITES:
            rest = [r for r in small if r not in picks]
            picks += _split_take(rest, *named)
        chosen += [dict(r, stage=stage) for r in picks]
    return chosen


def sample() -> list[dict]:
    rng = random.Random(16)
    by_source: dict[str, list[dict]] = defaultdict(list)
    with gzip.open(BULK, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if len(rec["text"]) < 20_000:
                by_source[source(rec["id"])].append(rec)
    chosen = []
    for src in sorted(by_source):
        recs = by_source[src]
        tails = [r for r in recs if has_tail(r["text"])]
        picks = rng.sample(tails, min(2, len(tails)))
        rest = [r for r in recs if r not in picks]
        picks += rng.sample(rest, 1)
        chosen += picks
    for r in chosen:
        r["stage"] = 1
    taken = {r["id"] for r in chosen}
    rng = random.Random(162)
    for src in sorted(by_source):
        recs = [
            r
            for r in by_source[src]
            if len(r["text"]) < 8000 and r["id"] not in taken and has_tail(r["text"])
        ]
        chosen += [dict(r, stage=2) for r in rng.sample(recs, min(3, len(recs)))]
    taken = {r["id"] for r in chosen}
    rng = random.Random(1605)
    for src in sorted(by_source):
        small = _small(by_source[src], taken)
        rng.shuffle(small)
        picks = _split_take([r for r in small if short_lines(r["text"]) >= 2], 4, 2)
        if src in _NAMED_SITES:
            rest = [r for r in small if r not in picks]
            picks += _split_take(rest, 2, 1)
        chosen += [dict(r, stage=3) for r in picks]
    taken = {r["id"] for r in chosen}
    rng = random.Random(1606)
    for src in _NAMED_SITES:
        small = _small(by_source[src], taken)
        rng.shuffle(small)
        chosen += [dict(r, stage=4) for r in _split_take(small, 2, 1)]
    taken = {r["id"] for r in chosen}
    rng = random.Random(1607)
    for src in sorted(by_source):
        small = _small(by_source[src], taken)
        rng.shuffle(small)
        picks = _split_take([r for r in small if short_lines(r["text"]) >= 2], 1, 2)
        chosen += [dict(r, stage=5) for r in picks]
    taken = {r["id"] for r in chosen}
    seen = set(SEEN.read_text(encoding="utf-8").split())
    rng = random.Random(1608)
    for src in sorted(by_source):
        small = _small(by_source[src], taken, seen)
        rng.shuffle(small)
        picks = _split_take([r for r in small if short_lines(r["text"]) >= 2], 1, 1)
        chosen += [dict(r, stage=6) for r in picks]
    taken = {r["id"] for r in chosen}
    seen |= set(SEEN7.read_text(encoding="utf-8").split())
    rng = random.Random(1609)
    for src in _NAMED_SITES:
        small = _small(by_source[src], taken, seen)
        rng.shuffle(small)
        chosen += [dict(r, stage=7) for r in _split_take(small, 2, 3)]
    taken = {r["id"] for r in chosen}
    chosen += _stage(by_source, taken, seen, 1610, 8, short=(4, 0), named=(4, 0))
    taken = {r["id"] for r in chosen}
    chosen += _stage(by_source, taken, seen, 1611, 9, short=(2, 2), named=(3, 3))
    taken = {r["id"] for r in chosen}
    chosen += _stage(by_source, taken, seen, 1612, 10, short=(2, 2), named=(3, 3), limit=6000)
    return chosen


if __name__ == "__main__":
    for rec in sample():
        print(f"### {rec['id']} held_out={held_out(rec['id'])}")
        for n, ln in enumerate(rec["text"].split("\n"), 1):
            print(f"{n:3} {ln[:160]}")
