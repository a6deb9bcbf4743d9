"""Peak memory of one very large article through each step, beside a bare baseline.

Run: ``python benchmarks/memory.py [MB] [STEP ...]`` (default 50 MB, every step)

The article is real text: bulk-corpus articles (``../shared/corpus/bulk``) joined with
blank lines until it holds MB megabytes of UTF-8. Each command runs in its own process
(``python -m arnews_cli STEP FILE``, output to /dev/null) and its peak resident set size
is read from ``os.wait4``. Beside them, in the same invocation:

- ``python: read``: a Python process that reads the file and writes it out (``cat``
  through Python: the interpreter plus the bytes, once);
- ``python: str``: the same, decoding the bytes to a ``str`` and encoding it back (the
  least any step that handles the text as ``str`` can hold: bytes + text).

Figures are peak RSS divided by the article's size in bytes (issue 14.5 aims at <= 4x for
``pipeline``). Output is not compared here: tests and ``/work/ref`` outputs do that.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
BULK = ROOT.parent / "shared" / "corpus" / "bulk" / "news-20k.jsonl.gz"
STEPS = ("clean", "strip-boilerplate", "segment", "extract-metadata", "pipeline")

_READ = "import sys; sys.stdout.buffer.write(open(sys.argv[1], 'rb').read())"
_STR = (
    "import sys; t = open(sys.argv[1], 'rb').read().decode(); "
    "sys.stdout.buffer.write(t.encode())"
)


def build_article(path: Path, size: int) -> int:
    """Write real articles, blank-line separated, until ``size`` bytes; return the size."""
    n = 0
    with gzip.open(BULK) as f, path.open("wb") as out:
        for line in f:
            data = orjson.loads(line)["text"].encode() + b"\n\n"
            out.write(data)
            n += len(data)
            if n >= size:
                break
    return n


def peak_rss(argv: list[str]) -> int:
    """Peak resident set size in bytes of one command run to its end."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read() if proc.stderr else b""
    if proc.returncode:
        sys.exit(f"{' '.join(argv)}: exit {proc.returncode}: {err.decode(errors='replace')}")
    return usage.ru_maxrss * 1024  # kilobytes on Linux


def main() -> None:
    mb = float(sys.argv[1]) if len(sys.argv) > 1 else 50
    steps = sys.argv[2:] or STEPS
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "big.txt"
        size = build_article(article, int(mb * 1_000_000))
        print(f"one article of {size / 1e6:.1f} MB (real bulk text)\n")
        print(f"{'command':<22} {'peak MiB':>9} {'x size':>7}")
        runs = [("python: read", [sys.executable, "-c", _READ, str(article)])]
        runs.append(("python: str", [sys.executable, "-c", _STR, str(article)]))
        runs += [(s, [sys.executable, "-m", "arnews_cli", s, str(article)]) for s in steps]
        for name, argv in runs:
            peak = peak_rss(argv)
            print(f"{name:<22} {peak / 2**20:>9.0f} {peak / size:>7.2f}", flush=True)


if __name__ == "__main__":
    main()
