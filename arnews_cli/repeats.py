"""strip-boilerplate over a collection: lines that recur in many articles (``--min-repeat``).

As CCNet does for web text, a line (compared as :func:`~arnews_cli.steps.boilerplate.line_key`,
digits and spaces folded) that occurs in ``min_repeat`` or more articles of the collection
is the site's, not the article's. Two things keep this from taking real sentences:

- duplicate articles are counted once: an article whose whole text, or two or more
  of whose long lines (a third of them at least), were seen before is a copy (the
  corpora hold exact duplicates and the same agency story under several titles), and
  its lines are not counted;
- a long line that reads as a sentence needs three times as many articles.

A line that is the title of another article of the collection (seen so far, among the
last quarter-million titles) is a link to that article: a related headline the site set
between paragraphs or after the article (``title-in-collection``); the step takes it
only once the body has begun and only from four words up.

Memory stays bounded whatever the number of articles: counts live in a fixed-size
count-min sketch (saturating bytes, conservative update; made once ``min_repeat``
articles were counted, as no line can be repeated before), what was seen in a fixed-size
Bloom filter, and the articles held back wait in memory up to 64 MiB of text, beyond
that in temporary files that are dropped once read, so the disk holds about one
window too. Output flows: at most ``window``
articles are held back; each is stripped with the counts of everything read so far
(for a collection no larger than the window, that is the whole of it). Lines are
hashed with BLAKE2b, not Python's per-process ``hash``, so the same input gives the
same output on every run.

>>> towns = "دمشق حلب حمص حماة اللاذقية طرطوس درعا إدلب الرقة دير الزور".split()
>>> recs = [{"id": t, "source": "-", "encoding": "utf-8",
...          "text": f"أخبار {t}\\n\\nجرى اليوم في {t} حدث.\\nتابعوا موقعنا الجميل"}
...         for t in towns]
>>> from arnews_cli.api import strip_boilerplate
>>> out = list(strip_collection(recs, min_repeat=10, strip=strip_boilerplate))
>>> out[0]["text"], out[0]["removed"][0]["reason"]
('أخبار دمشق\\n\\nجرى اليوم في دمشق حدث.', 'repeated-in-collection')
"""

from __future__ import annotations

import mmap
import pickle
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from hashlib import blake2b
from typing import IO, Any

from arnews_cli.record import Record
from arnews_cli.steps.boilerplate import _headline_like, distinct_lines, line_key

#: Articles a line must occur in to be taken as the site's (0 disables the rule). Chosen
#: on the 20k-article bulk corpus: at 10 the lines taken are app notices, rules, SMS
#: footers, agency trailers, bylines and "Next Previous"; from 5 to 9 real content
#: appears (a king's letters' formulas, series headers, agency sentences reused).
DEFAULT_MIN_REPEAT = 10
#: Articles held back at most before the first is written.
DEFAULT_WINDOW = 2000
#: Key length from which a line counts as long (duplicate detection, sentence guard).
LONG_LINE = 60
#: A long sentence-like line needs this many times ``min_repeat`` articles.
SENTENCE_FACTOR = 3

_SENTENCE_END = frozenset('.!؟?…"»”')

#: Sketch: 4 rows of 2**22 byte counters (16 MiB); Bloom filter: 2**23 bits, 3 probes.
_DEPTH, _WIDTH_BITS = 4, 22
_BLOOM_BITS, _BLOOM_K = 23, 3
#: Titles: two generations of 2**25 bits (4 MiB each), 7 probes, 250,000 titles each.
#: A wrong "seen" takes a body line; at a full generation it is about 1 in 10**9 lines.
_TITLE_BITS, _TITLE_K, TITLES_KEPT = 25, 7, 250_000
#: Titles held in a plain set before the filters are made.
FEW_TITLES = 64
#: A first line longer than this is not a title another page could link to.
MAX_TITLE_CHARS = 1000


#: What the collection pass keeps of an article it holds back: its lines' digests
#: (sorted) and its title's (``None``: no title another article could link to).
Seen = tuple[list[int], int | None]


def _digest(key: str) -> int:
    """256 stable bits for ``key``: the sketch reads the low 88, the Bloom filter bits 128+."""
    raw = key.encode("utf-8", "surrogatepass")
    return int.from_bytes(blake2b(raw, digest_size=32).digest(), "little")


