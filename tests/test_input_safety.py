"""Issue 13, input side: streams are found past a BOM and in UTF-16, pipes are never
seeked, walks skip hidden entries, no article is an error, and every option value is
checked before any input is read. Every case runs the real command."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

PY = [sys.executable, "-m", "arnews_cli"]
ONE = SAMPLES / "01-orient-seed.txt"
RECORDS = '{"id": "a", "text": "نص أول."}\n{"id": "b", "text": "نص ثان."}\n'


def sh(cmd: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    """A command line as a user types it in bash (process substitution included)."""
    arnews = " ".join(PY)
    return subprocess.run(
        ["bash", "-c", cmd.replace("arnews ", arnews + " ")],
        input=input,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def ids(res: subprocess.CompletedProcess) -> list[str]:
    return [json.loads(line)["id"] for line in res.stdout.splitlines()]


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + RECORDS.encode(),
        RECORDS.encode("utf-16"),
        RECORDS.encode("utf-16-le"),
        RECORDS.encode("utf-32"),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16le-no-bom", "utf32-bom"],
)
def test_record_streams_are_found_past_a_bom_and_in_utf16_32(tmp_path: Path, data) -> None:
    (tmp_path / "in.jsonl").write_bytes(data)
    res = sh(f"arnews to-json -f jsonl {tmp_path}/in.jsonl")
    assert res.returncode == 0, res.stderr
    assert ids(res) == ["a", "b"]
    assert [json.loads(line)["text"] for line in res.stdout.splitlines()] == ["نص أول.", "نص ثان."]


def test_process_substitution_is_read_once_never_seeked() -> None:
    res = sh(f"arnews clean <(cat {ONE})")
    assert res.returncode == 0, res.stderr
    assert res.stdout == sh(f"arnews clean {ONE}").stdout


def test_gzip_through_a_pipe_is_recognised_by_its_bytes() -> None:
    res = sh(f"arnews to-json -f jsonl <(gzip -c {ONE})")
    assert res.returncode == 0, res.stderr
    res2 = sh("cat | arnews to-json -f jsonl", input=gzip.compress(RECORDS.encode()))
    assert ids(res2) == ["a", "b"]


def test_named_pipe_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    res = sh(f"cat {ONE} > {fifo} & arnews clean {fifo}")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("ميليشيا".encode())


def test_walk_skips_hidden_entries_unless_hidden(tmp_path: Path) -> None:
    for rel in (".git/x.txt", ".venv/lib/y.txt", ".z.txt", "a.txt", "sub/b.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("نص.", encoding="utf-8")
    assert ids(sh(f"arnews to-json -f jsonl {tmp_path}")) == ["a", "sub/b"]
    assert len(ids(sh(f"arnews to-json -f jsonl --hidden {tmp_path}"))) == 5


@pytest.mark.parametrize("how", ["empty-folder", "glob-matches-nothing"])
def test_no_article_found_is_exit_2_with_one_line(tmp_path: Path, how) -> None:
    if how == "empty-folder":
        res = sh(f"arnews clean {tmp_path}")
    else:
        res = sh(f"arnews clean {SAMPLES} --glob '*.nothing'")
    assert res.returncode == 2
    lines = res.stderr.decode().splitlines()
    assert len(lines) == 1 and "no article found" in lines[0]


def test_no_article_found_leaves_an_o_file_alone(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "out.jsonl").write_text("old\n")
    res = sh(f"arnews clean {tmp_path}/empty -o {tmp_path}/out.jsonl")
    assert res.returncode == 2
    assert (tmp_path / "out.jsonl").read_text() == "old\n"


def test_json_array_file_is_read_as_its_records(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"id": "x", "text": "نص"}, {"text": "آخر"}]))
    res = sh(f"arnews to-json -f jsonl {tmp_path}/a.json")
    assert ids(res) == ["x", "a-2"]


def test_raw_article_starting_with_a_bracket_stays_raw(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("[صور] نص المقال.\n", encoding="utf-8")
    res = sh(f"arnews clean {tmp_path}/a.txt")
    assert res.returncode == 0
    assert res.stdout.decode() == "[صور] نص المقال.\n"


def test_raw_article_starting_with_a_brace_needs_format_in_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("{عاجل} نص المقال.\n", encoding="utf-8")
    res = sh(f"arnews clean {tmp_path}/a.txt")
    assert res.returncode == 1
    assert "--format-in text" in res.stderr.decode()
    res = sh(f"arnews clean --format-in text {tmp_path}/a.txt")
    assert res.returncode == 0 and res.stdout.decode() == "{عاجل} نص المقال.\n"


def test_text_and_id_fields(tmp_path: Path) -> None:
    line = {"url": "https://x.example/1", "content": "نص المقال.", "lang": "ar"}
    res = sh(
        "arnews to-json --text-field content --id-field url",
        input=json.dumps(line).encode() + b"\n",
    )
    rec = json.loads(res.stdout)
    assert rec["id"] == "https://x.example/1" and rec["text"] == "نص المقال."
    assert rec["url"] == "https://x.example/1" and rec["lang"] == "ar" and "content" not in rec
    res = sh("arnews to-json --text-field body", input=json.dumps(line).encode() + b"\n")
    assert res.returncode == 1 and 'record has no "body" string' in res.stderr.decode()


def test_fields_checks_names_and_takes_dotted_paths() -> None:
    res = sh(f"arnews pipeline --fields id,metadata.stats.words -f jsonl {ONE}")
    assert res.returncode == 0, res.stderr
    rec = json.loads(res.stdout)
    assert list(rec) == ["id", "metadata"] and list(rec["metadata"]) == ["stats"]
    assert isinstance(rec["metadata"]["stats"]["words"], int)
    res = sh(f"arnews pipeline --flatten --fields id,date,metadata.location -f jsonl {ONE}")
    assert list(json.loads(res.stdout)) == ["id", "date", "location"]
    res = sh(f"arnews to-json --fields id,bogus {ONE}")
    assert res.returncode == 2
    assert "unknown field bogus" in res.stderr.decode() and "metadata.date" in res.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "--encoding", "foo"],
        ["pipeline", "--steps", "clean,nope"],
        ["pipeline", "--jobs", "-1"],
        ["clean", "--normalize", "alef,nope"],
        ["to-json", "--fields", "nope"],
        ["clean", "--limit", "-1"],
    ],
)
def test_option_values_are_checked_before_any_input_is_read(args) -> None:
    # stdin stays open and empty: a check that waited for input would hang here.
    proc = subprocess.Popen(
        [*PY, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 2, err
    assert b"Traceback" not in err


def test_non_utf8_file_names_keep_their_bytes(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "d")
    os.mkdir(folder)
    with open(folder + b"/bad\xffname.txt", "wb") as f:
        f.write("نص.".encode())
    res = sh(f"arnews to-json -f jsonl {tmp_path}/d")
    assert res.returncode == 0, res.stderr
    rec = json.loads(res.stdout)
    assert rec["id"] == "bad\\xffname"
    assert rec["source"].endswith("/d/bad\\xffname.txt")


def test_a_step_failing_on_a_stream_record_names_file_line_and_id(tmp_path: Path) -> None:
    import io

    from arnews_cli.errors import attempt
    from arnews_cli.io.read import ReadState, read_articles
    from arnews_cli.run import Reporter

    (tmp_path / "in.jsonl").write_text(RECORDS + '{"id": "boom", "text": "x"}\n', "utf-8")
    state = ReadState()
    err = io.StringIO()
    report = Reporter(stream=err, state=state)

    def step(rec: dict) -> dict:
        if rec["id"] == "boom":
            raise ValueError("bad")
        return rec

    for rec in read_articles([str(tmp_path / "in.jsonl")], state=state):
        out = attempt("clean", step, rec)
        if not isinstance(out, dict):
            report(out)
    assert (
        err.getvalue()
        == f"arnews: {tmp_path}/in.jsonl:3 (id boom): clean failed: ValueError('bad')\n"
    )
