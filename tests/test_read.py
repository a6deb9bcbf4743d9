"""The reader: paths, directories, stdin, gzip, decoding order and article streams."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import orjson
import pytest

from arnews_cli.errors import ArticleError
from arnews_cli.io import read
from arnews_cli.io.read import ReadState, read_articles, strip_ext

from .conftest import BULK_SAMPLE, CORPUS, SAMPLES

AR = "ذهب الطالب إلى المدرسة صباحاً.\nوعاد في المساء."


def _all(paths, **kw):
    state = ReadState()
    return list(read_articles([str(p) for p in paths], state=state, **kw)), state


def test_strip_ext() -> None:
    assert strip_ext("politics/001.txt") == "politics/001"
    assert strip_ext("x.jsonl.gz") == "x"
    assert strip_ext("noext") == "noext"
    assert strip_ext("a.b/c") == "a.b/c"


def test_single_file_id_source_encoding(tmp_path: Path) -> None:
    f = tmp_path / "article.txt"
    f.write_text(AR, encoding="utf-8")
    (rec,), state = _all([f])
    assert rec == {"id": "article", "source": str(f), "encoding": "utf-8", "text": AR}
    assert not state.multi


def test_directory_recursive_sorted_glob(tmp_path: Path) -> None:
    (tmp_path / "politics").mkdir()
    (tmp_path / "politics" / "002.txt").write_text("ب", encoding="utf-8")
    (tmp_path / "politics" / "001.txt").write_text("أ", encoding="utf-8")
    (tmp_path / "a.txt").write_text("ج", encoding="utf-8")
    (tmp_path / "notes.md").write_text("no", encoding="utf-8")
    recs, state = _all([tmp_path])
    assert [r["id"] for r in recs] == ["a", "politics/001", "politics/002"]
    assert state.multi
    recs, _ = _all([tmp_path], glob="*.md")
    assert [r["id"] for r in recs] == ["notes"]


def test_gzip_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt.gz"
    f.write_bytes(gzip.compress(AR.encode()))
    (rec,), _ = _all([f])
    assert rec["text"] == AR and rec["id"] == "a"


def test_truncated_gzip_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt.gz"
    f.write_bytes(gzip.compress(AR.encode() * 100)[:-20])
    items, _ = _all([f])
    assert any(isinstance(i, ArticleError) for i in items)


def test_form_feed_stream(tmp_path: Path) -> None:
    f = tmp_path / "many.txt"
    f.write_text("الأول\n\f\nالثاني\n\f\n\nالثالث\n", encoding="utf-8")
    recs, state = _all([f])
    assert [r["id"] for r in recs] == ["many", "many-2", "many-3"]
    assert [r["text"].strip() for r in recs] == ["الأول", "الثاني", "الثالث"]
    assert state.multi


def test_jsonl_stream_fills_missing_fields_and_keeps_unknown(tmp_path: Path) -> None:
    f = tmp_path / "recs.jsonl"
    f.write_bytes(
        b'{"id": "x1", "text": "\xd9\x86\xd8\xb5", "url": "http://e"}\n'
        b"\n"
        b'{"text": "second", "extra": [1]}\n'
    )
    recs, state = _all([f], glob="*.jsonl")
    assert recs[0] == {
        "id": "x1",
        "source": str(f),
        "encoding": "utf-8",
        "text": "نص",
        "url": "http://e",
    }
    assert recs[1]["id"] == "recs-3" and recs[1]["extra"] == [1]
    assert state.records and state.multi


def test_jsonl_bad_lines_are_errors_with_line_numbers(tmp_path: Path) -> None:
    f = tmp_path / "recs.jsonl"
    f.write_bytes(b'{"text": "ok"}\n{"text": \n[1, 2]\n{"id": "n"}\n{"text": "last"')
    items, _ = _all([f])
    errors = [i for i in items if isinstance(i, ArticleError)]
    assert [e.line for e in errors] == [2, 3, 4, 5]
    assert "truncated" in errors[-1].message
    assert "not a record" in errors[1].message
    assert '"text"' in errors[2].message
    assert [i["text"] for i in items if isinstance(i, dict)] == ["ok"]


def test_missing_empty_and_binary_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\n")
    binary = tmp_path / "img.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    items, _ = _all([tmp_path / "nope.txt", empty, blank, binary])
    assert all(isinstance(i, ArticleError) for i in items)
    msgs = [i.message for i in items]
    assert "no such file" in msgs[0]
    assert "empty" in msgs[1]
    assert "no text" in msgs[2]
    assert "binary" in msgs[3]


def test_stdin_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "أ\n\f\nب\n".encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    recs = list(read_articles([]))
    assert [r["id"] for r in recs] == ["stdin", "stdin-2"]
    assert all(r["source"] == "-" for r in recs)


def test_stdin_jsonl_missing_id_is_line_number(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"text": "a"}\n{"text": "b"}\n\n\n\n\n{"text": "c"}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    recs = list(read_articles(["-"]))
    assert [r["id"] for r in recs] == ["stdin-1", "stdin-2", "stdin-7"]


@pytest.mark.parametrize(
    "name,enc",
    [
        ("05-cnn-utf16.txt", "utf-16-le"),
        ("07-okaz-windows1256.txt", "windows-1256"),
        ("01-orient-seed.txt", "utf-8"),
    ],
)
def test_samples_decode(name: str, enc: str) -> None:
    (rec,), _ = _all([SAMPLES / name])
    assert rec["encoding"] == enc
    assert "\ufffd" not in rec["text"]
    assert sum("\u0621" <= c <= "\u064a" for c in rec["text"]) > 500


def test_utf16_without_bom_and_crlf(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("سطر أول\r\nسطر ثان\r\n".encode("utf-16-le"))
    (rec,), _ = _all([f])
    assert rec["text"] == "سطر أول\nسطر ثان\n"
    assert rec["encoding"] == "utf-16-le"


def test_encoding_option_and_bad_encoding(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("عربي".encode("cp1256"))
    (rec,), _ = _all([f], encoding="cp1256")
    assert rec["text"] == "عربي"
    (err,), _ = _all([f], encoding="utf-8")
    assert isinstance(err, ArticleError) and "utf-8" in err.message
    (err,), _ = _all([f], encoding="klingon")
    assert isinstance(err, ArticleError) and "unknown encoding" in err.message


def test_huge_line_is_refused_not_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_ARTICLE_BYTES", 1000)
    f = tmp_path / "big.jsonl"
    f.write_bytes(b'{"text": "ok"}\n' + b'{"text": "' + b"x" * 5000 + b'"}\n{"text": "after"}\n')
    items, _ = _all([f])
    assert [type(i).__name__ for i in items] == ["dict", "ArticleError", "dict"]
    assert items[2]["text"] == "after"


def test_corpus_directory_reads_every_article() -> None:
    recs, _ = _all([CORPUS / "articles"])
    assert len(recs) == 200
    assert all(isinstance(r, dict) and r["encoding"] == "utf-8" for r in recs)


def test_bulk_jsonl_gz_streams() -> None:
    it = read_articles([str(BULK_SAMPLE)])
    first = [next(it) for _ in range(3)]
    assert all(isinstance(r, dict) and r["text"] for r in first)
    assert orjson.dumps(first)


def test_records_with_wrong_field_types_are_errors(tmp_path: Path) -> None:
    f = tmp_path / "recs.jsonl"
    f.write_bytes(
        b'{"text": "a", "removed": 5}\n{"text": "b", "sentences": {}}\n'
        b'{"text": "c", "removed": [{"line": 1}]}\n{"text": "d", "title": null, "removed": []}\n'
    )
    items, _ = _all([f])
    assert [type(i).__name__ for i in items] == ["ArticleError"] * 3 + ["dict"]
    assert '"removed"' in items[0].message and items[0].line == 1
