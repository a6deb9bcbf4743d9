"""arnews' speed and memory, each figure beside a baseline measured in the same run.

    python benchmarks/run.py            # everything, 3 runs each (about 5 minutes)
    python benchmarks/run.py --quick    # 1 run each, start-up with 5 runs
    python benchmarks/run.py --only startup,steps,jobs,memory

Figures are min / median / max over the runs. Absolute times move with the
machine's load; the ratios beside them are what to compare between runs.

- start-up: `echo x | arnews <cmd>` against `python -c pass` (medians of 15 runs);
- steps: each step as a stream filter over the bulk corpus (70 MB of JSON Lines)
  against a bare orjson read/write loop run the same way, and dedup (text and story
  mode) beside the pipeline;
- jobs: `pipeline --jobs 2` against `--jobs 1`;
- memory: peak RSS of `pipeline` over the whole bulk against its first 1,000
  articles, and over one 50 MB article.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BULK = ROOT.parent / "shared" / "corpus" / "bulk" / "news-20k.jsonl.gz"

BARE_LOOP = """
import sys, orjson
out = sys.stdout.buffer
for line in sys.stdin.buffer:
    out.write(orjson.dumps(orjson.loads(line)) + b"\\n")
"""


def arnews_cmd() -> list[str]:
    exe = shutil.which("arnews")
    return [exe] if exe else [sys.executable, "-m", "arnews_cli"]


def timed(cmd: list[str], stdin_path: Path | None = None, stdin_bytes: bytes | None = None):
    """Wall seconds and peak RSS (MiB) of one run of ``cmd``, output discarded."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.PIPE
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stdin_bytes is not None and proc.stdin:
        proc.stdin.write(stdin_bytes)
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if stdin_path:
        stdin.close()  # type: ignore[union-attr]
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err[:500]}")
    return elapsed, usage.ru_maxrss / 1024