def _zeroed(size: int) -> mmap.mmap:
    """``size`` zero bytes, indexed and assigned like a bytearray.

    An anonymous map is zero pages the system hands out as they are first touched;
    ``bytearray(size)`` writes all of them at once, 7 ms of every start for the 17 MiB
    of counters, and a one-article run touches a few pages of them.
    """
    return mmap.mmap(-1, size)


def _slots(h: int, bits: int, count: int) -> list[int]:
    """``count`` slot numbers of ``bits`` bits each, from the low bits of ``h`` up."""
    mask = (1 << bits) - 1
    return [(h >> (bits * k)) & mask for k in range(count)]


class CountSketch:
    """Count-min sketch of small counts (bytes, saturating at 255), conservative update."""

    def __init__(self) -> None:
        self.rows = [_zeroed(1 << _WIDTH_BITS) for _ in range(_DEPTH)]

    def add(self, h: int) -> None:
        slots = _slots(h, _WIDTH_BITS, _DEPTH)
        new = self._count(slots) + 1
        if new > 255:
            return
        # Conservative update: raise only the counters below the new minimum.
        for row, slot in zip(self.rows, slots, strict=True):
            if row[slot] < new:
                row[slot] = new

    def _count(self, slots: list[int]) -> int:
        return min(row[slot] for row, slot in zip(self.rows, slots, strict=True))

    def count(self, h: int) -> int:
        return self._count(_slots(h, _WIDTH_BITS, _DEPTH))


class Bloom:
    """A fixed-size set that may answer "seen" wrongly, never "unseen" wrongly: ``2**bits``
    bits, ``probes`` of them per digest, read from its bits ``shift`` and up."""

    def __init__(self, bits: int = _BLOOM_BITS, probes: int = _BLOOM_K, shift: int = 128) -> None:
        self.data = _zeroed(1 << (bits - 3))
        self.bits, self.probes, self.shift = bits, probes, shift

    def _slots(self, h: int) -> list[int]:
        return _slots(h >> self.shift, self.bits, self.probes)

    def __contains__(self, h: object) -> bool:
        if not isinstance(h, int):
            return False
        return all(self.data[b >> 3] & (1 << (b & 7)) for b in self._slots(h))

    def add(self, h: int) -> None:
        for b in self._slots(h):
            self.data[b >> 3] |= 1 << (b & 7)


class RecentTitles:
    """The titles of the last ``kept`` to ``2 * kept`` articles, as a set that may answer
    "seen" wrongly (rarely), never "unseen" wrongly: two Bloom filters, the older
    dropped when the newer is full, so memory stays fixed and the error rate low."""

    def __init__(self, kept: int = TITLES_KEPT) -> None:
        self.kept = kept
        # The first titles wait in a set, and the filters are made only past
        # FEW_TITLES: a run over one very large article (or a few) never holds their
        # 4 MiB (which the system backs with whole huge pages once a bit is set).
        self.few: set[int] | None = set()
        self.new: Bloom | None = None
        self.old: Bloom | None = None
        self.count = 0

    def add(self, h: int) -> None:
        if self.few is None:
            self._set(h)
            return
        self.few.add(h)
        if len(self.few) > FEW_TITLES:
            waiting, self.few = self.few, None
            for w in waiting:
                self._set(w)

    def _set(self, h: int) -> None:
        if self.new is None or self.count == self.kept:
            self.new, self.old, self.count = Bloom(_TITLE_BITS, _TITLE_K, shift=0), self.new, 0
        self.new.add(h)
        self.count += 1

    def __contains__(self, h: object) -> bool:
        if self.few is not None:
            return h in self.few
        return any(f is not None and h in f for f in (self.new, self.old))


