"""The CLI through typer's CliRunner: formats, options, records, errors (CONTRACT §1–4, §6)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import orjson
import pytest

from arnews_cli import __version__
from arnews_cli.cli import app
from arnews_cli.record import FIELDS

from .conftest import SAMPLES

SUBCOMMANDS = ["clean", "segment", "strip-boilerplate", "extract-metadata", "to-json", "pipeline"]
SEED = SAMPLES / "01-orient-seed.txt"


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_version(runner) -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output.strip() == f"arnews {__version__}"


def test_help_lists_every_subcommand(runner) -> None:
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    for name in SUBCOMMANDS:
        assert name in res.output


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_help_has_an_example(runner, name: str) -> None:
    res = runner.invoke(app, [name, "--help"])
    assert res.exit_code == 0
    assert "Example" in res.output and f"arnews {name}" in res.output


def test_clean_one_file_to_pipe_is_text(runner) -> None:
    res = runner.invoke(app, ["clean", str(SEED)])
    assert res.exit_code == 0
    assert res.output.startswith("ميليشيا قسد تعلن")
    assert not res.output.lstrip().startswith("{")


def test_directory_gives_jsonl_with_ids(runner) -> None:
    res = runner.invoke(app, ["clean", str(SAMPLES)])
    assert res.exit_code == 0, res.output
    recs = jsonl(res.output)
    assert [r["id"] for r in recs] == sorted(p.stem for p in SAMPLES.glob("*.txt"))
    for r in recs:
        assert list(r) == [f for f in FIELDS if f in r]
        assert r["steps"] == ["clean"]


def test_several_files_give_jsonl(runner) -> None:
    res = runner.invoke(app, ["segment", str(SEED), str(SAMPLES / "04-france24.txt")])
    assert [r["id"] for r in jsonl(res.output)] == ["01-orient-seed", "04-france24"]


def test_json_format_object_for_one_array_for_several(runner) -> None:
    one = runner.invoke(app, ["clean", "-f", "json", str(SEED)])
    assert isinstance(json.loads(one.output), dict)
    many = runner.invoke(app, ["clean", "-f", "json", str(SAMPLES)])
    arr = json.loads(many.output)
    assert isinstance(arr, list) and len(arr) == 8


def test_text_format_separates_articles_with_form_feed(runner) -> None:
    res = runner.invoke(app, ["clean", "-f", "text", str(SEED), str(SAMPLES / "04-france24.txt")])
    assert res.output.count("\f\n") == 1


def test_default_single_formats(runner) -> None:
    meta = runner.invoke(app, ["extract-metadata", str(SEED)])
    (rec,) = jsonl(meta.output)
    assert rec["title"].startswith("ميليشيا") and "metadata" in rec
    tj = runner.invoke(app, ["to-json", str(SEED)])
    assert isinstance(json.loads(tj.output), dict)
    pl = runner.invoke(app, ["pipeline", str(SEED)])
    rec = json.loads(pl.output)
    assert rec["steps"] == ["clean", "strip-boilerplate", "segment", "extract-metadata"]


def test_segment_text_view(runner) -> None:
    res = runner.invoke(app, ["segment", "-"], input="جملة أولى. جملة ثانية!\n\nفقرة ثانية؟\n")
    assert res.output == "جملة أولى.\nجملة ثانية!\n\nفقرة ثانية؟\n"


def test_metadata_text_view(runner) -> None:
    res = runner.invoke(app, ["extract-metadata", "-f", "text", str(SEED)])
    assert res.output.splitlines()[0].startswith("title: ميليشيا")
    assert "stats.words:" in res.output


def test_record_stream_passes_unknown_fields_and_adds_steps(runner) -> None:
    stdin = '{"id": "a", "text": "نص", "url": "u"}\n{"text": "ثان"}\n'
    res = runner.invoke(app, ["clean"], input=stdin)
    recs = jsonl(res.output)
    assert recs[0] == {
        "id": "a",
        "source": "-",
        "encoding": "utf-8",
        "text": "نص",
        "steps": ["clean"],
        "url": "u",
    }
    assert recs[1]["id"] == "stdin-2"


def test_step_that_changes_text_drops_sentences(runner) -> None:
    seg = runner.invoke(app, ["segment", "-f", "jsonl", "-"], input="أ. بـــ.\nج")
    (rec,) = jsonl(seg.output)
    assert "sentences" in rec
    cleaned = runner.invoke(app, ["clean"], input=orjson.dumps(rec).decode() + "\n")
    (rec2,) = jsonl(cleaned.output)
    assert "sentences" not in rec2 and rec2["steps"] == ["segment", "clean"]


def test_to_json_fields_flatten_lines_array(runner) -> None:
    res = runner.invoke(
        app, ["pipeline", "--flatten", "--fields", "id,title,stats", "-f", "jsonl", str(SEED)]
    )
    (rec,) = jsonl(res.output)
    assert list(rec) == ["id", "title", "stats"]
    # "words" is no field (it is stats.words): a usage error, not silently dropped.
    res = runner.invoke(app, ["pipeline", "--flatten", "--fields", "id,words", str(SEED)])
    assert res.exit_code == 2
    res = runner.invoke(app, ["to-json", "--array", str(SEED)])
    assert isinstance(json.loads(res.output), list)
    res = runner.invoke(app, ["to-json", "--lines", str(SEED)])
    assert len(jsonl(res.output)) == 1


def test_schema_validates_every_record_the_tool_writes(runner) -> None:
    schema = json.loads(runner.invoke(app, ["to-json", "--schema"]).output)
    jsonschema.Draft202012Validator.check_schema(schema)
    res = runner.invoke(app, ["pipeline", "--tokens", "-f", "jsonl", str(SAMPLES)])
    recs = jsonl(res.output)
    assert len(recs) == 8
    validator = jsonschema.Draft202012Validator(schema)
    for rec in recs:
        validator.validate(rec)


def test_output_file_is_atomic(runner, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["clean", "-o", str(out), str(SAMPLES)])
    assert res.exit_code == 0 and res.output == ""
    assert len(out.read_text().splitlines()) == 8
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_out_dir_mirrors_ids(runner, tmp_path: Path) -> None:
    src = tmp_path / "dump"
    (src / "politics").mkdir(parents=True)
    (src / "politics" / "001.txt").write_text("نص أول", encoding="utf-8")
    (src / "002.txt").write_text("نص ثان", encoding="utf-8")
    out = tmp_path / "out"
    res = runner.invoke(app, ["clean", str(src), "--out-dir", str(out)])
    assert res.exit_code == 0
    assert (out / "politics" / "001.txt").read_text(encoding="utf-8") == "نص أول\n"
    assert (out / "002.txt").exists()
    res = runner.invoke(app, ["extract-metadata", str(src), "--out-dir", str(out)])
    assert json.loads((out / "politics" / "001.json").read_text())["title"] == "نص أول"


@pytest.mark.parametrize(
    "bad_id", ["../../escape", "/etc/passwd-x", "..", "a/../../b", "..\\..\\win", "x\x00y", ""]
)
def test_out_dir_never_escapes(runner, tmp_path: Path, bad_id: str) -> None:
    out = tmp_path / "deep" / "out"
    rec = {"id": bad_id, "text": "نص"}
    res = runner.invoke(app, ["clean", "--out-dir", str(out)], input=json.dumps(rec) + "\n")
    assert res.exit_code == 0, res.output
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) == 1
    assert written[0].resolve().is_relative_to(out.resolve())


def test_out_dir_symlink_out_is_refused(runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "link").symlink_to(elsewhere)
    res = runner.invoke(
        app, ["clean", "--out-dir", str(out)], input='{"id": "link/x", "text": "t"}\n'
    )
    assert res.exit_code == 1
    assert "outside --out-dir" in res.output
    assert list(elsewhere.iterdir()) == []


def test_out_dir_never_overwrites_input(runner, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("نص\u0640\u0640", encoding="utf-8")
    res = runner.invoke(app, ["clean", str(tmp_path), "--out-dir", str(tmp_path)])
    assert res.exit_code == 1
    assert "overwrite input" in res.output
    assert f.read_text(encoding="utf-8") == "نص\u0640\u0640"


def test_duplicate_ids_in_out_dir_keep_both(runner, tmp_path: Path) -> None:
    stdin = '{"id": "same", "text": "أ"}\n{"id": "same", "text": "ب"}\n'
    runner.invoke(app, ["clean", "--out-dir", str(tmp_path)], input=stdin)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same-2.txt", "same.txt"]


def test_bad_articles_reported_and_others_written(runner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("جيد", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "d.txt").write_text("جيد أيضا", encoding="utf-8")
    res = runner.invoke(app, ["clean", str(tmp_path)])
    assert res.exit_code == 1
    assert [r["id"] for r in jsonl(res.stdout)] == ["a", "d"]
    errs = [ln for ln in res.stderr.splitlines() if ln]
    assert len(errs) == 2
    assert errs[0].startswith("arnews: ") and "b.txt" in errs[0] and "empty" in errs[0]
    assert "c.txt" in errs[1] and "binary" in errs[1]


def test_strict_stops_at_first_failure(runner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("جيد", encoding="utf-8")
    res = runner.invoke(app, ["clean", "--strict", str(tmp_path)])
    assert res.exit_code == 1
    assert res.stdout == ""


def test_malformed_json_lines_report_line_numbers(runner) -> None:
    stdin = '{"text": "أ"}\nnot json\n{"text": "ب"}\n{"text": 5}\n'
    res = runner.invoke(app, ["clean"], input=stdin)
    assert res.exit_code == 1
    assert [r["text"] for r in jsonl(res.stdout)] == ["أ", "ب"]
    assert "stdin:2:" in res.stderr and "stdin:4:" in res.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "--bogus"],
        ["clean", "--normalize", "vowels"],
        ["pipeline", "--steps", "x"],
        ["clean", "-f", "xml"],
        ["clean", "-o", "a", "--out-dir", "b"],
        ["nosuch"],
    ],
)
def test_usage_errors_exit_2(runner, args: list[str]) -> None:
    assert runner.invoke(app, args, input="x").exit_code == 2


def test_missing_path_is_an_article_error(runner, tmp_path: Path) -> None:
    res = runner.invoke(app, ["clean", str(tmp_path / "nope.txt"), str(SEED)])
    assert res.exit_code == 1
    assert "nope.txt: no such file" in res.stderr
    assert res.stdout.count('"id"') == 1


def test_rich_view_escapes_markup_and_controls(runner) -> None:
    evil = "[bold red]BOOM[/bold red] \x1b[2J\x1b]0;pwned\x07 \u202eabc [link=file:///etc]x[/link]"
    rec = {"id": "[red]id[/red]", "text": evil, "title": "[blink]t\x1b[5m"}
    res = runner.invoke(app, ["to-json", "-f", "rich"], input=json.dumps(rec) + "\n")
    assert res.exit_code == 0
    out = res.output
    assert "[bold red]BOOM[/bold red]" in out
    assert "[red]id[/red]" in out and "[blink]t" in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "␛[2J" in out


def test_strip_boilerplate_show_renders_removed(runner) -> None:
    res = runner.invoke(app, ["strip-boilerplate", "--show", str(SEED)])
    assert res.exit_code == 0
    assert "removed" in res.output and "ميليشيا" in res.output


def test_clean_stats_go_to_stderr(runner) -> None:
    res = runner.invoke(app, ["clean", "--stats", "-"], input="مرحـــبا\n")
    assert res.stdout == "مرحبا\n"
    assert res.stderr.startswith("clean:")


def test_min_repeat_default_matches_help_and_one_is_refused(runner) -> None:
    from arnews_cli.repeats import DEFAULT_MIN_REPEAT

    assert (
        f"[default: {DEFAULT_MIN_REPEAT}]"
        in runner.invoke(app, ["strip-boilerplate", "--help"]).output
    )
    res = runner.invoke(app, ["strip-boilerplate", "--min-repeat", "1", str(SEED)])
    assert res.exit_code == 2


@pytest.mark.parametrize("min_repeat", ["0", "10"])
def test_a_record_a_step_fails_on_is_reported_and_the_rest_written(
    runner, monkeypatch, min_repeat: str
) -> None:
    from arnews_cli import api

    real = api.strip_boilerplate

    def flaky(rec, **kw):
        if rec["id"] == "boom":
            raise RuntimeError("simulated bug")
        return real(rec, **kw)

    monkeypatch.setattr(api, "strip_boilerplate", flaky)
    stdin = "".join(json.dumps({"id": i, "text": "نص"}) + "\n" for i in ["a", "boom", "c"])
    for cmd in (["strip-boilerplate"], ["pipeline", "-f", "jsonl"]):
        res = runner.invoke(app, [*cmd, "--min-repeat", min_repeat], input=stdin)
        assert res.exit_code == 1
        assert [r["id"] for r in jsonl(res.stdout)] == ["a", "c"]
        assert "simulated bug" in res.stderr and res.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "name",
    [
        "clean",
        "segment",
        "strip-boilerplate",
        "extract-metadata",
        "to-json",
        "pipeline",
        "stats",
        "completion",
    ],
)
def test_help_describes_every_option_with_a_real_metavar_and_default(name: str) -> None:
    import re

    from typer.testing import CliRunner

    from arnews_cli.cli import _single

    text = (
        CliRunner()
        .invoke(_single(name), ["--help"], prog_name=f"arnews {name}", terminal_width=100)
        .output
    )
    assert "Example" in text
    for generic in ("<str>", "<int", "TEXT", "INTEGER"):
        assert generic not in text, f"{name}: generic metavar {generic}"
    lines = text.split("\n")
    options = lines[lines.index("Options:") + 1 :]
    for i, line in enumerate(options):
        if re.match(r"^  -", line):
            described = re.search(r"\S  +\S", line.strip()) or (
                i + 1 < len(options) and options[i + 1].startswith(" " * 20)
            )
            assert described, f"{name}: {line.strip()} has no description"
    for option, default in (
        ("--glob", "*.txt"),
        ("--format", "auto"),
        ("--bidi", "auto"),
        ("--color", "auto"),
        ("--format-in", "auto"),
    ):
        if option in text and name != "completion":
            assert f"[default: {default}]" in text, f"{name}: {option} default"


def test_short_version_flag() -> None:
    import subprocess
    import sys

    from arnews_cli import __version__

    for flag in ("-V", "--version"):
        res = subprocess.run([sys.executable, "-m", "arnews_cli", flag], capture_output=True)
        assert res.stdout.decode().strip() == f"arnews {__version__}"


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("segment", ["articles", "sentences"]),
        ("strip-boilerplate", ["articles", "removed end-marker"]),
        ("extract-metadata", ["articles", "metadata location", "metadata agency"]),
        ("to-json", ["articles"]),
        ("pipeline", ["articles", "sentences", "removed end-marker", "metadata date"]),
    ],
)
def test_stats_on_every_step_counts_what_it_wrote(runner, step: str, expected: list[str]) -> None:
    res = runner.invoke(app, [step, "--stats", "-f", "jsonl", str(SAMPLES / "02-spa-najran.txt")])
    assert res.exit_code == 0
    counts = {}
    for line in res.stderr.splitlines():
        name, _, n = line.partition(": ")[2].rpartition(" ")
        counts[name.strip()] = int(n)
    for key in expected:
        assert counts.get(key, 0) >= 1, (key, res.stderr)
    assert counts["failures"] == 0
    assert res.stdout.count("\n") == 1  # the output itself is unchanged
