"""A summary of many articles in memory that does not grow with their number.

Every count is either a plain number, a counter over a small closed set (encodings,
removed-line reasons, months, length buckets), or a top-k counter of fixed capacity
(locations, agencies, authors, categories: the Space-Saving algorithm, whose counts
are exact for any name that stays in it and over-estimate by at most the smallest
count otherwise). Repeated ids are counted with a Bloom filter of fixed size, so a
few may be over-counted (about 1% false positives at 10 million ids)::

    >>> s = Summary()
    >>> for i, text in enumerate(["نص عربي قصير", "Short English text", "نص عربي قصير"]):
    ...     s.add({"id": "a" if i < 2 else "b", "encoding": "utf-8", "text": text})
    >>> r = s.result()
    >>> r["articles"], r["encodings"], r["repeated_ids"]
    (3, {'utf-8': 3}, 1)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

#: Names kept per top-k counter; the summary shows the first TOP of them.
CAPACITY = 1000
TOP = 10
#: Word-count buckets of the length distribution (upper bounds; the last is open).
BUCKETS = (50, 100, 200, 400, 800, 1600, 3200)


class TopK:
    """The most frequent names of a stream in fixed memory (Space-Saving)."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self.counts: dict[str, int] = {}

    def add(self, name: str) -> None:
        counts = self.counts
        if name in counts:
            counts[name] += 1
        elif len(counts) < self.capacity:
            counts[name] = 1
        else:
            # Replace the smallest: the newcomer inherits its count (an upper bound).
            low = min(counts, key=counts.__getitem__)
            counts[name] = counts.pop(low) + 1

    def top(self, n: int = TOP) -> list[tuple[str, int]]:
        return sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


class Bloom:
    """Set membership in a fixed 16 MiB: ~1% false positives at 10 million keys."""

    BITS = 1 << 27
    HASHES = 7

    def __init__(self) -> None:
        self.bits = bytearray(self.BITS // 8)

    def add(self, key: str) -> bool:
        """Add ``key``; whether it was (probably) there already."""
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        h1 = int.from_bytes(digest[:8], "little")
        h2 = int.from_bytes(digest[8:], "little") | 1
        seen = True
        for i in range(self.HASHES):
            bit = (h1 + i * h2) % self.BITS
            byte, mask = bit >> 3, 1 << (bit & 7)
            if not self.bits[byte] & mask:
                seen = False
                self.bits[byte] |= mask
        return seen


class Summary:
    """What :func:`Summary.result` reports over every record given to :meth:`add`."""

    def __init__(self) -> None:
        self.articles = 0
        self.characters = 0
        self.words = 0
        self.letters = 0.0  # Arabic share of letters, weighted by characters
        self.encodings: Counter[str] = Counter()
        self.lengths: Counter[str] = Counter()
        self.months: Counter[str] = Counter()
        self.removed: Counter[str] = Counter()
        self.tops = {k: TopK() for k in ("locations", "agencies", "authors", "categories")}
        self.with_date = 0
        self.duplicates: Counter[str] = Counter()
        self.ids = Bloom()
        self.repeated_ids = 0

    def add(self, rec: dict[str, Any]) -> None:
        from arnews_cli.steps.metadata import stats as text_stats

        self.articles += 1
        text = rec.get("text") if isinstance(rec.get("text"), str) else ""
        meta = rec.get("metadata") if isinstance(rec.get("metadata"), dict) else {}
        counts = meta.get("stats") if isinstance(meta.get("stats"), dict) else None
        if counts is None or not {"characters", "words", "arabic_share"} <= counts.keys():
            counts = text_stats(text)
        self.characters += counts["characters"]
        self.words += counts["words"]
        self.letters += counts["arabic_share"] * counts["characters"]
        self.lengths[_bucket(counts["words"])] += 1
        self.encodings[str(rec.get("encoding", "?"))] += 1
        date = meta.get("date")
        if isinstance(date, str) and len(date) >= 7:
            self.months[date[:7]] += 1
            self.with_date += 1
        for key, field in (
            ("locations", "location"),
            ("authors", "author"),
            ("categories", "category"),
        ):
            if isinstance(meta.get(field), str):
                self.tops[key].add(meta[field])
        for agency in meta.get("agencies") or ():
            if isinstance(agency, str):
                self.tops["agencies"].add(agency)
        for r in rec.get("removed") or ():
            if isinstance(r, dict):
                self.removed[str(r.get("reason", "?"))] += 1
        dup = rec.get("duplicate")
        if isinstance(dup, dict):
            self.duplicates[str(dup.get("kind", "?"))] += 1
        if isinstance(rec.get("id"), str) and self.ids.add(rec["id"]):
            self.repeated_ids += 1

    def result(self, failures: int = 0, input_bytes: int | None = None) -> dict[str, Any]:
        n = self.articles
        return {
            "articles": n,
            "failures": failures,
            "input_bytes": input_bytes,
            "characters": self.characters,
            "words": self.words,
            "arabic_share": round(self.letters / self.characters, 3) if self.characters else 0.0,
            "encodings": dict(self.encodings.most_common()),
            "words_per_article": {b: self.lengths[b] for b in _bucket_names() if self.lengths[b]},
            "mean_words": round(self.words / n, 1) if n else 0.0,
            "dates_by_month": dict(sorted(self.months.items())),
            "with_date": self.with_date,
            **{k: dict(t.top()) for k, t in self.tops.items()},
            "removed_by_reason": dict(self.removed.most_common()),
            "duplicates": dict(self.duplicates.most_common()),
            # Of the articles read, the share marked as repeats (arnews dedup --mark).
            "duplicate_share": round(sum(self.duplicates.values()) / n, 4) if n else 0.0,
            "repeated_ids": self.repeated_ids,
        }


def _bucket_names() -> list[str]:
    lows = (0, *BUCKETS)
    return [f"{lo}-{hi - 1}" for lo, hi in zip(lows, BUCKETS, strict=False)] + [f"{BUCKETS[-1]}+"]


def _bucket(words: int) -> str:
    lo = 0
    for hi in BUCKETS:
        if words < hi:
            return f"{lo}-{hi - 1}"
        lo = hi
    return f"{BUCKETS[-1]}+"