def title_digest(text: str) -> int | None:
    """The digest of the article's title (its first non-blank line) as another article
    could link to it, or ``None`` when that line cannot be a link (a sentence, or not
    headline-shaped)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_TITLE_CHARS:
            return None  # a paragraph (and a very large article is not copied for it)
        line = text[start:end].strip()
        if line:
            key = line_key(line)
            return _digest(key) if _headline_like(key) else None
        start = end + 1
    return None


def line_digests(text: str) -> tuple[list[int], list[int], int | None, int | None]:
    """What the collection pass needs of an article: the digests of its distinct
    non-blank line keys (sorted, so counts never depend on set order), those of its long
    lines, one of the whole (``None`` for an article with no text) and one of its title
    (:func:`title_digest`).

    A pure function of the text, so it can run in worker processes.
    """
    # Key by key, not a set of keys: a very large article is not held twice more (as its
    # keys, then as their joined text) beside the lines the step holds anyway.
    digests: set[int] = set()
    longs: set[int] = set()
    for key in map(line_key, distinct_lines(text)):
        if key:
            h = _digest(key)
            digests.add(h)
            if len(key) >= LONG_LINE:
                longs.add(h)
    if not digests:
        return [], [], None, None
    ordered = sorted(digests)
    return ordered, sorted(longs), _whole_digest(ordered), title_digest(text)


def _whole_digest(digests: list[int]) -> int:
    """A digest of the whole article, from its sorted line digests (the same set of keys
    gives the same digest whatever their order)."""
    joined = b"".join(h.to_bytes(32, "little") for h in digests)
    return int.from_bytes(blake2b(b"\x02" + joined, digest_size=32).digest(), "little")


class RepeatedLines:
    """The ``repeated`` container handed to the step: line keys seen in enough articles."""

    def __init__(self, min_repeat: int) -> None:
        if min_repeat == 1 or min_repeat < 0:
            raise ValueError("min_repeat must be 0 (off) or at least 2")
        self.min_repeat = min_repeat
        self.sketch: CountSketch | None = None  # made once min_repeat articles were counted
        self.waiting: list[list[int]] = []  # the digests counted before that
        self.seen = Bloom()
        self.titles = RecentTitles()

    def observe(self, text: str) -> Seen:
        """Count the lines of one article (not if it is a copy) and note its title.

        Returns its lines' digests and its title's, for :meth:`repeated_in` and
        :meth:`others_in` to rule the article out cheaply later.
        """
        return self.observe_digests(*line_digests(text))

    def observe_digests(
        self, digests: list[int], longs: list[int], whole: int | None, title: int | None
    ) -> Seen:
        """:meth:`observe` from :func:`line_digests` (computed elsewhere, say in a worker)."""
        if whole is None:
            return digests, title
        if title is not None:
            self.titles.add(title)
        seen = sum(h in self.seen for h in longs)
        copy = whole in self.seen or (seen >= 2 and seen * 3 >= len(longs))
        for h in (whole, *longs):
            self.seen.add(h)
        if not copy:
            self._count(digests)
        return digests, title

    def _count(self, digests: list[int]) -> None:
        """Count one article's lines. No line can be in ``min_repeat`` articles before
        that many were counted, so until then their digests wait and the sketch is not
        made: a run over fewer articles (one very large article, whose lines touch all
        16 MiB of counters) never holds it."""
        if self.sketch is None:
            self.waiting.append(digests)
            if len(self.waiting) < self.min_repeat:
                return
            self.sketch = CountSketch()
            digests = [h for waited in self.waiting for h in waited]  # in arrival order
            self.waiting.clear()
        for h in digests:
            self.sketch.add(h)

    def any_repeated(self, digests: list[int]) -> bool:
        """Whether a line with one of these digests may recur enough to be removed."""
        sketch = self.sketch
        return sketch is not None and any(sketch.count(h) >= self.min_repeat for h in digests)

    def any_other_title(self, seen: Seen) -> bool:
        """Whether a line of the article (:meth:`observe`'s ``seen``) may be the title of
        another article."""
        digests, own = seen
        titles = self.titles
        return any(h in titles for h in digests if h != own)

    def touched(self, seen: Seen) -> bool:
        """Whether the collection rules may remove a line of the article at all."""
        return self.any_repeated(seen[0]) or self.any_other_title(seen)

    def others_in(self, text: str, seen: Seen) -> frozenset[str]:
        """The keys of the lines of ``text`` that may be titles of other articles."""
        if not self.any_other_title(seen):
            return frozenset()
        own, titles = seen[1], self.titles
        keys = map(line_key, distinct_lines(text))
        return frozenset(k for k in keys if k and (h := _digest(k)) != own and h in titles)

    def _need(self, key: str) -> int:
        if len(key) >= LONG_LINE and key.count(" ") >= 11 and key[-1] in _SENTENCE_END:
            return self.min_repeat * SENTENCE_FACTOR
        return self.min_repeat

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str) or not key or self.sketch is None:
            return False
        return self.sketch.count(_digest(key)) >= self._need(key)

    def repeated_in(self, text: str, digests: list[int] | None = None) -> frozenset[str]:
        """The keys of the lines of ``text`` that recur in enough articles.

        Handing the step this small set, rather than the sketch, lets it skip the
        collection rule at once for the many articles (96% of the bulk corpus) that
        have no such line; with ``digests`` from :meth:`observe`, such an article is
        ruled out without computing its keys again.
        """
        if self.sketch is None or (digests is not None and not self.any_repeated(digests)):
            return frozenset()
        count = self.sketch.count
        keys = map(line_key, distinct_lines(text))
        return frozenset(k for k in keys if k and count(_digest(k)) >= self._need(k))


Strip = Callable[..., Record | None]


def _collection_facts(repeated: RepeatedLines, text: str, seen: Seen) -> dict[str, frozenset[str]]:
    """The step's collection arguments for one article (see :func:`strip_collection`)."""
    return {
        "repeated": repeated.repeated_in(text, seen[0]),
        "others": repeated.others_in(text, seen),
    }


class _Spool:
    """Records held back, in arrival order: in memory while they are small, else on disk.

    Up to ``memory`` characters of text wait in memory; beyond that records go to
    temporary files of ``per_file`` records, each closed (and so deleted) once every
    record in it was read back, so the disk too holds about one window, not the input.
    """

    def __init__(self, per_file: int, memory: int = 64 << 20) -> None:
        self.per_file = per_file
        self.memory = memory
        self.in_memory = 0
        # In arrival order: a record, or None for "the next record on disk".
        self.held: deque[Record | None] = deque()
        # [file, records written, records read, read offset]
        self.files: deque[list] = deque()
        # Line and title digests of the held records (an int a distinct line): small
        # beside them.
        self.digests: deque[Seen] = deque()
        self.sizes: deque[int] = deque()  # of the records held in memory

    @property
    def size(self) -> int:
        return len(self.held)

    def push(self, rec: Record, digests: Seen, chars: int | None = None) -> None:
        """Hold ``rec`` (a dict) of ``chars`` characters (its text's by default)."""
        self.digests.append(digests)
        if chars is None:
            chars = len(rec.get("text", ""))
        if self.in_memory + chars <= self.memory:
            self.in_memory += chars
            self.sizes.append(chars)
            self.held.append(rec)
            return
        if not self.files or self.files[-1][1] >= self.per_file:
            f: IO[bytes] = tempfile.TemporaryFile(prefix="arnews-spool-")
            self.files.append([f, 0, 0, 0])
        entry = self.files[-1]
        f = entry[0]
        f.seek(0, 2)
        # pickle, not JSON: a held item may carry a worker's Encoded result.
        pickle.dump(rec, f, protocol=pickle.HIGHEST_PROTOCOL)
        entry[1] += 1
        self.held.append(None)

    def pop(self) -> tuple[Record, Seen]:
        rec = self.held.popleft()
        if rec is not None:
            self.in_memory -= self.sizes.popleft()
            return rec, self.digests.popleft()
        entry = self.files[0]
        f = entry[0]
        f.seek(entry[3])
        rec = pickle.load(f)
        entry[3] = f.tell()
        entry[2] += 1
        if entry[2] == entry[1] and (len(self.files) > 1 or entry[1] >= self.per_file):
            f.close()
            self.files.popleft()
        return rec, self.digests.popleft()

    def close(self) -> None:
        for entry in self.files:
            entry[0].close()
        self.files.clear()


def strip_collection(
    records: Iterable[Record],
    min_repeat: int = DEFAULT_MIN_REPEAT,
    window: int = DEFAULT_WINDOW,
    *,
    strip: Strip,
) -> Iterator[Record]:
    """Yield each record stripped of boilerplate, in input order, as it becomes ready.

    With ``min_repeat`` 0 each record is stripped on its own as it comes. ``strip``
    is the per-record step (``api.strip_boilerplate``, or a guarded form of it); when
    it returns ``None`` (a record it reported as failed) nothing is yielded for it.
    """
    if min_repeat == 0:
        for rec in records:
            out = strip(rec)
            if out is not None:
                yield out
        return
    repeated = RepeatedLines(min_repeat)

    def observed(records: Iterable[Record]) -> Iterator[tuple[Record, Seen, int]]:
        for rec in records:
            text = rec.get("text", "")
            yield rec, repeated.observe(text), len(text)

    def finish(rec: Record, seen: Seen) -> Record | None:
        return strip(rec, **_collection_facts(repeated, rec.get("text", ""), seen))

    yield from _windowed(observed(records), window, finish)


def _windowed(
    held: Iterable[tuple[Any, Seen, int]],
    window: int,
    finish: Callable[[Any, Seen], Any],
) -> Iterator[Record]:
    """Hold ``window`` items back (each counted on arrival), then ``finish`` them in order."""
    spool = _Spool(per_file=max(window // 2, 1))
    window = max(1, window)
    try:
        for item, digests, chars in held:
            spool.push(item, digests, chars)
            if spool.size > window:
                out = finish(*spool.pop())
                if out is not None:
                    yield out
        # The last item read is in the spool (or already finished): drop this name for
        # it, or one very large article would be held twice while the steps after this
        # one run on its stripped copy.
        item = None
        while spool.size:
            out = finish(*spool.pop())
            if out is not None:
                yield out
    finally:
        spool.close()


def prestrip(
    rec: Record, strip: Callable[[Record], Record], after: Callable[[Record], Any] | None = None
) -> dict[str, Any]:
    """The per-article half of the collection pass, for a worker process: the record
    stripped with no collection rule, and the line digests :func:`strip_prestripped`
    needs to finish it.

    With ``after``, the steps that follow run on the stripped record here too, under the
    guess that the collection rule will not touch it, which holds for ~96% of the bulk
    corpus; its result (a record, or the error it reported) is ``"done"``. The record then
    crosses between processes once, not twice.
    """
    out = strip(rec)
    item = {"info": line_digests(rec.get("text", ""))}
    if after is None:
        item["out"] = out
    else:
        item["done"] = after(out)  # the stripped record itself is then not needed
    return item


def strip_prestripped(
    items: Iterable[tuple[Record, dict[str, Any]]],
    min_repeat: int = DEFAULT_MIN_REPEAT,
    window: int = DEFAULT_WINDOW,
    *,
    strip: Strip,
    after: Callable[[Record], Any] | None = None,
    before: Callable[[Record], Record | None] | None = None,
) -> Iterator[Any]:
    """:func:`strip_collection` over ``(record, prestrip(before(record)))`` pairs, in
    input order.

    Only the counting and the few articles that hold a recurring line are done here
    (in the parent process); the result is what :func:`strip_collection` gives. With
    ``after`` (the function :func:`prestrip` was given), what is yielded is ``after`` of
    each stripped record: taken from the worker's guess when the collection rule left
    the record alone, else run here on the record stripped again. ``before`` (the steps
    the worker ran first; ``None`` when it gives no record) runs here again only for
    those few, so that the worker need not send back the record it stripped.
    """
    repeated = RepeatedLines(min_repeat)

    def observed() -> Iterator[tuple[tuple[Record, dict[str, Any]], Seen, int]]:
        for rec, item in items:
            seen = repeated.observe_digests(*item.pop("info"))
            yield (rec, item), seen, 2 * len(rec.get("text", ""))

    def finish(pair: tuple[Record, dict[str, Any]], seen: Seen) -> Any:
        rec, item = pair
        if not repeated.touched(seen):
            return item["done"] if after is not None else item["out"]
        if before is not None:
            rec = before(rec)  # type: ignore[assignment]
            if rec is None:
                return None
        out = strip(rec, **_collection_facts(repeated, rec.get("text", ""), seen))
        if out is None or after is None:
            return out
        return after(out)

    yield from _windowed(observed(), window, finish)
