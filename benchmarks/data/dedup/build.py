"""Propose candidate article pairs for the dedup labelled set (issue 17).

This script only *proposes* pairs; every label in pairs.jsonl comes from a person reading the
two texts (see GUIDELINE.md). It is deterministic: the same corpus gives the same candidates in
the same order (fixed seed, no use of Python's randomised str hash).

    python benchmarks/data/dedup/build.py [CORPUS] > benchmarks/data/dedup/candidates.jsonl

How pairs are found (an all-pairs comparison of 20k articles is too slow in Python):
  * overlap: an inverted index of 5-word shingles whose document frequency is 2..50; pairs that
    share at least 2 such shingles.
  * rare words: an inverted index of words with document frequency 2..8 (letters only, >= 4
    characters); pairs that share at least 4 such words, published the same day when the id
    carries a date (same-day, same-topic pairs with little overlap and rewritten agency copies).
  * templates: articles that contain a marker of a templated genre (a royal cable, SPA, weather,
    prices, match results) paired with others of the same genre and day.
Then the exact Jaccard of the two articles' sets of 5-word shingles (on the normalized words)
places each pair in a band, and a fixed number is drawn from every (band, source) cell.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import random
import re
import sys
import zlib
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "../shared/corpus/bulk/news-20k.jsonl.gz"
SEED = 17

# Diacritics (harakat, superscript alef) and tatweel carry no word identity.
_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
_WORD = re.compile(r"\w+")

BANDS = [  # (name, low, high): low <= j < high, except "1.0" which is j == 1
    ("1.0", 1.0, 1.0),
    ("[0.8,1)", 0.8, 1.0),
    ("[0.5,0.8)", 0.5, 0.8),
    ("[0.3,0.5)", 0.3, 0.5),
    ("[0.1,0.3)", 0.1, 0.3),
    ("<0.1", 0.0, 0.1),
]
# How many pairs to draw per band and per source of candidates (overlap, rare, template).
QUOTA = {
    "1.0": {"overlap": 30, "template": 10},
    "[0.8,1)": {"overlap": 40, "template": 30},
    "[0.5,0.8)": {"overlap": 35, "template": 35},
    "[0.3,0.5)": {"overlap": 30, "template": 30, "rare": 5},
    "[0.1,0.3)": {"overlap": 25, "template": 25, "rare": 15},
    "<0.1": {"rare": 40, "template": 25},
}

QUOTA2 = {
    "numdiff": {"[0.8,1)": 35, "[0.5,0.8)": 35, "[0.3,0.5)": 30, "[0.1,0.3)": 20},
    "rare": {"[0.1,0.3)": 25, "<0.1": 40},
}

QUOTA4 = 45  # stage 4: pairs of Jaccard >= 0.4 published two or more days apart
QUOTA3 = 6  # per genre and per half (Jaccard >= 0.3, [0.1, 0.3))
# Stage 3: genres recognised in the headline and lead (first 500 characters).
GENRES3 = {
    "cable": re.compile("برقية (?:تهنئة|تعزية|مواساة)"),
    "earnings": re.compile("صافي (?:أرباح|ربح|خسائر|خسارة)"),
    "market": re.compile("مؤشر سوق الأسهم|المؤشر العام للسوق|أغلق مؤشر"),
    "weather": re.compile("الرئاسة العامة للأرصاد|حالة الطقس"),
    "thisday": re.compile(r"حدث في \d+|في مثل هذا اليوم"),
    "commodity": re.compile("أسعار (?:الذهب|النفط)|سعر (?:الذهب|خام|برميل)|مزيج برنت"),
    "match": re.compile(
        r"(?:فاز|تعادل|خسر|تغلب)\S* .{0,60}(?:بهدف|بهدفين|بثلاثة|بأربعة|\d+\s*-\s*\d+)"
    ),
    "appoint": re.compile("أمر ملكي|أوامر ملكية|قرارا? بتعيين|صدرت الموافقة على تعيين"),
    "reception": re.compile("^.{0,200}(?:استقبل|يستقبل)", re.S),
    "graduation": re.compile("تخريج"),
    "campaign": re.compile("جولات (?:رقابية|تفتيشية)|حملة (?:رقابية|تفتيشية)"),
    "exchange": re.compile("سعر صرف|مقابل الدولار"),
}

# Markers of templated genres: items that look alike word for word but report another event.
TEMPLATES = {
    "cable": re.compile("برقية|برقيتي|برقيات"),
    "spa": re.compile(r"\bواس\b|وكالة الأنباء السعودية"),
    "weather": re.compile("الأرصاد|درجات الحرارة|الطقس"),
    "prices": re.compile("سعر|أسعار|المؤشر|البورصة|برميل"),
    "sports": re.compile("مباراة|المباراة|الدوري|هدف|أهداف"),
    "relief": re.compile("الجسر الجوي|طائرة إغاثة|مساعدات إغاثية|الإغاثية"),
}


def words(text: str) -> list[str]:
    return _WORD.findall(_MARKS.sub("", text).lower())


def shingles(ws: list[str], n: int = 5) -> set[tuple[str, ...]]:
    if len(ws) < n:
        return {tuple(ws)} if ws else set()
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def band_of(j: float) -> str:
    if j == 1.0:
        return "1.0"
    for name, low, high in BANDS[1:]:
        if low <= j < high:
            return name
    raise ValueError(j)


def day_of(doc_id: str) -> str | None:
    """The publication day the corpus id carries (snn: 2015-07-21-nnnnn, ant: ...-20180618)."""
    m = re.search(r"/(\d{4}-\d{2}-\d{2})-\d+$", doc_id) or re.search(r"-(\d{8})$", doc_id)
    return m.group(1).replace("-", "") if m else None


def days_apart(a: str | None, b: str | None) -> int:
    """Days between two publication days (-1 when an id carries no date)."""
    if a is None or b is None:
        return -1
    da = date(int(a[:4]), int(a[4:6]), int(a[6:]))
    db = date(int(b[:4]), int(b[4:6]), int(b[6:]))
    return abs((da - db).days)


def near_days(a: str | None, b: str | None) -> bool:
    """Published on consecutive days (both ids carry a date)."""
    return days_apart(a, b) == 1


_ORDINALS = re.compile(
    r"\b(?:ال)?(?:أول|أولى|ثاني|ثانية|ثالث|ثالثة|رابع|رابعة|خامس|خامسة|سادس|سادسة|سابع|سابعة"
    r"|ثامن|ثامنة|تاسع|تاسعة|عاشر|عاشرة)\b"
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def lead_facts(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Numbers and ordinal words of the headline and lead (first 300 characters)."""
    lead = _MARKS.sub("", text[:300]).translate(_DIGITS)
    return frozenset(re.findall(r"\d+", lead)), frozenset(_ORDINALS.findall(lead))


