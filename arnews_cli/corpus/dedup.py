"""Duplicates: the same article twice, and the same story told twice (contract §5.7).

Each article becomes a :class:`Sketch`, a fixed-size summary computed from its text
alone (so workers can make them, :func:`sketch`); an :class:`Index` of the sketches
of the articles kept so far decides, in input order, whether the next one repeats
one of them (:meth:`Index.check`). Memory grows with the index only, a fixed number
of bytes per kept article (measured by ``benchmarks/dedup.py speed``; see the README).

Text mode (``by="text"``):

- *exact*: the same words once letters are folded (diacritics, tatweel, alef, hamza,
  ta marbuta, alef maqsura, Persian letters, digits, case: clean's ``search`` folds and
  more), compared by a 128-bit hash;
- *near*: estimated Jaccard similarity of the sets of 5-word shingles at or above the
  threshold, by MinHash (:mod:`rensa`, 128 permutations) with LSH banding.

>>> a = sketch("غادرت الطائرة الإغاثية الخامسة مطار الملك خالد الدولي متجهة إلى عدن")
>>> b = sketch("غادرت الطائرة الاغاثية الخامسة مطار الملك خالد الدولي متجهه الى عدن")
>>> a.key == b.key
True

Story mode (``by="story"``) asks instead whether two articles report the same news
(a republished agency story, rewritten or trimmed), and keeps apart templated items
about another event (another day's weather, another country's cable). It scores a
pair by a logistic function of :func:`story_measures` read off the sketches (the
weights and the cut are data, fitted on labelled pairs: ``data/dedup_story.json``):
how many of the rare words of one the other has, and of all their rare words how many
they share (names, places, numbers: the words outside ``data/common_words.txt``),
their shared phrases, whether their leads name other weekdays (``الجمعة`` and
``السبت``), and how many days apart they were published when both records carry a
``metadata.date``.
"""

from __future__ import annotations

import math
import operator
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from hashlib import blake2b
from itertools import chain, islice, repeat
from typing import Any, NamedTuple

from arnews_cli.errors import Fatal
from arnews_cli.steps.clean import NORMALIZATIONS, CleanOptions, character_rules

#: MinHash permutations, and words per shingle (text mode).
NUM_PERM = 128
SHINGLE = 5
#: Rare words kept per article (story mode: the smallest hashes of its rare words, which
#: is all of them in most articles), the ones the index looks candidates up by, and the
#: words of the lead searched for a weekday. 24 lookups rather than 32 count 26% fewer
#: postings and score 39% fewer pairs over the bulk corpus; one story match in 3,501
#: was lost there, and the tune split's recall fell by one pair (benchmarks/dedup.py).
RARE_K = 256
RARE_LOOKUP = 24
LEAD_WORDS = 50
#: Kept articles a rare word points to at most (the latest): a word in more is not rare
#: in this corpus, and the lists stay short however long the stream.
POSTINGS = 64
#: Rare words two articles must share to be compared in story mode.
SHARED_NAMES = 4
#: The threshold of text mode, chosen on the labelled pairs' tune split
#: (benchmarks/dedup.py prints the choice; see the README).
DEFAULT_THRESHOLD = 0.35
#: Any two articles' seed: sketches from different runs and processes must agree.
_SEED = 20170601


# -- words ------------------------------------------------------------------------


#: clean's letter and digit folds: each rule is written there once.
_FOLDS = CleanOptions(normalize=frozenset(NORMALIZATIONS), digits="latin")


