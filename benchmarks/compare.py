"""Does this checkout give the same output as another revision? (issue 14.5's proof)

Run: ``python benchmarks/compare.py REV [--limit N] [--steps clean,segment]``

REV is any git revision (``main``, ``a3b23c1``, ``HEAD~3``). Its ``arnews_cli`` is taken
from git into a temporary folder; then each step runs over the bulk corpus
(``../shared/corpus/bulk``, its first N records with ``--limit``) and over ``samples/``,
once with that build and once with this checkout's, each as its own
``python -m arnews_cli`` process started outside any checkout (run from inside one,
Python would put the current folder first on ``sys.path`` and both runs would use it).
The two outputs are compared record by record: the report gives, per step, how many
records are the same and the ids of the first that differ, so an intended change can be
read and an unintended one found.

Steps: clean, strip-boilerplate, segment, segment --tokens, extract-metadata, pipeline.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
BULK = ROOT.parent / "shared" / "corpus" / "bulk" / "news-20k.jsonl.gz"
SAMPLES = ROOT / "samples"
STEPS = {
    "clean": ["clean"],
    "strip-boilerplate": ["strip-boilerplate"],
    "segment": ["segment"],
    "segment --tokens": ["segment", "--tokens"],
    "extract-metadata": ["extract-metadata"],
    "pipeline": ["pipeline"],
}


def export(rev: str, into: Path) -> Path:
    """``arnews_cli`` of ``rev``, unpacked under ``into`` (the folder to put on PYTHONPATH)."""
    tar = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "arnews_cli"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(tar)) as t:
        t.extractall(into, filter="data")
    return into


def run(tree: Path, argv: list[str], src: Path, out: Path, cwd: Path) -> int:
    """``arnews ARGV SRC -f jsonl`` with the package under ``tree``, to ``out``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, "-m", "arnews_cli", *argv, "-f", "jsonl", str(src)]
    with out.open("wb") as f:
        return subprocess.run(cmd, stdout=f, stderr=subprocess.DEVNULL, env=env, cwd=cwd).returncode


def records(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        yield from f


def compare(a: Path, b: Path) -> tuple[int, int, list[str]]:
    """(records, the same, ids of the first ten that differ) of two JSON Lines outputs."""
    n = same = 0
    differ: list[str] = []
    for x, y in itertools.zip_longest(records(a), records(b)):
        n += 1
        if x == y:
            same += 1
        elif len(differ) < 10:
            rec = orjson.loads(x or y or b"{}")
            differ.append(str(rec.get("id", f"#{n}")))
    return n, same, differ


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("rev", help="the git revision to compare with")
    ap.add_argument("--limit", type=int, default=None, help="first N bulk records only")
    ap.add_argument("--steps", default=",".join(STEPS), help="comma-separated, of: " + ", ".join(STEPS))
    args = ap.parse_args()
    steps = [s.strip() for s in args.steps.split(",")]
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        ap.error(f"unknown step: {', '.join(unknown)}")
    with tempfile.TemporaryDirectory(prefix="arnews-compare-") as tmp:
        work = Path(tmp)
        other = export(args.rev, work / "other")
        bulk = work / "bulk.jsonl"
        with gzip.open(BULK, "rb") as src, bulk.open("wb") as dst:
            dst.writelines(itertools.islice(src, args.limit))
        print(f"this checkout against {args.rev}; bulk: {sum(1 for _ in records(bulk))} records")
        ok = True
        for step in steps:
            for name, src in (("bulk", bulk), ("samples", SAMPLES)):
                outs = work / "this.jsonl", work / "other.jsonl"
                codes = [run(tree, STEPS[step], src, out, work) for tree, out in zip((ROOT, other), outs, strict=True)]
                n, same, differ = compare(*outs)
                ok = ok and same == n and codes[0] == codes[1]
                status = "same" if same == n else f"{n - same} differ: {', '.join(differ)}"
                exits = "" if codes[0] == codes[1] else f" (exit {codes[0]} here, {codes[1]} there)"
                print(f"  {step:<18} {name:<8} {n:>6} records  {status}{exits}")
        print("identical" if ok else "outputs differ")


if __name__ == "__main__":
    main()
