"""Benchmark of strip-boilerplate on a labelled set, beside jusText on the same files.

    python benchmarks/boilerplate.py

The set (``benchmarks/data/boilerplate/labelled.jsonl``, built by ``build.py`` there)
labels every line of real articles (with the chrome sites leave inside them) and of
real articles wrapped in page chrome in the styles of eight Arabic news sites. Printed
per site: the share of body lines kept and of chrome lines removed (blank lines are not
counted), for

- ``rules``: ``strip`` on each article alone;
- ``+coll``: the same through ``strip_collection`` over the whole set (``--min-repeat``
  at its default), as ``arnews strip-boilerplate`` does on a directory;
- ``jusText``: jusText 3 with its Arabic stoplist, one ``<p>`` per line (a line is
  kept when its paragraph is not classified as boilerplate).

Targets: body kept >= 99.5 %, chrome removed >= 95 %, on held-out site styles too.

Then throughput over the bulk corpus (``shared/corpus/bulk/news-20k.jsonl.gz``, read into
memory first), in-process: a bare orjson loads/dumps loop over its lines beside the same
loop with ``strip`` on each text (``--min-repeat 0``) and with ``strip_collection`` (the
default collection pass). Target (issue #7): strip-boilerplate at >= 50 MB/s, i.e. within
a few times the bare loop.
"""

from __future__ import annotations

import gzip
import html
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arnews_cli.api import strip_boilerplate  # noqa: E402
from arnews_cli.repeats import DEFAULT_MIN_REPEAT, strip_collection  # noqa: E402
from arnews_cli.steps.boilerplate import strip  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "boilerplate" / "labelled.jsonl"
BULK = (
    Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bulk" / "news-20k.jsonl.gz"
)


def load() -> list[dict]:
    with DATA.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def removed_lines(removed: list[dict]) -> set[int]:
    return {r["line"] for r in removed}


def justext_kept(lines: list[str]) -> set[int] | None:
    """1-based numbers of the lines jusText keeps, or None when it is not installed."""
    try:
        import justext
    except ImportError:
        return None
    stop = justext.get_stoplist("Arabic")
    idx = [i for i, t in enumerate(lines, 1) if t.strip()]
    doc = "<html><body>" + "".join(f"<p>{html.escape(lines[i - 1])}</p>" for i in idx)
    doc += "</body></html>"
    paras = justext.justext(doc.encode("utf-8"), stop, encoding="utf-8")
    kept: set[int] = set()
    # jusText returns one paragraph per <p>, in order.
    for i, p in zip(idx, paras, strict=False):
        if not p.is_boilerplate:
            kept.add(i)
    return kept