_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of ``text`` as dedup compares them: folded, without tatweel, lower-cased,
    ``\\w+`` runs.

    >>> words("إنَّ الـمدينةَ ٢٠١٥ Riyadh")
    ['ان', 'المدينه', '2015', 'riyadh']
    """
    folded = character_rules(text, _FOLDS).replace("\u0640", "")
    return _WORD.findall(folded.lower())


def shingles(joined: bytes, k: int = SHINGLE) -> list[bytes]:
    """The ``k``-word shingles of ``joined``, words joined by single spaces (a shorter
    text is one shingle).

    They are cut from the UTF-8 bytes because rensa hashes a ``str`` by its UTF-8
    bytes: the signature is the same, and no shingle is encoded again.

    >>> shingles(b"a b c", 2)
    [b'a b', b'b c']
    """
    ws = joined.split(b" ")
    if len(ws) <= k:
        return [joined]
    # The k-th shingle is word k with the k-1 after it: zip stops at the shortest tail.
    return list(map(b" ".join, zip(*(ws[i:] for i in range(k)), strict=False)))


def joined_words(text: str) -> bytes:
    """The :func:`words` of ``text`` joined by single spaces, in UTF-8: what the exact
    key hashes and the shingles are cut from."""
    return " ".join(words(text)).encode()


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from arnews_cli.data import read_text

    lines = read_text("common_words.txt").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def _weekdays() -> dict[str, int]:
    import orjson

    from arnews_cli.data import read_text

    names = orjson.loads(read_text("months.json"))["weekdays"]
    return {w: int(day) for day, forms in names.items() for form in forms for w in words(form)}


@lru_cache(maxsize=1)
def _story_weights() -> dict[str, float]:
    import orjson

    from arnews_cli.data import read_text

    return orjson.loads(read_text("dedup_story.json"))


# -- sketches ---------------------------------------------------------------------


class Sketch(NamedTuple):
    """What the index keeps of one article (a fixed number of bytes)."""

    #: 16-byte hash of the folded words: equal for exact duplicates.
    key: bytes
    #: MinHash of the 5-word shingles, NUM_PERM unsigned 32-bit values.
    sig: bytes
    #: Story mode only (else 0/empty): how many rare words the text has (those not in
    #: data/common_words.txt, numbers too), the RARE_K smallest of their hashes as
    #: unsigned 32-bit values in order, the weekdays named in the lead (bit i: day i,
    #: Monday 0).
    nrare: int = 0
    rare: bytes = b""
    weekdays: int = 0
    #: The RARE_LOOKUP smallest of those hashes that are not numbers: what the index
    #: finds rewritten copies by.
    names: bytes = b""


def _minhash(tokens: list[bytes]) -> bytes:
    from rensa import RMinHash

    m = RMinHash(num_perm=NUM_PERM, seed=_SEED)
    m.update(tokens)
    return array("I", m.digest()).tobytes()


def sketch(text: str, story: bool = False) -> Sketch:
    """The sketch of ``text``; with ``story``, also what story mode compares."""
    ws = words(text)
    joined = " ".join(ws).encode()
    key = blake2b(joined, digest_size=16).digest()
    sig = _minhash(shingles(joined))
    if not story:
        return Sketch(key, sig)
    rare_words = set(ws) - _common_words()
    rare = dict(zip(map(zlib.crc32, map(str.encode, rare_words)), rare_words, strict=True))
    hashes = sorted(rare)
    names = list(islice((h for h in hashes if not rare[h].isdigit()), RARE_LOOKUP))
    hashes = hashes[:RARE_K]
    days = _weekdays()
    weekdays = sum({1 << days[w] for w in ws[:LEAD_WORDS] if w in days})
    return Sketch(
        key,
        sig,
        len(rare),
        array("I", hashes).tobytes(),
        weekdays,
        array("I", names).tobytes(),
    )


def sketch_record(rec: dict[str, Any], story: bool) -> tuple[Sketch, int | None]:
    """What dedup decides a record by: the sketch of its text, and its publication day."""
    return sketch(rec["text"], story), record_day(rec)


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity two MinHash signatures estimate (the share of equal values)."""
    x, y = array("I", a), array("I", b)
    return sum(map(operator.eq, x, y)) / len(x)


def story_measures(a: Sketch, b: Sketch, days_apart: int | None = None) -> dict[str, float]:
    """What story mode weighs, for two articles sketched with ``story=True`` and
    published ``days_apart`` days apart (``None``: not known)."""
    rare, contained = _rare_overlap(a, b)
    return {
        # How many of the rare words of the article that has fewer the other has too: a
        # trimmed or rewritten copy keeps the names, places and numbers of the story.
        "contained": contained,
        # Their rare words in common, as a share of all their rare words.
        "rare": rare,
        # Their shared phrases (text mode's measure).
        "overlap": similarity(a.sig, b.sig),
        # Leads that name other weekdays: the news of two different days.
        "other_day": float(other_days(a, b)),
        "same_day": float(days_apart == 0),
        "days_apart": float(days_apart is not None and days_apart >= 2),
    }


