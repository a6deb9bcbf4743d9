"""Benchmark `segment` on UD Arabic-PUD: sentence boundaries, tokens, speed.

Run: ``python benchmarks/segment.py``

Sentences: the 1,000 gold sentences are joined four to a paragraph (one space between
them); a boundary is the end offset of a sentence inside a paragraph (the paragraph's
own end is not counted: every splitter finds it). Precision, recall and F1 of ours beside
pyarabic's ``sentence_tokenize``, pysbd's Arabic splitter (if installed) and a naive
split after ``. ! ? ؟ …`` followed by whitespace, all on the same paragraphs.

Tokens: PUD has no multiword-token lines; its syntactic words (ل + أوباما) are glued
back into surface tokens wherever the treebank says SpaceAfter=No and neither side is
punctuation, giving the surface tokens of the text. Exact-span F1 of ours beside the
naive ``\\w+|[^\\w\\s]`` and pyarabic's ``araby.tokenize``.

Speed: MB/s (UTF-8 megabytes) for sentences and for sentences with tokens, on the
bulk news corpus (first 8 MB of article text), beside the baselines.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from arnews_cli.steps.segment import sentences, tokenize  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PUD = CORPUS / "ud" / "ar_pud-ud-test.conllu"
BULK = CORPUS / "bulk" / "news-20k.jsonl.gz"
_NAIVE = re.compile(r"(?<=[.!?؟…])\s+")
_NAIVE_TOKEN = re.compile(r"\w+|[^\w\s]")


def read_pud() -> list[tuple[str, list[tuple[int, int]]]]:
    """Each sentence's text and its gold surface-token spans."""
    out = []
    text = ""
    words: list[tuple[str, str, bool]] = []  # form, upos, space after
    for line in PUD.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif not line.strip():
            if words:
                out.append((text, _surface(text, words)))
            words = []
        elif not line.startswith("#"):
            f = line.split("\t")
            if "-" in f[0] or "." in f[0]:
                continue
            words.append((f[1], f[3], "SpaceAfter=No" not in f[9]))
    if words:
        out.append((text, _surface(text, words)))
    return out


def _is_punct(form: str, upos: str) -> bool:
    return upos in ("PUNCT", "SYM") and not re.search(r"\w", form)


