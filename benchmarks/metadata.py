"""Benchmark of extract-metadata against the corpus's own metadata, beside htmldate/trafilatura.

    python benchmarks/metadata.py [--bulk N]

1. Bylines and datelines (author, location, agency) on the corpus articles whose source
   metadata has an author field (SaudiNewsNet, ANT). Precision is over every value we
   give for an article with a gold field: a value is right when the gold field names it
   (an agency when the gold field holds one of its names). Recall is over the articles
   whose text holds the gold field (every name word of it appears in the first lines):
   an article counts when every part of the gold field that is not a newspaper or a
   credit label was given. trafilatura's author on the same text wrapped in HTML is
   printed beside it.
2. Dates, exact day: (a) real datelines: articles whose first lines hold their own date
   (gold: the source's time/published/crawled field); (b) the 130 ANT and Al Mayadeen
   articles with the gold date written after the title in the forms Arabic sites use
   (Levantine, Egyptian, Maghrebi and Moroccan months, dual names, Arabic-Indic digits,
   numeric, ISO, Hijri, الموافق pairs), beside htmldate on the same text wrapped in HTML.
3. Throughput on the bulk corpus beside a bare orjson loop over the same records.
4. Datelines and bylines against the hand-labelled set
   ``benchmarks/data/metadata/datelines.jsonl`` (every SaudiNewsNet, ANT and Al Mayadeen
   article and the seed, labelled by reading their first and last lines; articles marked
   ambiguous are left out). Per field: values given, right, precision; gold values, found,
   recall. Location is right when the place is the same after folding (the first part of
   "دبي، الإمارات العربية المتحدة" is enough); author when every person we give is in the
   gold byline, and found when we give all of them. trafilatura's author beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

from arnews_cli.steps.dateline import fold, lexicon  # noqa: E402
from arnews_cli.steps.dates import find_dates  # noqa: E402
from arnews_cli.steps.metadata import extract  # noqa: E402

try:
    import htmldate  # type: ignore
except ImportError:  # pragma: no cover
    htmldate = None
try:
    import trafilatura  # type: ignore
except ImportError:  # pragma: no cover
    trafilatura = None

_GOLD_SEP = re.compile(r"\s*(?:[-–—:|/،,()]|\sـ\s|\s+من\s+)\s*")
_LABEL_WORDS = {fold(w) for w in ("متابعة", "رصد", "وكالات", "تصوير", "المنسق الإعلامي", "إضاءة")}


def _records() -> list[tuple[dict, str]]:
    out = []
    for line in (CORPUS / "articles" / "metadata.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        path = CORPUS / "articles" / rec["file"]
        out.append((rec, path.read_text("utf-8")))
    return out


def _head(text: str, n: int = 5) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()][1 : n + 1]


def _clean_gold(author: str) -> str:
    author = author.replace("\xa0", " ").replace("&nbsp;", " ").split("|")[0]
    return author.strip(" *:\t")


def _wrap_html(title: str, lines: list[str]) -> str:
    body = "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
    return (
        f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
    )


def bylines(records: list[tuple[dict, str]]) -> None:
    lex = lexicon()
    given = right = 0
    answerable = recalled = 0
    traf_given = traf_right = traf_recalled = 0
    per_field = {k: [0, 0] for k in ("author", "location", "agency")}
    misses = []
    for rec, text in records:
        if rec.get("corpus") not in ("SaudiNewsNet", "ANT") or not rec.get("author"):
            continue
        gold = _clean_gold(rec["author"])
        if not gold:
            continue
        gkey = fold(gold)
        gflat = gkey.replace(" ", "")  # "عبد الله" and "عبدالله" are one name
        title, meta = extract(text)
        values = {k: meta[k] for k in ("author", "location", "agency") if meta[k]}
        for field, value in values.items():
            if field == "agency":
                names = [a for a, ag in lex.agencies.items() if ag.name == value]
                ok = any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", gkey) for a in names)
            else:
                ok = all(fold(part).replace(" ", "") in gflat for part in value.split("، "))
            given += 1
            right += ok
            per_field[field][0] += 1
            per_field[field][1] += ok
            if not ok:
                misses.append(("wrong", rec["file"], field, value, gold))
        head = fold(" ".join(_head(text, 4))).replace(" ", "")
        words = [w for w in re.findall(r"[^\W\d_]+", gkey)]
        if not words or not all(w in head for w in words):
            continue
        answerable += 1
        parts = [p for p in _GOLD_SEP.split(gold) if p.strip()]
        needed = [
            p
            for p in parts
            if fold(p) not in lex.newspapers
            and fold(p) not in _LABEL_WORDS
            and not (fold(p) in lex.places and fold(p) in lex.newspapers)
        ]
        got = "".join(fold(v) for v in values.values()).replace(" ", "")
        got_agency_aliases = [
            a for a, ag in lex.agencies.items() if values.get("agency") == ag.name
        ]

        if all(fold(p).replace(" ", "") in got or fold(p) in got_agency_aliases for p in needed):
            recalled += 1
        else:
            misses.append(("missed", rec["file"], gold, values))
        if trafilatura is not None:
            lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
            md = trafilatura.extract_metadata(_wrap_html(lines[0], lines[1:]))
            author = getattr(md, "author", None) if md else None
            if author:
                traf_given += 1
                traf_right += fold(author) in gkey
                traf_recalled += all(fold(p) in fold(author) for p in needed)
    print("== bylines and datelines (author, location, agency) ==")
    print(f"  values given: {given}, right: {right}  precision {right / max(given, 1):.1%}")
    for field, (g, r) in per_field.items():
        print(f"    {field:9s} given {g:3d} right {r:3d}  precision {r / max(g, 1):.1%}")
    print(
        f"  articles whose text holds the byline: {answerable}, fully read: {recalled}"
        f"  recall {recalled / max(answerable, 1):.1%}"
    )
    if trafilatura is None:
        print("  baseline trafilatura: baseline not installed")
    else:
        print(
            f"  baseline trafilatura author: given {traf_given}, right {traf_right}"
            f" (precision {traf_right / max(traf_given, 1):.1%}),"
            f" recall {traf_recalled / max(answerable, 1):.1%}"
        )
    for m in misses[:12]:
        print("   ", m)


LEVANT = (
    "كانون الثاني،شباط،آذار،نيسان،أيار،حزيران،تموز،آب،أيلول،تشرين الأول،تشرين الثاني،كانون الأول"
)
EGYPT = "يناير،فبراير،مارس،إبريل،مايو،يونيه،يوليه،اغسطس،سبتمبر،أكتوبر،نوفمبر،ديسمبر"
MAGHREB = "جانفي،فيفري،مارس،أفريل،ماي،جوان،جويلية،أوت،سبتمبر،أكتوبر،نوفمبر،ديسمبر"
MOROCCO = "يناير،فبراير،مارس،أبريل،ماي،يونيو،يوليوز،غشت،شتنبر،أكتوبر،نونبر،دجنبر"
HIJRI = "محرم،صفر،ربيع الأول،ربيع الآخر،جمادى الأولى،جمادى الآخرة،رجب،شعبان،رمضان،شوال،ذو القعدة،ذو الحجة"
WEEKDAYS = "الاثنين،الثلاثاء،الأربعاء،الخميس،الجمعة،السبت،الأحد"
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _forms(day: dt.datetime) -> list[str]:
    from hijridate import Gregorian

    d, m, y = day.day, day.month, day.year
    lev, egy, mag, mor = (s.split("،")[m - 1] for s in (LEVANT, EGYPT, MAGHREB, MOROCCO))
    wd = WEEKDAYS.split("،")[day.weekday()]
    h = Gregorian(y, m, d).to_hijri()
    hm = HIJRI.split("،")[h.month - 1]
    return [
        f"{wd} {d} {lev} {y}",
        f"نشر في: {d} {egy} {y} - {day:%H:%M}",
        f"{wd}، {d} {mag} {y}",
        f"{d} {mor} {y}",
        f"{d} {lev}/{egy} {y}",
        f"{d} {egy} ({lev}) {y}".translate(INDIC),
        f"تاريخ النشر: {d:02d}/{m:02d}/{y} {day:%H:%M}",
        f"{y}-{m:02d}-{d:02d}T{day:%H:%M}:00+03:00",
        f"{h.day} {hm} {h.year}هـ",
        f"الرياض {h.day} {hm} {h.year} هـ الموافق {d} {egy} {y} م واس",
        f"آخر تحديث: {wd} {d} {egy} {y}".translate(INDIC),
    ]


def _gold_day(rec: dict) -> dt.datetime | None:
    if rec.get("time"):
        return dt.datetime.strptime(rec["time"][:25], "%a, %d %b %Y %H:%M:%S")
    if rec.get("published"):
        return dt.datetime.fromisoformat(rec["published"]).replace(tzinfo=None)
    if rec.get("crawled"):
        return dt.datetime.fromisoformat(rec["crawled"])
    return None


def dates(records: list[tuple[dict, str]]) -> None:
    print("== dates, exact day ==")
    real = real_ok = 0
    for rec, text in records:
        gold = _gold_day(rec)
        if gold is None:
            continue
        in_head = {d.iso[:10] for ln in _head(text, 3) for d in find_dates(ln)}
        if gold.date().isoformat() not in in_head:
            continue
        real += 1
        real_ok += (extract(text)[1]["date"] or "")[:10] == gold.date().isoformat()
    print(f"  (a) real datelines holding the article's date: {real_ok}/{real}")
    n = ours = base = 0
    per_form: dict[int, list[int]] = {}
    for rec, text in records:
        gold = _gold_day(rec)
        if gold is None or rec.get("corpus") not in ("ANT", "AlMayadeen"):
            continue
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        forms = _forms(gold)
        i = n % len(forms)
        n += 1
        line = forms[i]
        doc = "\n".join([lines[0], "", line, *lines[1:]])
        ok = (extract(doc)[1]["date"] or "")[:10] == gold.date().isoformat()
        ours += ok
        b_ok = False
        if htmldate is not None:
            found = htmldate.find_date(
                _wrap_html(lines[0], [line, *lines[1:]]),
                extensive_search=True,
                original_date=True,
            )
            b_ok = found == gold.date().isoformat()
            base += b_ok
        per_form.setdefault(i, [0, 0, 0])
        per_form[i][0] += 1
        per_form[i][1] += ok
        per_form[i][2] += b_ok
    print(f"  (b) written dates, {n} articles: ours {ours}/{n} = {ours / max(n, 1):.1%}", end="")
    if htmldate is None:
        print("   baseline htmldate: baseline not installed")
    else:
        print(f"   baseline htmldate {base}/{n} = {base / max(n, 1):.1%}")
        sample = _forms(dt.datetime(2020, 12, 16, 10, 30))
        for i, (k, o, b) in sorted(per_form.items()):
            print(f"      form {sample[i]!r:60s} ours {o}/{k}  htmldate {b}/{k}")


LABELS = ROOT / "benchmarks" / "data" / "metadata" / "datelines.jsonl"
FIELDS = ("location", "agency", "author")
_PERSON_SEP = re.compile(r"\s*[،,]\s*|\s+و(?=\S)")


def load_labels() -> list[dict]:
    """The hand-labelled datelines, one dict per article (see section 4 above)."""
    return [json.loads(ln) for ln in LABELS.read_text("utf-8").splitlines() if ln.strip()]


def _key(s: str) -> str:
    # "عبد الله" and "عبدالله", "أبو عريش" and "أبوعريش" are one name.
    return fold(s).replace(" ", "")


def _place(s: str) -> str:
    # "دبي، الإمارات العربية المتحدة" names دبي; the country after the comma only qualifies it.
    return _key(re.split(r"[،,]", s)[0])


def _persons(s: str) -> set[str]:
    return {_key(p) for p in _PERSON_SEP.split(s) if p.strip()}


def same(field: str, ours: str, gold: str) -> bool:
    """Whether our value names what the gold value names (precision's test).

    >>> same("location", "دبي", "دبي، الإمارات العربية المتحدة"), same("author", "طلال عبد الله", "طلال عبدالله")
    (True, True)
    """
    if field == "location":
        return _place(ours) == _place(gold)
    if field == "author":
        return bool(_persons(ours)) and _persons(ours) <= _persons(gold)
    return ours == gold


def covers(field: str, ours: str, gold: str) -> bool:
    """Whether our value gives all of the gold value (recall's test): every author of two."""
    if field == "author":
        return same(field, ours, gold) and _persons(gold) <= _persons(ours)
    return same(field, ours, gold)


def labelled() -> None:
    labels = [r for r in load_labels() if not r.get("ambiguous")]
    stats = {f: [0, 0, 0, 0] for f in FIELDS}  # given, right, gold, found
    misses: list[tuple[str, str, str, str | None, str | None]] = []
    traf = [0, 0, 0]  # given, right, found
    for rec in labels:
        text = (CORPUS / rec["file"]).read_text("utf-8")
        _, meta = extract(text)
        for f in FIELDS:
            ours, gold = meta.get(f), rec[f]
            st = stats[f]
            if ours:
                st[0] += 1
                ok = bool(gold) and same(f, ours, gold)
                st[1] += ok
                if not ok:
                    misses.append(("wrong" if gold else "spurious", rec["file"], f, ours, gold))
            if gold:
                st[2] += 1
                found = bool(ours) and covers(f, ours, gold)
                st[3] += found
                if not ours:
                    misses.append(("missed", rec["file"], f, ours, gold))
                elif not found and same(f, ours, gold):
                    misses.append(("partial", rec["file"], f, ours, gold))
        if trafilatura is not None:
            lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
            md = trafilatura.extract_metadata(_wrap_html(lines[0], lines[1:]))
            author = getattr(md, "author", None) if md else None
            if author:
                traf[0] += 1
                traf[1] += bool(rec["author"]) and same("author", author, rec["author"])
            if rec["author"] and author:
                traf[2] += covers("author", author, rec["author"])
    n_amb = len(load_labels()) - len(labels)
    print("== datelines and bylines, hand-labelled set ==")
    print(f"  {len(labels)} articles labelled ({n_amb} ambiguous left out)")
    total = [0, 0, 0, 0]
    for f in (*FIELDS, "overall"):
        g, r, n, fd = stats[f] if f != "overall" else total
        if f != "overall":
            total = [a + b for a, b in zip(total, stats[f], strict=True)]
        print(
            f"    {f:9s} given {g:3d} right {r:3d} precision {r / max(g, 1):6.1%}"
            f"   gold {n:3d} found {fd:3d} recall {fd / max(n, 1):6.1%}"
        )
    if trafilatura is None:
        print("  baseline trafilatura: baseline not installed")
    else:
        print(
            f"    baseline trafilatura author: given {traf[0]:3d} right {traf[1]:3d}"
            f" precision {traf[1] / max(traf[0], 1):6.1%}   gold {stats['author'][2]:3d}"
            f" found {traf[2]:3d} recall {traf[2] / max(stats['author'][2], 1):6.1%}"
        )
    print(f"  misses ({len(misses)}): kind, file, field, ours, gold")
    for m in misses:
        print("   ", m)


def throughput(limit: int) -> None:
    import orjson

    path = CORPUS / "bulk" / "news-20k.jsonl.gz"
    raw = gzip.decompress(path.read_bytes()).splitlines()[:limit]
    t0 = time.perf_counter()
    texts = [orjson.loads(line)["text"] for line in raw]
    t_json = time.perf_counter() - t0
    mb = sum(len(t.encode()) for t in texts) / 1e6
    t0 = time.perf_counter()
    for t in texts:
        extract(t)
    t_meta = time.perf_counter() - t0
    print("== throughput ==")
    print(f"  {len(texts)} articles, {mb:.1f} MB of text")
    print(f"  bare orjson loop   {mb / t_json:8.1f} MB/s")
    print(f"  extract-metadata   {mb / t_meta:8.1f} MB/s  ({t_json / t_meta:.1%} of orjson speed)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bulk", type=int, default=20000, help="bulk records for throughput")
    ap.add_argument("--labels-only", action="store_true", help="only the hand-labelled set")
    args = ap.parse_args()
    labelled()
    if args.labels_only:
        return
    records = _records()
    bylines(records)
    dates(records)
    throughput(args.bulk)


if __name__ == "__main__":
    main()