def other_days(a: Sketch, b: Sketch) -> bool:
    """Both leads name weekdays, and none in common: the news of two different days.

    >>> other_days(sketch("الرياض: توقعت الأرصاد اليوم الجمعة", True), sketch("اليوم السبت", True))
    True
    """
    return bool(a.weekdays and b.weekdays and not a.weekdays & b.weekdays)


def story_score(a: Sketch, b: Sketch, days_apart: int | None = None) -> float:
    """The probability, by the fitted logistic model, that ``a`` and ``b`` report the
    same news."""
    w = _story_weights()["weights"]
    z = w["bias"] + sum(w[k] * v for k, v in story_measures(a, b, days_apart).items())
    return 1 / (1 + math.exp(-z))


def _rare_overlap(a: Sketch, b: Sketch) -> tuple[float, float]:
    """The Jaccard similarity of the two articles' rare words, and their containment
    (shared words over the smaller set), from the bottom-k hashes: exact when neither
    article has more than RARE_K rare words, else estimated.

    >>> a, b = sketch("زار الوزير الفلاني مدينة تبوك", True), sketch("الوزير الفلاني في تبوك", True)
    >>> [round(v, 2) for v in _rare_overlap(a, b)]  # all of b's rare words are in a
    [0.67, 1.0]
    """
    x, ys = _hash_set(a.rare), array("I", b.rare)
    if not x or not ys:
        return 0.0, 0.0
    if len(x) < RARE_K and len(ys) < RARE_K:  # both sets whole
        shared = sum(map(x.__contains__, ys))
        return shared / (len(x) + len(ys) - shared), shared / min(len(x), len(ys))
    y = set(ys)
    union_k = sorted(x | y)[:RARE_K]
    both = x & y
    j = sum(map(both.__contains__, union_k)) / len(union_k)
    # The shared words from the Jaccard estimate and the two set sizes.
    shared = j * (a.nrare + b.nrare) / (1 + j)
    return j, min(1.0, shared / max(1, min(a.nrare, b.nrare)))


@lru_cache(maxsize=1)
def _hash_set(packed: bytes) -> frozenset[int]:
    """The hashes packed in ``packed``. The article being checked meets each of its
    candidates in turn as ``a``: its set is made once."""
    return frozenset(array("I", packed))


# -- the index --------------------------------------------------------------------


#: The chance that LSH makes a pair at exactly the threshold a candidate.
BAND_RECALL = 0.95