def split_of(a: str, b: str) -> str:
    """tune or heldout, by a fixed hash of the unordered pair (never by label)."""
    key = "\x1f".join(sorted((a, b))).encode()
    return "tune" if hashlib.sha256(key).digest()[0] % 2 == 0 else "heldout"


def load(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def main(argv: list[str]) -> None:
    path = Path(argv[1]) if len(argv) > 1 else CORPUS
    docs = load(path)
    ids = [d["id"] for d in docs]
    toks = [words(d["text"]) for d in docs]
    texthash = [hashlib.sha1(" ".join(t).encode()).hexdigest() for t in toks]
    days = [day_of(i) for i in ids]
    index = {i: n for n, i in enumerate(ids)}

    # 1. overlap candidates: shingles of document frequency 2..50 (crc32 only finds candidates;
    # the Jaccard below is exact, on the shingle tuples).
    post: dict[int, list[int]] = defaultdict(list)
    for di, ws in enumerate(toks):
        for h in {zlib.crc32(" ".join(ws[i : i + 5]).encode()) for i in range(len(ws) - 4)}:
            post[h].append(di)
    shared: Counter[tuple[int, int]] = Counter()
    for plist in post.values():
        if 2 <= len(plist) <= 50:
            shared.update(itertools.combinations(plist, 2))
    del post
    cands: dict[tuple[int, int], str] = {p: "overlap" for p, c in shared.items() if c >= 2}
    del shared

    # 2. rare-word candidates, same day.
    df: Counter[str] = Counter()
    for ws in toks:
        df.update({w for w in ws if len(w) >= 4 and not w.isdigit()})
    rpost: dict[str, list[int]] = defaultdict(list)
    for di, ws in enumerate(toks):
        for w in {w for w in ws if 2 <= df.get(w, 0) <= 8}:
            rpost[w].append(di)
    rshared: Counter[tuple[int, int]] = Counter()
    rshared2: Counter[tuple[int, int]] = Counter()  # stage 2: the next day too
    for plist in rpost.values():
        for a, b in itertools.combinations(plist, 2):
            if days[a] == days[b]:
                rshared[(a, b)] += 1
            elif near_days(days[a], days[b]):
                rshared2[(a, b)] += 1
    for p, c in rshared.items():
        if c >= 4 and p not in cands:
            cands[p] = "rare"
    del rpost

    # 3. template candidates: same genre marker, same day (or no day), from the index above or
    # at random within the genre and day.
    genre = {
        g: [di for di, d in enumerate(docs) if rx.search(d["text"])] for g, rx in TEMPLATES.items()
    }
    rng = random.Random(SEED)
    for g, members in genre.items():
        byday: dict[str | None, list[int]] = defaultdict(list)
        for di in members:
            byday[days[di]].append(di)
        for group in byday.values():
            group = sorted(group)
            pairs = list(itertools.combinations(group, 2))
            rng.shuffle(pairs)
            for p in pairs[:400]:
                cands.setdefault(p, "template:" + g)
    member = {g: set(m) for g, m in genre.items()}

    # Exact Jaccard and band of every candidate; one pair per distinct (text, text).
    cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    sh_cache: dict[int, set] = {}

    def sh(di: int) -> set:
        if di not in sh_cache:
            sh_cache[di] = shingles(toks[di])
        return sh_cache[di]

    for (a, b), src in sorted(cands.items()):
        key = tuple(sorted((texthash[a], texthash[b])))
        if key in seen or not toks[a] or not toks[b]:
            continue
        seen.add(key)
        genres = [g for g in TEMPLATES if a in member[g] and b in member[g]]
        kind = src.split(":")[0]
        if kind == "overlap" and genres:
            kind = "template"
        j = jaccard(sh(a), sh(b))
        band = band_of(j)
        if kind == "template" and src.startswith("template") and j < 0.1 and rng.random() > 0.05:
            continue  # most same-genre same-day pairs are unrelated; keep a sample only
        cells[(band, kind)].append(
            {
                "a": ids[a],
                "b": ids[b],
                "band": band,
                "jaccard5": round(j, 4),
                "source": kind,
                "genres": genres,
                "split": split_of(ids[a], ids[b]),
            }
        )

    drawn: list[dict] = []
    for band, quota in QUOTA.items():
        for kind, n in quota.items():
            pool = cells.get((band, kind), [])
            drawn.extend(rng.sample(pool, min(n, len(pool))))
            print(
                f"{band:10} {kind:9} pool {len(pool):7} drawn {min(n, len(pool))}", file=sys.stderr
            )
    # Interleave bands so that any prefix of the labelling queue covers every band.
    rng.shuffle(drawn)
    for rank, p in enumerate(drawn):
        p["rank"] = rank
        print(json.dumps(p, ensure_ascii=False))

    # Stage 2 (added after the first 75 labels showed too few hard cases; appended so that the
    # first stage's ranks stay as labelled): hard negatives are pairs of high overlap whose leads
    # differ in a number or an ordinal (templated items); hard positives are pairs of low
    # overlap sharing rare words, published the same or the next day (rewritten copies).
    rng2 = random.Random(SEED + 1)
    taken = {(d["a"], d["b"]) for d in drawn}
    numdiff: dict[str, list[dict]] = defaultdict(list)
    rare2: dict[str, list[dict]] = defaultdict(list)
    for (band, _kind), pool in sorted(cells.items()):
        for d in pool:
            if (d["a"], d["b"]) in taken or band == "1.0" or d["jaccard5"] < 0.1:
                continue
            if lead_facts(docs[index[d["a"]]]["text"]) != lead_facts(docs[index[d["b"]]]["text"]):
                numdiff[band].append(d)
    for (a, b), c in sorted(rshared.items()) + sorted(rshared2.items()):
        if c < 5 or (ids[a], ids[b]) in taken:
            continue
        j = jaccard(sh(a), sh(b))
        if j < 0.3:
            rare2[band_of(j)].append(
                {
                    "a": ids[a],
                    "b": ids[b],
                    "band": band_of(j),
                    "jaccard5": round(j, 4),
                    "source": "rare",
                    "genres": [],
                    "split": split_of(ids[a], ids[b]),
                }
            )
    stage2: list[dict] = []
    for band, n in QUOTA2["numdiff"].items():
        pool = numdiff.get(band, [])
        stage2.extend(dict(d, source="numdiff") for d in rng2.sample(pool, min(n, len(pool))))
        print(f"{band:10} numdiff   pool {len(pool):7} drawn {min(n, len(pool))}", file=sys.stderr)
    for band, n in QUOTA2["rare"].items():
        pool = rare2.get(band, [])
        stage2.extend(rng2.sample(pool, min(n, len(pool))))
        print(f"{band:10} rare2     pool {len(pool):7} drawn {min(n, len(pool))}", file=sys.stderr)
    rng2.shuffle(stage2)
    for rank, p in enumerate(stage2, start=len(drawn)):
        p["rank"] = rank
        print(json.dumps(p, ensure_ascii=False))

    # Stage 3 (after 225 labels: templated items about another event were still rare, and they
    # are the pairs that lexical overlap gets wrong): articles whose headline and lead match a
    # templated genre, paired within the genre when they overlap (Jaccard >= 0.1) and were
    # published on another day or differ in the numbers/ordinals of their leads.
    rng3 = random.Random(SEED + 2)
    taken |= {(d["a"], d["b"]) for d in stage2}
    stage3: list[dict] = []
    for g, rx in GENRES3.items():
        members = [di for di, d in enumerate(docs) if rx.search(d["text"][:500])]
        pool: dict[str, list[dict]] = defaultdict(list)
        for a, b in itertools.combinations(members, 2):
            if (ids[a], ids[b]) in taken or texthash[a] == texthash[b]:
                continue
            lead_a, lead_b = docs[a]["text"], docs[b]["text"]
            if days[a] == days[b] and lead_facts(lead_a) == lead_facts(lead_b):
                continue
            j = jaccard(sh(a), sh(b))
            if j >= 0.1:
                pool["high" if j >= 0.3 else "low"].append(
                    {
                        "a": ids[a],
                        "b": ids[b],
                        "band": band_of(j),
                        "jaccard5": round(j, 4),
                        "source": "template3",
                        "genres": [g],
                        "split": split_of(ids[a], ids[b]),
                    }
                )
        for part in ("high", "low"):
            n = min(QUOTA3, len(pool[part]))
            stage3.extend(rng3.sample(pool[part], n))
            print(f"{g:10} {part:5} pool {len(pool[part]):7} drawn {n}", file=sys.stderr)
    rng3.shuffle(stage3)
    for rank, p in enumerate(stage3, start=len(drawn) + len(stage2)):
        p["rank"] = rank
        print(json.dumps(p, ensure_ascii=False))

    # Stage 4 (after 328 labels: still no different-event pair above Jaccard 0.5): pairs of
    # high overlap (>= 0.4) published two or more days apart: late republications, but also an
    # announcement and the event itself, another day's market report, a follow-up.
    rng4 = random.Random(SEED + 3)
    taken |= {(d["a"], d["b"]) for d in stage3}
    pool4 = [
        d
        for (band, _kind), cell in sorted(cells.items())
        if band != "1.0"
        for d in cell
        if d["jaccard5"] >= 0.4
        and (d["a"], d["b"]) not in taken
        and days_apart(days[index[d["a"]]], days[index[d["b"]]]) >= 2
    ]
    stage4 = [dict(d, source="apart") for d in rng4.sample(pool4, min(QUOTA4, len(pool4)))]
    print(f"apart      pool {len(pool4):7} drawn {len(stage4)}", file=sys.stderr)
    for rank, p in enumerate(stage4, start=len(drawn) + len(stage2) + len(stage3)):
        p["rank"] = rank
        print(json.dumps(p, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
