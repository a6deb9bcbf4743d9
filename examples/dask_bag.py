"""Run the arnews steps over JSON Lines shards with dask.bag, on local processes.

The same functions run on one machine (`arnews pipeline --jobs N`) or on a
cluster: only the scheduler changes. Shards in, shards out, input order kept
within each shard.

    pip install '.[dask]'
    python examples/dask_bag.py 'shards/*.jsonl.gz' out/

Each output shard ``out/part-N.jsonl`` holds the records of one input shard.

Each record is stripped alone, as ``--min-repeat 0`` does: strip-boilerplate's
collection rules (lines recurring across the dump, lines that are other articles'
titles) need the whole collection. To keep them, gather the keys first (say the
first-line keys of every record, ``arnews_cli.steps.boilerplate.line_key``) and pass
them to ``strip_boilerplate(record, others=...)`` (and ``repeated=...``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

from arnews_cli import clean, extract_metadata, segment, strip_boilerplate


def process(record: dict) -> dict:
    """The default pipeline on one record: plain functions, so they pickle."""
    return extract_metadata(segment(strip_boilerplate(clean(record))))


def run(pattern: str, out_dir: str, scheduler: str = "processes", workers: int = 2) -> list[str]:
    import dask
    import dask.bag as db

    Path(out_dir).mkdir(parents=True, exist_ok=True)
    bag = (
        db.read_text(pattern, compression="infer", linedelimiter="\n")
        .filter(lambda line: line.strip())
        .map(orjson.loads)
        .map(process)
        .map(lambda rec: orjson.dumps(rec).decode())
    )
    with dask.config.set(scheduler=scheduler, num_workers=workers):
        # last_endline: every part ends its last line, so `cat part-*` is JSON Lines too.
        return bag.to_textfiles(str(Path(out_dir) / "part-*.jsonl"), last_endline=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    for name in run(sys.argv[1], sys.argv[2]):
        print(name)