def _surface(text: str, words: list[tuple[str, str, bool]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    glue = False
    prev_punct = True
    for form, upos, space in words:
        s = text.find(form, pos)
        if s < 0:  # form and text disagree (rare): resynchronise on the next word
            glue = False
            continue
        e = s + len(form)
        punct = _is_punct(form, upos)
        if glue and not punct and not prev_punct and spans and spans[-1][1] == s:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
        pos, glue, prev_punct = e, not space, punct
    return spans


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ends_from_strings(par: str, parts: list[str]) -> list[int]:
    """End offsets of splitter output strings found in order in the paragraph."""
    ends, pos = [], 0
    for part in parts:
        part = part.strip()
        if not part:
            continue
        i = par.find(part, pos)
        if i < 0:
            continue
        pos = i + len(part)
        ends.append(pos)
    return ends


def splitters() -> dict[str, Callable[[str], list[int]]]:
    out: dict[str, Callable[[str], list[int]]] = {
        "arnews": lambda par: [s["end"] for s in sentences(par)],
        "naive regex": lambda par: ends_from_strings(par, _NAIVE.split(par)),
    }
    try:
        from pyarabic.araby import sentence_tokenize

        out["pyarabic"] = lambda par: ends_from_strings(par, sentence_tokenize(par))
    except ImportError:
        print("pyarabic: baseline not installed")
    try:
        import pysbd

        seg = pysbd.Segmenter(language="ar", clean=False)
        out["pysbd"] = lambda par: ends_from_strings(par, seg.segment(par))
    except ImportError:
        print("pysbd: baseline not installed")
    return out


def sentence_scores(pud: list[tuple[str, list[tuple[int, int]]]]) -> None:
    paras: list[tuple[str, set[int]]] = []
    for i in range(0, len(pud), 4):
        group = [t for t, _ in pud[i : i + 4]]
        par, gold, pos = "", set(), 0
        for j, t in enumerate(group):
            par += (" " if j else "") + t
            pos = len(par)
            if j < len(group) - 1:
                gold.add(pos)
        paras.append((par, gold))
    print(f"\nSentence boundaries on UD Arabic-PUD ({len(paras)} paragraphs of 4 sentences)")
    print(f"{'splitter':<14}{'P':>8}{'R':>8}{'F1':>8}")
    for name, split in splitters().items():
        tp = pred = gold_n = 0
        for par, gold in paras:
            ends = {e for e in split(par) if e < len(par.rstrip())}
            tp += len(ends & gold)
            pred += len(ends)
            gold_n += len(gold)
        p, r, f = prf(tp, pred, gold_n)
        print(f"{name:<14}{p:8.3f}{r:8.3f}{f:8.3f}")


def token_scores(pud: list[tuple[str, list[tuple[int, int]]]]) -> None:
    def ours(t: str) -> list[tuple[int, int]]:
        return [(x["start"], x["end"]) for x in tokenize(t)]

    def naive(t: str) -> list[tuple[int, int]]:
        return [m.span() for m in _NAIVE_TOKEN.finditer(t)]

    systems = {"arnews": ours, "naive regex": naive}
    try:
        from pyarabic.araby import tokenize as ar_tokenize

        def pyar(t: str) -> list[tuple[int, int]]:
            spans, pos = [], 0
            for tok in ar_tokenize(t):
                i = t.find(tok, pos)
                if i >= 0:
                    spans.append((i, i + len(tok)))
                    pos = i + len(tok)
            return spans

        systems["pyarabic"] = pyar
    except ImportError:
        print("pyarabic: baseline not installed")
    print("\nSurface tokens on UD Arabic-PUD (exact spans)")
    print(f"{'tokenizer':<14}{'P':>8}{'R':>8}{'F1':>8}")
    for name, fn in systems.items():
        tp = pred = gold_n = 0
        for text, gold in pud:
            got = set(fn(text))
            tp += len(got & set(gold))
            pred += len(got)
            gold_n += len(gold)
        p, r, f = prf(tp, pred, gold_n)
        print(f"{name:<14}{p:8.3f}{r:8.3f}{f:8.3f}")


def speed() -> None:
    texts, size = [], 0
    with gzip.open(BULK, "rt", encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)["text"]
            texts.append(t)
            size += len(t.encode("utf-8"))
            if size > 8_000_000:
                break
    mb = size / 1e6

    def rate(fn: Callable[[str], object]) -> float:
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        return mb / (time.perf_counter() - t0)

    runs: dict[str, Callable[[str], object]] = {
        "arnews sentences": sentences,
        "arnews sentences+tokens": lambda t: sentences(t, tokens=True),
        "arnews tokens only": tokenize,
        "naive regex split": _NAIVE.split,
        "naive regex tokens": lambda t: _NAIVE_TOKEN.findall(t),
    }
    try:
        from pyarabic.araby import sentence_tokenize
        from pyarabic.araby import tokenize as ar_tokenize

        runs["pyarabic sentence_tokenize"] = sentence_tokenize
        runs["pyarabic tokenize"] = ar_tokenize
    except ImportError:
        print("pyarabic: baseline not installed")
    print(f"\nSpeed on {mb:.1f} MB of news text ({len(texts)} articles)")
    for name, fn in runs.items():
        print(f"{name:<28}{rate(fn):8.1f} MB/s")
    try:
        import pysbd

        seg = pysbd.Segmenter(language="ar", clean=False)
        few = texts[:100]  # pysbd is slow: the first 100 articles only
        few_mb = sum(len(t.encode("utf-8")) for t in few) / 1e6
        t0 = time.perf_counter()
        for t in few:
            seg.segment(t)
        speed_ = few_mb / (time.perf_counter() - t0)
        print(f"{'pysbd segment':<28}{speed_:8.1f} MB/s  ({few_mb:.2f} MB)")
    except ImportError:
        print("pysbd: baseline not installed")


# The issue #7 baseline: parse and serialise each record, touch nothing.
BARE_FILTER = (
    "import sys, orjson\n"
    "w = sys.stdout.buffer.write\n"
    "for line in sys.stdin.buffer:\n"
    "    w(orjson.dumps(orjson.loads(line)) + b'\\n')\n"
)


def stream() -> None:
    """``arnews segment`` as a stream filter on the whole bulk corpus, beside the bare loop."""
    import subprocess

    data = gzip.decompress(BULK.read_bytes())
    mb = len(data) / 1e6

    def pipe(cmd: list[str]) -> float:
        t0 = time.perf_counter()
        subprocess.run(cmd, input=data, stdout=subprocess.DEVNULL, cwd=ROOT, check=True)
        return time.perf_counter() - t0

    print(f"\nStream filters on the bulk corpus ({mb:.1f} MB of JSON Lines, start-up included)")
    bare = pipe([sys.executable, "-c", BARE_FILTER])
    print(f"{'bare loads/dumps filter':<28}{mb / bare:8.1f} MB/s  ({bare:.2f} s)")
    try:
        for name, extra in (("arnews segment", []), ("arnews segment --tokens", ["--tokens"])):
            secs = pipe([sys.executable, "-m", "arnews_cli", "segment", *extra, "-"])
            print(f"{name:<28}{mb / secs:8.1f} MB/s  ({secs:.2f} s, {bare / secs:.2f}x bare)")
    except (subprocess.CalledProcessError, OSError) as e:
        print(f"arnews segment: not measured ({e})")


def main() -> None:
    pud = read_pud()
    sentence_scores(pud)
    token_scores(pud)
    speed()
    stream()


if __name__ == "__main__":
    main()
