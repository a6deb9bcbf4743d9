"""The Python API: the steps on text and on records, and the dask example."""

from __future__ import annotations

import gzip
import pickle
import runpy
from pathlib import Path

import orjson

import arnews_cli
from arnews_cli import clean, extract_metadata, segment, strip_boilerplate, to_record

from .conftest import BULK_SAMPLE, ROOT


def test_steps_on_text_and_records() -> None:
    text = "عنوان\n\nعنوان\nجملة أولى. جملة ثانية.\n"
    assert isinstance(clean(text), str)
    assert isinstance(segment(text), list)
    assert isinstance(strip_boilerplate(text), str)
    title, meta = extract_metadata(text)
    assert title == "عنوان" and isinstance(meta, dict)
    rec = to_record(text, id="x")
    out = extract_metadata(segment(strip_boilerplate(clean(rec))))
    assert out["steps"] == ["clean", "strip-boilerplate", "segment", "extract-metadata"]
    assert rec == to_record(text, id="x"), "the input record is never modified"


def test_strip_boilerplate_takes_the_collection_keys() -> None:
    # What a sharded run (Dask, Spark) passes after gathering the dump's titles: the
    # same removal the CLI's collection pass makes.
    from arnews_cli.steps.boilerplate import line_key

    para = "وقال المتحدث باسم البيت الأبيض إن الرئيس سيرد على ما جاء في الكتاب خلال أيام."
    link = "ترامب ينفي أنه أمر وزارة الدفاع باغتيال الأسد"
    text = "\n".join(["ما أهم ما جاء في كتاب وودورد؟", para, link, para.replace("أيام", "ساعات")])
    out = strip_boilerplate(to_record(text), others=frozenset({line_key(link)}))
    assert [(r["line"], r["reason"]) for r in out["removed"]] == [(3, "title-in-collection")]
    assert link not in strip_boilerplate(text, others={line_key(link)})


def test_api_functions_pickle() -> None:
    for fn in (clean, segment, strip_boilerplate, extract_metadata):
        assert pickle.loads(pickle.dumps(fn)) is fn


def test_import_is_lazy() -> None:
    import subprocess
    import sys

    code = "import arnews_cli, sys; print(sorted(m for m in sys.modules if m.startswith(('arnews_cli.steps', 'rich', 'chardet'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
    assert arnews_cli.__version__


def test_dask_example_runs_on_shards(tmp_path: Path) -> None:
    lines = gzip.open(BULK_SAMPLE).readlines()[:60]
    shards = tmp_path / "shards"
    shards.mkdir()
    for i in range(3):
        with gzip.open(shards / f"s{i}.jsonl.gz", "wb") as f:
            f.writelines(lines[i * 20 : (i + 1) * 20])
    example = runpy.run_path(str(ROOT / "examples" / "dask_bag.py"))
    files = example["run"](str(shards / "*.jsonl.gz"), str(tmp_path / "out"), scheduler="processes")
    assert len(files) == 3
    joined = b"".join(open(name, "rb").read() for name in sorted(files))  # cat part-*
    recs = [orjson.loads(line) for line in joined.splitlines()]
    assert [r["id"] for r in recs] == [orjson.loads(line)["id"] for line in lines]
    assert all(r["steps"][-1] == "extract-metadata" for r in recs)