def main() -> None:
    recs = load()
    stats: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    held: dict[str, bool] = {}
    misses: list[tuple[str, str, str]] = []

    texts = ["\n".join(ln["text"] for ln in r["lines"]) for r in recs]
    stream = (
        {"id": str(i), "source": r["file"], "encoding": "utf-8", "text": t}
        for i, (r, t) in enumerate(zip(recs, texts, strict=True))
    )
    coll = {
        int(o["id"]): removed_lines(o.get("removed", []))
        for o in strip_collection(stream, strip=strip_boilerplate)
    }
    jt_missing = False
    for i, (r, text) in enumerate(zip(recs, texts, strict=True)):
        lines = [ln["text"] for ln in r["lines"]]
        labels = [ln["label"] for ln in r["lines"]]
        _, rem = strip(text)
        gone = removed_lines(rem)
        jt = justext_kept(lines)
        jt_missing = jt_missing or jt is None
        groups = [r["site"], "ALL held-out" if r["held_out"] else "ALL rules-written-from"]
        groups.append("ALL")
        for g in groups:
            held[g] = r["held_out"] and g != "ALL"
        for n, (t, lab) in enumerate(zip(lines, labels, strict=True), 1):
            if not t.strip():
                continue
            for g in groups:
                s = stats[g]
                s[f"{lab}:n"][0] += 1
                good_rules = (n not in gone) == (lab == "body")
                good_coll = (n not in coll[i]) == (lab == "body")
                s[f"{lab}:rules"][0] += good_rules
                s[f"{lab}:coll"][0] += good_coll
                if jt is not None:
                    s[f"{lab}:jt"][0] += (n in jt) == (lab == "body")
            if not ((n not in gone) == (lab == "body")):
                misses.append((r["file"], lab, t.strip()[:70]))

    def pct(s: dict, key: str, lab: str) -> str:
        total = s[f"{lab}:n"][0]
        if not total:
            return "     -"
        if key == "jt" and jt_missing:
            return "   n/a"
        return f"{100 * s[f'{lab}:{key}'][0] / total:6.2f}"

    print(
        f"strip-boilerplate on {DATA.name}: {len(recs)} articles; --min-repeat {DEFAULT_MIN_REPEAT}"
    )
    if jt_missing:
        print("jusText: baseline not installed (pip install justext lxml_html_clean)")
    print()
    print(
        f"{'site':26} {'held':>4} {'body':>5} {'chrome':>6} | body kept %:   rules  +coll jusText"
        " | chrome removed %: rules  +coll jusText"
    )
    order = sorted(k for k in stats if not k.startswith("ALL")) + [
        "ALL rules-written-from",
        "ALL held-out",
        "ALL",
    ]
    for g in order:
        s = stats[g]
        print(
            f"{g:26} {'yes' if held.get(g) else '':>4} {s['body:n'][0]:5} {s['chrome:n'][0]:6} |"
            f"              {pct(s, 'rules', 'body')} {pct(s, 'coll', 'body')} {pct(s, 'jt', 'body')}"
            f" |                  {pct(s, 'rules', 'chrome')} {pct(s, 'coll', 'chrome')}"
            f" {pct(s, 'jt', 'chrome')}"
        )
    print()
    print(
        "held-out site styles (chrome written after the rules, not used to write them):",
        ", ".join(sorted(g for g, h in held.items() if h and not g.startswith("ALL"))),
    )
    print(
        "note: the held-out styles were run once before any change (chrome removed 83.5 %,"
        " body kept 100 %); their misses then led to changes (site-name lines, 'تعليقات الزوار',"
        " 'المزيد عن:', '(بتوقيت ...)' after a date, and bylines relabelled as body), so the"
        " figures above for them are no longer blind."
    )
    print(f"\nlines the rules get wrong ({len(misses)}):")
    for f, lab, t in misses:
        print(f"  {lab:6} {f}: {t}")


def throughput() -> None:
    """MB/s and articles/s of strip over the bulk corpus, beside a bare orjson loop."""
    import orjson

    from arnews_cli.api import strip_boilerplate

    if not BULK.exists():
        print(f"\nthroughput: {BULK} not found")
        return
    raw = gzip.decompress(BULK.read_bytes()).splitlines()
    mb = sum(map(len, raw)) / 1e6
    n = len(raw)

    def timed(label: str, run) -> float:
        t = time.perf_counter()
        run()
        dt = time.perf_counter() - t
        print(f"  {label:44} {dt:6.2f} s {mb / dt:7.1f} MB/s {n / dt:8.0f} articles/s")
        return dt

    def bare() -> None:
        for line in raw:
            orjson.dumps(orjson.loads(line))

    def rules() -> None:
        for line in raw:
            orjson.dumps(strip_boilerplate(orjson.loads(line)))

    def collection() -> None:
        for rec in strip_collection((orjson.loads(line) for line in raw), strip=strip_boilerplate):
            orjson.dumps(rec)

    print(f"\nthroughput on {BULK.name}: {n} articles, {mb:.1f} MB (in-process, one run each)")
    base = timed("bare orjson loads/dumps loop", bare)
    # The first pass also fills the per-word cache; the second is what a long run sees.
    first = timed("strip (--min-repeat 0), cold word cache", rules)
    warm = timed("strip (--min-repeat 0)", rules)
    coll = timed(f"strip_collection (--min-repeat {DEFAULT_MIN_REPEAT})", collection)
    print(
        f"  ratio bare/strip: {base / first:.3f} cold, {base / warm:.3f} warm;"
        f" bare/collection: {base / coll:.3f}"
    )


if __name__ == "__main__":
    main()
    throughput()
