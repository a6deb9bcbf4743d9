"""Throughput of ``arnews clean`` on the 20k-article bulk corpus, beside baselines.

Run: ``python benchmarks/clean.py [--repeat N]``. Figures are MB/s of JSON Lines
input (uncompressed), best of N runs, all measured in this run:

- bare loop (issue #7 baseline): ``orjson.loads`` -> ``orjson.dumps`` per record, nothing
  done to the text; issue #7 asks ``arnews clean`` (safe) for >= 0.2x its speed as a
  stream filter. The ratio is printed in-process and for the stream filters;
- bare translate loop: the same with one ``str.translate`` of a few deletions per
  record, the floor of a cleaner that rewrites every text;
- pyarabic: the same loop with ``strip_tashkeel`` + ``strip_tatweel``;
- clean safe / search in-process: the same loop with ``clean_text``;
- stream filter: ``python -m arnews_cli clean -`` fed the records through a pipe,
  beside bare ``python -c`` filters doing the bare loops (start-up included in all).

It also runs the full "no false repairs" check over every bulk and corpus
article (the test suite samples every 10th bulk article to stay fast).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
BULK = CORPUS / "bulk" / "news-20k.jsonl.gz"
sys.path.insert(0, str(ROOT))

from arnews_cli.steps.clean import PRESETS, _repair, clean_text  # noqa: E402

BARE_TABLE = dict.fromkeys(map(ord, "\u0640\u200e\u200f\u202a\u202b\u202c\ufeff"))
BARE_TRANSLATE_FILTER = (
    "import sys, orjson\n"
    f"t = dict.fromkeys({sorted(BARE_TABLE)!r})\n"
    "w = sys.stdout.buffer.write\n"
    "for line in sys.stdin.buffer:\n"
    "    r = orjson.loads(line); r['text'] = r['text'].translate(t)\n"
    "    w(orjson.dumps(r) + b'\\n')\n"
)
# The issue #7 baseline: parse and serialise each record, touch nothing.
BARE_FILTER = (
    "import sys, orjson\n"
    "w = sys.stdout.buffer.write\n"
    "for line in sys.stdin.buffer:\n"
    "    w(orjson.dumps(orjson.loads(line)) + b'\\n')\n"
)


def loop(lines: list[bytes], fn: Callable[[str], str]) -> None:
    loads, dumps = orjson.loads, orjson.dumps
    for line in lines:
        rec = loads(line)
        rec["text"] = fn(rec["text"])
        dumps(rec)


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return min(times)


def pipe(cmd: list[str], data: bytes) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, input=data, stdout=subprocess.DEVNULL, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    data = gzip.decompress(BULK.read_bytes())
    lines = data.splitlines()
    mb = len(data) / 1e6
    print(f"bulk: {len(lines)} records, {mb:.1f} MB of JSON Lines\n")

    rows: list[tuple[str, float]] = []
    bare = best(args.repeat, lambda: loop(lines, lambda s: s))
    rows.append(("bare loop (loads/dumps)", bare))
    bare_translate = best(args.repeat, lambda: loop(lines, lambda s: s.translate(BARE_TABLE)))
    rows.append(("bare loop (loads/translate/dumps)", bare_translate))
    try:
        import pyarabic.araby as ar

        rows.append(
            (
                "pyarabic strip_tashkeel+strip_tatweel",
                best(
                    args.repeat,
                    lambda: loop(lines, lambda s: ar.strip_tatweel(ar.strip_tashkeel(s))),
                ),
            )
        )
    except ImportError:
        print("pyarabic: baseline not installed")
    safe = best(args.repeat, lambda: loop(lines, clean_text))
    rows.append(("clean --preset safe (in-process)", safe))
    search = PRESETS["search"]
    rows.append(
        (
            "clean --preset search (in-process)",
            best(args.repeat, lambda: loop(lines, lambda s: clean_text(s, search))),
        )
    )
    for name, secs in rows:
        print(f"{name:48s} {mb / secs:7.1f} MB/s  ({secs:.2f} s)")
    print(f"\nsafe preset / bare loop (in-process): {bare / safe:.2f}")
    print(f"safe preset / bare translate loop (in-process): {bare_translate / safe:.2f}\n")

    streams: list[tuple[str, float]] = []
    for name, code in (
        ("loads/dumps", BARE_FILTER),
        ("loads/translate/dumps", BARE_TRANSLATE_FILTER),
    ):
        secs = min(pipe([sys.executable, "-c", code], data) for _ in range(args.repeat))
        streams.append((f"bare filter, {name} (python -c)", secs))
    stream_bare = streams[0][1]
    try:
        stream = min(
            pipe([sys.executable, "-m", "arnews_cli", "clean", "-"], data)
            for _ in range(args.repeat)
        )
        streams.append(("arnews clean - (subprocess pipe)", stream))
    except (RuntimeError, OSError) as e:
        stream = None
        print(f"arnews clean - (subprocess pipe): not measured ({e})")
    for name, secs in streams:
        print(f"{name:48s} {mb / secs:7.1f} MB/s  ({secs:.2f} s)")
    if stream is not None:
        print(
            f"\narnews clean / bare loads/dumps filter: {stream_bare / stream:.2f} "
            "(issue #7 target >= 0.20)"
        )

    t = time.perf_counter()
    texts = [orjson.loads(line)["text"] for line in lines]
    texts += [p.read_text("utf-8") for p in sorted((CORPUS / "articles").rglob("*.txt"))]
    changed = [i for i, s in enumerate(texts) if "\n".join(_repair(s, None)[0]) != s]
    print(
        f"\nno false repairs: {len(changed)} of {len(texts)} articles changed by the "
        f"mojibake rule ({time.perf_counter() - t:.1f} s)"
    )


if __name__ == "__main__":
    main()