def summary(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def fmt3(values: list[float], unit: str, scale: float = 1.0) -> str:
    lo, med, hi = summary([v * scale for v in values])
    return f"{lo:8.1f} {med:8.1f} {hi:8.1f} {unit}"


def startup(runs: int) -> None:
    print(f"\n## start-up (`echo x | arnews <cmd>`, {runs} runs; min median max ms)")
    base = [timed([sys.executable, "-c", "pass"], stdin_bytes=b"")[0] for _ in range(runs)]
    base_med = statistics.median(base)
    print(f"{'python -c pass':28} {fmt3(base, 'ms', 1000)}   1.0x")
    from arnews_cli.cli import _COMMANDS

    # Every subcommand that reads articles (completion prints a shell script instead).
    for cmd in ["--version", *(c for c in _COMMANDS if c != "completion")]:
        args = [cmd] if cmd == "--version" else [cmd, "-f", "jsonl"]
        times = [timed(arnews_cmd() + args, stdin_bytes=b"x\n")[0] for _ in range(runs)]
        ratio = statistics.median(times) / base_med
        print(f"{'arnews ' + cmd:28} {fmt3(times, 'ms', 1000)}  {ratio:4.1f}x")


def steps(data: Path, runs: int) -> None:
    size = data.stat().st_size
    n = sum(1 for _ in open(data, "rb"))
    print(
        f"\n## throughput as a stream filter: {size / 1e6:.1f} MB, {n} articles "
        f"({runs} runs; MB/s min median max, articles/s at the median, ratio to the bare loop)"
    )
    bare = [timed([sys.executable, "-c", BARE_LOOP], data)[0] for _ in range(runs)]
    bare_rate = size / statistics.median(bare) / 1e6

    def row(name: str, times: list[float]) -> None:
        rates = [size / t / 1e6 for t in times]
        med = statistics.median(rates)
        aps = n / statistics.median(times)
        print(f"{name:36} {fmt3(rates, 'MB/s')} {aps:9.0f} art/s  {med / bare_rate:5.3f}x")

    row("bare orjson loop (baseline)", bare)
    medians = {}
    for args in (
        ["clean"],
        ["clean", "--preset", "search"],
        ["strip-boilerplate", "--min-repeat", "0"],
        ["strip-boilerplate"],
        ["segment"],
        ["segment", "--tokens"],
        ["extract-metadata"],
        ["pipeline", "-f", "jsonl"],
        ["dedup"],
        ["dedup", "--by", "story"],
    ):
        times = [timed(arnews_cmd() + args, data)[0] for _ in range(runs)]
        medians[" ".join(args)] = statistics.median(times)
        row("arnews " + " ".join(args), times)
    # Issue 17 asks dedup to take at most half the pipeline's time over the same input.
    for name in ("dedup", "dedup --by story"):
        share = medians[name] / medians["pipeline -f jsonl"]
        print(f"{'arnews ' + name:36} {share:.2f}x the pipeline's time")


def jobs(data: Path, runs: int) -> None:
    size = data.stat().st_size
    print(
        f"\n## --jobs scaling: pipeline over {size / 1e6:.1f} MB on {os.cpu_count()} cores "
        f"({runs} runs; seconds min median max)"
    )
    one = [
        timed(arnews_cmd() + ["pipeline", "-f", "jsonl", "--jobs", "1", str(data)])[0]
        for _ in range(runs)
    ]
    two = [
        timed(arnews_cmd() + ["pipeline", "-f", "jsonl", "--jobs", "2", str(data)])[0]
        for _ in range(runs)
    ]
    print(f"{'pipeline --jobs 1':28} {fmt3(one, 's')}")
    print(
        f"{'pipeline --jobs 2':28} {fmt3(two, 's')}  speed-up {statistics.median(one) / statistics.median(two):.2f}x"
    )


def memory(data: Path, tmp: Path) -> None:
    print("\n## peak RSS of `arnews pipeline` (MiB)")
    first = tmp / "first1000.jsonl"
    with open(data, "rb") as src, open(first, "wb") as dst:
        for i, line in enumerate(src):
            if i == 1000:
                break
            dst.write(line)
    bare_rss = timed([sys.executable, "-c", BARE_LOOP], data)[1]
    small = timed(arnews_cmd() + ["pipeline", "-f", "jsonl"], first)[1]
    full = timed(arnews_cmd() + ["pipeline", "-f", "jsonl"], data)[1]
    print(f"{'bare orjson loop, whole bulk':36} {bare_rss:8.1f}")
    print(f"{'pipeline, first 1,000 articles':36} {small:8.1f}")
    print(f"{'pipeline, whole bulk':36} {full:8.1f}  {full / small:.2f}x the first 1,000")
    # One 50 MB article: the bulk texts glued together as one record.
    import orjson

    big = tmp / "big.jsonl"
    parts, total = [], 0
    with open(data, "rb") as src:
        for line in src:
            text = orjson.loads(line)["text"]
            parts.append(text)
            total += len(text.encode())
            if total > 50e6:
                break
    big.write_bytes(orjson.dumps({"id": "big", "text": "\n\n".join(parts)}) + b"\n")
    del parts
    secs, rss = timed(arnews_cmd() + ["pipeline", "-f", "jsonl"], big)
    print(
        f"{'pipeline, one 50 MB article':36} {rss:8.1f}  in {secs:.1f} s "
        f"({big.stat().st_size / 1e6 / secs:.1f} MB/s)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="one run each")
    ap.add_argument("--only", default="startup,steps,jobs,memory")
    args = ap.parse_args()
    runs = 1 if args.quick else 3
    only = set(args.only.split(","))
    print(
        f"arnews benchmarks: python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"command {' '.join(arnews_cmd())}"
    )
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        data = tmp / "bulk.jsonl"
        with gzip.open(BULK, "rb") as src, open(data, "wb") as dst:
            shutil.copyfileobj(src, dst)
        if "startup" in only:
            startup(5 if args.quick else 15)
        if "steps" in only:
            steps(data, runs)
        if "jobs" in only:
            jobs(data, runs)
        if "memory" in only:
            memory(data, tmp)


if __name__ == "__main__":
    main()