def bands_for(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """LSH ``(bands, rows)`` for ``threshold``: the most rows per band (fewest false
    candidates), with the fewest bands (least memory) that still make a pair at exactly
    the threshold a candidate with probability BAND_RECALL. Pairs above it are found
    more often (benchmarks/dedup.py recall measures the share found).

    >>> bands_for(0.35)
    (23, 2)
    >>> bands_for(0.9)
    (10, 12)
    """
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        p = threshold**rows
        bands = 1 if p >= 1 else math.ceil(math.log(1 - BAND_RECALL) / math.log1p(-p))
        if bands * rows > num_perm:
            break  # more rows only need more bands
        best = (bands, rows)
    return best


@dataclass
class Match:
    """An article found to repeat an earlier one."""

    of: str
    kind: str  # exact | near | story
    similarity: float

    def as_field(self) -> dict[str, Any]:
        return {"of": self.of, "kind": self.kind, "similarity": round(self.similarity, 4)}


class Index:
    """The sketches of the articles kept so far, and the LSH tables over them.

    ``check`` answers for each new article, in order, and keeps it when it is new; so
    the first copy of a group is the one kept, and any later copy is matched to it.
    """

    def __init__(
        self, threshold: float = DEFAULT_THRESHOLD, by: str = "text", window_days: int | None = None
    ) -> None:
        if not 0 < threshold <= 1:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.by = by
        self.window_days = window_days
        # Per kept article: its id, sketch and day, and its entries in the tables below
        # (a fixed cost per article: benchmarks/dedup.py speed measures it).
        self.ids: list[str] = []
        self.sketches: list[Sketch] = []
        self.days: list[int | None] = []
        self.exact: dict[bytes, int] = {}
        self.bands, self.rows = bands_for(threshold)
        # Band hash -> the article with that band, or a list when several have it (rare:
        # they are kept articles, not copies of each other).
        self.tables: list[dict[int, Any]] = [{} for _ in range(self.bands)]
        # Story mode: rare word (a hash of Sketch.names) -> the latest kept articles with it,
        # packed: counting them over the bulk corpus took a quarter less time than
        # following the pointers of a list to int objects spread over the heap.
        self.rare: dict[int, array[int]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def check(self, id: str, sk: Sketch, day: int | None = None) -> Match | None:
        """The article ``id`` repeats, or ``None`` (and then it is kept in the index)."""
        found = self._match(sk, day)
        if found is None:
            self.add(id, sk, day)
        return found

    def add(self, id: str, sk: Sketch, day: int | None = None) -> None:
        n = len(self.ids)
        self.ids.append(id)
        self.sketches.append(sk)
        self.days.append(day)
        self.exact.setdefault(sk.key, n)
        _insert(self.tables, sk.sig, self.rows, n)
        if self.by == "story":
            for h in array("I", sk.names):
                postings = self.rare.get(h)
                if postings is None:
                    postings = self.rare[h] = array("I")
                postings.append(n)
                if len(postings) > POSTINGS:
                    del postings[0]

    def _in_window(self, day: int | None, n: int) -> bool:
        other = self.days[n]
        if self.window_days is None or day is None or other is None:
            return True
        return abs(day - other) <= self.window_days

    def _match(self, sk: Sketch, day: int | None) -> Match | None:
        n = self.exact.get(sk.key)
        if n is not None and self._in_window(day, n):
            return Match(self.ids[n], "exact", 1.0)
        if self.by == "story":
            return self._story_match(sk, day)
        best: tuple[float, int] | None = None
        for n in self._candidates(self.tables, sk.sig, self.rows):
            if self._in_window(day, n):
                sim = similarity(sk.sig, self.sketches[n].sig)
                if sim >= self.threshold and (best is None or sim > best[0]):
                    best = (sim, n)
        return None if best is None else Match(self.ids[best[1]], "near", best[0])

    def _story_match(self, sk: Sketch, day: int | None) -> Match | None:
        cut = _story_weights()["cut"]
        best: tuple[float, int] | None = None
        for n in self._story_candidates(sk):
            if self._in_window(day, n):
                other = self.days[n]
                apart = None if day is None or other is None else abs(day - other)
                score = story_score(sk, self.sketches[n], apart)
                if score >= cut and (best is None or score > best[0]):
                    best = (score, n)
        if best is None:
            return None
        score, n = best
        near = similarity(sk.sig, self.sketches[n].sig) >= self.threshold
        return Match(self.ids[n], "near" if near else "story", score)

    @staticmethod
    def _candidates(tables: list[dict[int, Any]], sig: bytes, rows: int) -> list[int]:
        seen: set[int] = set()
        for table, band in zip(tables, _bands(sig, rows), strict=False):
            found = table.get(band)
            if found is None:
                continue
            if isinstance(found, int):
                seen.add(found)
            else:
                seen.update(found)
        return sorted(seen)

    def _story_candidates(self, sk: Sketch) -> list[int]:
        seen = set(self._candidates(self.tables, sk.sig, self.rows))
        # Rewritten copies share few phrases but keep their rare words (names, places).
        postings = map(self.rare.get, array("I", sk.names), repeat(()))
        shared = Counter(chain.from_iterable(postings))
        seen.update(n for n, count in shared.items() if count >= SHARED_NAMES)
        return sorted(seen)


def _bands(sig: bytes, rows: int) -> Iterator[int]:
    """The hash of each band of ``rows`` values (a process's own: tables never leave it)."""
    step = rows * 4
    for start in range(0, len(sig) - step + 1, step):
        yield hash(sig[start : start + step])


def _insert(tables: list[dict[int, Any]], sig: bytes, rows: int, n: int) -> None:
    for table, band in zip(tables, _bands(sig, rows), strict=False):
        there = table.get(band)
        if there is None:
            table[band] = n
        elif isinstance(there, int):
            table[band] = [there, n]
        else:
            there.append(n)


@dataclass(frozen=True)
class DedupOptions:
    """The options of a dedup pass (small: they travel to worker processes)."""

    by: str = "text"  # text | story
    threshold: float = DEFAULT_THRESHOLD
    window_days: int | None = None
    mark: bool = False
    #: ``--index FILE``: sketches of earlier runs, read first and saved after.
    index: str | None = None
    #: ``--clusters FILE``: one JSON line per group of two or more.
    clusters: str | None = None


class Dedup:
    """One dedup pass over a stream: the index, the groups found, the files at the end."""

    def __init__(self, options: DedupOptions) -> None:
        self.options = options
        self.index = Index(options.threshold, options.by, options.window_days)
        if options.index:
            load_index(options.index, self.index)
        #: kept article -> the (id, kind, similarity) of its repeats, for --clusters.
        self.groups: dict[str, list[tuple[str, str, float]]] = {}

    @property
    def story(self) -> bool:
        return self.options.by == "story"

    def decide(self, id: str, sk: Sketch, day: int | None) -> Match | None:
        """What article ``id`` (sketched as ``sk``, published on ``day``) repeats, noted
        for --clusters; or ``None``."""
        found = self.index.check(id, sk, day)
        if found is not None and self.options.clusters:
            self.groups.setdefault(found.of, []).append(
                (id, found.kind, round(found.similarity, 4))
            )
        return found

    def passed(self, rec: dict[str, Any], found: Match | None) -> dict[str, Any] | None:
        """The record to pass on after ``found`` was decided, or ``None`` to drop it."""
        from arnews_cli.record import apply_step

        if found is None:
            return apply_step(rec, "dedup")
        if self.options.mark:
            return apply_step(rec, "dedup", duplicate=found.as_field())
        return None

    def run(self, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """The pass over ``records``."""

        def passes() -> Iterator[dict[str, Any]]:
            for rec in records:
                found = self.decide(rec["id"], *sketch_record(rec, self.story))
                out = self.passed(rec, found)
                if out is not None:
                    yield out

        return self.writing_files(passes())

    def writing_files(self, items: Iterable[Any]) -> Iterator[Any]:
        """``items`` (what the pass yields), with the --index and --clusters files opened
        before the first is read (a path that cannot be written fails at once) and
        written once the last has gone by; an interrupted run leaves them as they were."""
        sinks = {}
        try:
            from arnews_cli.io.write import open_output

            for name in ("index", "clusters"):
                path = getattr(self.options, name)
                if path:
                    sinks[name] = open_output(path)
            yield from items
            if "index" in sinks:
                _write_lines(sinks.pop("index"), _index_lines(self.index))
            if "clusters" in sinks:
                _write_lines(sinks.pop("clusters"), _cluster_lines(self.groups))
        finally:
            for sink in sinks.values():
                sink.abort()


def marked(done: Any, found: Match) -> Any:
    """A finished record (or its encoded JSON line, or the error it ended in) marked as
    a repeat of ``found``; the steps after dedup leave the field as it is."""
    from arnews_cli.record import Encoded, ordered

    if isinstance(done, Encoded):
        return Encoded.of(marked(done.record(), found))
    if not isinstance(done, dict):
        return done  # an ArticleError: reported as it is
    return ordered({**done, "duplicate": found.as_field()})


def dedup(
    records: Iterable[dict[str, Any]], options: DedupOptions | None = None
) -> Iterator[dict[str, Any]]:
    """Pass on each record unless it repeats one already seen (with ``mark``: pass on
    every record, a repeat with its ``duplicate`` field).

    >>> recs = [{"id": str(i), "text": t} for i, t in enumerate(["نص أول هنا", "نص ثان", "نص أوّل هنا"])]
    >>> [r["id"] for r in dedup(recs)]
    ['0', '1']
    >>> [r.get("duplicate") for r in dedup(recs, DedupOptions(mark=True))][2]
    {'of': '0', 'kind': 'exact', 'similarity': 1.0}
    """
    return Dedup(options or DedupOptions()).run(records)


# -- files ------------------------------------------------------------------------

_FORMAT = "arnews-dedup-index"
#: 4: story sketches hold the rare-word count instead of a MinHash of all words. Text
#: sketches are the same as in 3, so text indexes of version 3 are still read.
INDEX_VERSION = 4


def _header(index: Index) -> dict[str, Any]:
    from rensa import RMinHash

    return {
        "format": _FORMAT,
        "version": INDEX_VERSION,
        "by": index.by,
        "num_perm": NUM_PERM,
        "shingle": SHINGLE,
        "seed": _SEED,
        "rensa": RMinHash.ALGORITHM_VERSION,
        "articles": len(index),
    }


class BadIndex(Fatal):
    """An --index file that cannot be used with these options (a usage error)."""

    status = 2


def read_header(path: str) -> dict[str, Any] | None:
    """The header of index file ``path`` (``None`` if there is no such file yet)."""
    import orjson

    try:
        with open(path, "rb") as f:
            first = f.readline()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise BadIndex(f"{path}: cannot read: {e.strerror}") from None
    try:
        header = orjson.loads(first)
    except orjson.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != _FORMAT:
        raise BadIndex(f"{path}: not an arnews dedup index")
    return header


def check_index(path: str, by: str) -> None:
    """Raise :class:`BadIndex` unless ``path`` is missing or an index these options
    can extend (same mode, same sketches)."""
    header = read_header(path)
    if header is None:
        return
    want = _header(Index(by=by))
    for key in ("version", "num_perm", "shingle", "seed", "rensa"):
        if key == "version" and by == "text" and header.get(key) == 3:
            continue
        if header.get(key) != want[key]:
            raise BadIndex(
                f"{path}: made with {key} {header.get(key)!r}, this arnews uses "
                f"{want[key]!r}: rebuild it"
            )
    if header.get("by") != by:
        raise BadIndex(f"{path}: made with --by {header.get('by')}; use it, or rebuild")


def load_index(path: str, index: Index) -> None:
    import base64

    import orjson

    check_index(path, index.by)
    try:
        f = open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        return
    with f:
        f.readline()
        for n, line in enumerate(f, start=2):
            try:
                e = orjson.loads(line)
                sk = Sketch(
                    **{
                        f: base64.b64decode(e[f]) if _is_bytes(f) else e[f]
                        for f in _saved_fields(index.by)
                    }
                )
                index.add(e["id"], sk, e.get("day"))
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                raise BadIndex(f"{path}:{n}: not an index entry") from None


def _saved_fields(by: str) -> tuple[str, ...]:
    """The Sketch fields an index file keeps: text mode fills only the first two."""
    return Sketch._fields if by == "story" else ("key", "sig")


@cache
def _is_bytes(field: str) -> bool:
    """A Sketch field kept as bytes (base64 in the file)."""
    from typing import get_type_hints

    return get_type_hints(Sketch)[field] is bytes


def _index_lines(index: Index) -> Iterator[bytes]:
    import base64

    import orjson

    def b64(b: bytes) -> str:
        return base64.b64encode(b).decode()

    yield orjson.dumps(_header(index), option=orjson.OPT_APPEND_NEWLINE)
    for id, sk, day in zip(index.ids, index.sketches, index.days, strict=True):
        e: dict[str, Any] = {"id": id, "day": day}
        for f in _saved_fields(index.by):
            value = getattr(sk, f)
            e[f] = b64(value) if _is_bytes(f) else value
        yield orjson.dumps(e, option=orjson.OPT_APPEND_NEWLINE)


def _cluster_lines(groups: dict[str, list[tuple[str, str, float]]]) -> Iterator[bytes]:
    """One JSON line per group of two or more: the kept article first, then its repeats."""
    import orjson

    for first, repeats in groups.items():
        line = {
            "id": first,
            "size": 1 + len(repeats),
            "ids": [first, *(r[0] for r in repeats)],
            "kinds": [None, *(r[1] for r in repeats)],
            "similarities": [1.0, *(r[2] for r in repeats)],
        }
        yield orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE)


def _write_lines(sink: Any, lines: Iterable[bytes]) -> None:
    """Write ``lines`` whole to ``sink`` and commit it, or abort it (the old file stays)."""
    try:
        for line in lines:
            sink.write(line)
    except BaseException:
        sink.abort()
        raise
    sink.commit()


_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def record_day(rec: dict[str, Any]) -> int | None:
    """The day number of the record's publication date (``metadata.date``), if any.

    >>> record_day({"metadata": {"date": "2015-07-23"}})
    735802
    """
    import datetime as dt

    meta = rec.get("metadata")
    date = meta.get("date") if isinstance(meta, dict) else None
    m = _ISO.match(date) if isinstance(date, str) else None
    if m is None:
        return None
    try:
        return dt.date(*map(int, m.groups())).toordinal()
    except ValueError:
        return None
