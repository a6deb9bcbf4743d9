"""The terminal view: any record, any --fields, never a crash, nothing hidden."""

from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys

import pytest

from arnews_cli.io.render import Renderer

from .conftest import ROOT, SAMPLES, run_at_pty

PY = [sys.executable, "-m", "arnews_cli"]
SPA = str(SAMPLES / "02-spa-najran.txt")


def pipeline_record(*args: str) -> dict:
    res = subprocess.run(
        [*PY, "pipeline", "-f", "jsonl", *args, SPA], capture_output=True, cwd=ROOT, check=True
    )
    return json.loads(res.stdout)


def render(rec: dict, **kw) -> str:
    out = io.StringIO()
    r = Renderer("pipeline", file=out, width=80, color="never", **kw)
    r.write(rec)
    r.close()
    return out.getvalue()


@pytest.fixture(scope="module")
def full() -> dict:
    rec = pipeline_record("--tokens")
    rec["duplicate"] = {"of": "other", "kind": "near", "similarity": 0.9}
    rec["url"] = "https://example.com/a"
    return rec


def _subsets_render(full: dict, sizes: set[int]) -> None:
    names = list(full)
    assert len(names) == 11
    for n in sorted(sizes):
        for subset in itertools.combinations(names, n):
            out = render({k: full[k] for k in subset})
            assert out.startswith("╭") and out.rstrip().endswith("╯"), subset


def test_every_field_pair_renders_alone_and_missing(full: dict) -> None:
    # Fields interact in pairs (one changes how another shows): every subset of up to
    # two fields, and every record missing up to two (134 of the 2,048 subsets).
    _subsets_render(full, {0, 1, 2, 9, 10, 11})


@pytest.mark.slow
def test_every_subset_of_fields_renders(full: dict) -> None:
    _subsets_render(full, set(range(12)))


def test_the_panel_shows_what_each_step_made(full: dict) -> None:
    out = render(full)
    assert "02-spa-najran" in out and "utf-8" in out
    assert "جامعة نجران تعلن" in out  # title
    assert "   1 " in out and " │ " in out  # numbered sentences with their tokens
    assert "removed 3 lines" in out and "end-marker" in out and "// انتهى //" in out
    assert "location" in out and "نجران" in out and "SPA" in out  # metadata table
    assert "of" in out and "other" in out  # which article this one repeats
    assert "https://example.com/a" in out  # a field of the record's own


def test_flattened_metadata_is_shown(full: dict) -> None:
    flat = {k: v for k, v in full.items() if k != "metadata"} | full["metadata"]
    out = render(flat)
    assert "location" in out and "SPA" in out


def test_no_none_leaks_into_the_view(full: dict) -> None:
    assert "None" not in render({**full, "title": None})


def _under_pty(args: list[str], env: dict[str, str] | None = None) -> tuple[int, bytes]:
    return run_at_pty([*PY, *args], {"COLUMNS": "80", "LINES": "24", **(env or {})}, 60)


@pytest.mark.parametrize(
    "args",
    [
        ["to-json", SPA, "--fields", "id,source,encoding"],
        ["pipeline", SPA, "--fields", "id,title,metadata.date"],
        ["pipeline", SPA, "--flatten"],
        ["segment", "--tokens", SPA],
        ["strip-boilerplate", SPA],
        ["extract-metadata", SPA],
        ["clean", SPA],
        ["dedup", SPA],
    ],
)
def test_every_subcommand_renders_at_a_terminal(args: list[str]) -> None:
    rc, tty = _under_pty(args)
    assert rc == 0, tty.decode(errors="replace")
    assert b"Traceback" not in tty and b"02-spa-najran" in tty


def test_dedup_view_says_which_article_a_repeat_repeats() -> None:
    rc, tty = _under_pty(["dedup", "--mark", "--color", "never", SPA, SPA])
    assert rc == 0, tty.decode(errors="replace")
    shown = tty.decode()
    assert "repeats 02-spa-najran (exact)" in shown  # in the second panel's header
    assert shown.count("02-spa-najran") >= 4  # two panels, and the "of" twice
    assert "similarity  1.0" in shown


def test_no_color_means_no_escape_sequence() -> None:
    rc, tty = _under_pty(["pipeline", SPA], env={"NO_COLOR": "1"})
    assert rc == 0 and b"\x1b" not in tty
    rc, tty = _under_pty(["pipeline", SPA, "--color", "never"])
    assert rc == 0 and b"\x1b" not in tty


def test_color_always_styles_even_a_pipe() -> None:
    res = subprocess.run(
        [*PY, "clean", "-f", "rich", "--color", "always", SPA], capture_output=True, cwd=ROOT
    )
    assert b"\x1b[" in res.stdout


# --- right-to-left display ---------------------------------------------------------------
# Expected lines are written out by hand as an Arabic reader needs them on a terminal that
# draws left to right: words and letters in reverse, numbers, Latin names and URLs as they
# are, brackets facing the words they hold, the paragraph right-aligned, and a wrapped
# paragraph going on from line to line top to bottom. Letters unjoined (ARNEWS_SHAPE=0)
# so the strings can be read here.

WRAPPED = " ".join(f"كلمة{n}" for n in range(1, 31))
MIXED = "قال جون John في عام 2020 عبر https://x.org/a الآن"
BRACKETS = "أعلنت وكالة [واس] عن {خطة} جديدة (اليوم)"


def _panel_lines(tmp_path, rec: dict, *args: str, env: dict[str, str] | None = None) -> list[str]:
    path = tmp_path / "rec.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    rc, tty = _under_pty(
        ["to-json", str(path), "--color", "never", *args], env={"ARNEWS_SHAPE": "0", **(env or {})}
    )
    assert rc == 0, tty.decode(errors="replace")
    return tty.decode("utf-8").replace("\r", "").split("\n")


def _row(content: str, right: bool) -> str:
    return "│ " + (content.rjust(76) if right else content.ljust(76)) + " │"


def test_bidi_on_wrapped_paragraph_reads_top_to_bottom(tmp_path) -> None:
    lines = _panel_lines(tmp_path, {"id": "t", "text": WRAPPED}, "--bidi", "on")
    words = [f"{n}ةملك" for n in range(1, 31)]
    # As many words as fit in the panel's 76 cells: 9 of 5 cells, 3 of 6, 11 spaces = 74.
    first = " ".join(reversed(words[:12]))
    second = " ".join(reversed(words[12:23]))  # 11 of 6 cells and 10 spaces = 76
    assert _row(first, True) in lines
    assert _row(second, True) in lines
    assert lines.index(_row(first, True)) + 1 == lines.index(_row(second, True))


def test_bidi_on_numbers_latin_names_and_urls(tmp_path) -> None:
    lines = _panel_lines(tmp_path, {"id": "t", "text": MIXED}, "--bidi", "on")
    assert _row("نآلا https://x.org/a ربع 2020 ماع يف John نوج لاق", True) in lines


def test_bidi_on_brackets_face_their_words(tmp_path) -> None:
    lines = _panel_lines(tmp_path, {"id": "t", "text": BRACKETS}, "--bidi", "on")
    assert _row("(مويلا) ةديدج {ةطخ} نع [ساو] ةلاكو تنلعأ", True) in lines


def test_bidi_on_title_is_right_aligned(tmp_path) -> None:
    rec = {"id": "t", "title": "قال (الوزير) اليوم", "text": "نص."}
    lines = _panel_lines(tmp_path, rec, "--bidi", "on")
    assert _row("مويلا (ريزولا) لاق", True) in lines


def test_bidi_off_keeps_logical_order(tmp_path) -> None:
    lines = _panel_lines(tmp_path, {"id": "t", "text": MIXED}, "--bidi", "off")
    assert _row(MIXED, False) in lines


def test_bidi_env_and_auto(tmp_path) -> None:
    rec = {"id": "t", "text": MIXED}
    on = _row("نآلا https://x.org/a ربع 2020 ماع يف John نوج لاق", True)
    assert on in _panel_lines(tmp_path, rec, env={"ARNEWS_BIDI": "on"})
    # auto: on at a terminal with no bidi of its own, off where the terminal does it
    assert on in _panel_lines(tmp_path, rec, env={"TERM": "xterm", "VTE_VERSION": ""})
    assert _row(MIXED, False) in _panel_lines(tmp_path, rec, env={"VTE_VERSION": "7600"})


def test_bidi_never_reaches_pipes_or_machine_formats() -> None:
    for fmt in ("jsonl", "text"):
        res = subprocess.run(
            [*PY, "clean", "--bidi", "on", "-f", fmt, SPA], capture_output=True, cwd=ROOT
        )
        assert "جامعة نجران".encode() in res.stdout


def test_bidi_shapes_letters_by_default(tmp_path) -> None:
    lines = _panel_lines(
        tmp_path, {"id": "t", "text": "مرحبا"}, "--bidi", "on", env={"ARNEWS_SHAPE": "1"}
    )
    shaped = [line for line in lines if "│" in line and line.strip("│ ")]
    assert any("\ufee3" <= ch <= "\ufefc" or "\ufe8d" <= ch <= "\ufef4" for ch in shaped[0])


def test_text_format_at_a_terminal_names_each_article() -> None:
    rc, tty = _under_pty(["clean", "-f", "text", str(SAMPLES / "01-orient-seed.txt"), SPA])
    text = tty.decode("utf-8").replace("\r", "")
    assert rc == 0
    assert text.startswith("==> 01-orient-seed <==\n") and "\n\n==> 02-spa-najran <==\n" in text
    assert "\f" not in text
    # In a pipe the contract's form-feed separator stays, with no header.
    res = subprocess.run(
        [*PY, "clean", "-f", "text", str(SAMPLES / "01-orient-seed.txt"), SPA],
        capture_output=True,
        cwd=ROOT,
    )
    assert b"\f\n" in res.stdout and b"==>" not in res.stdout


def test_pager_shows_the_view_through_PAGER(tmp_path) -> None:
    paged = tmp_path / "paged.txt"
    rc, tty = _under_pty(
        ["clean", "--pager", "--bidi", "off", SPA], env={"PAGER": f"cat > {paged}"}
    )
    assert rc == 0, tty
    assert "جامعة نجران".encode() not in tty  # it went to the pager, not the terminal
    shown = paged.read_text("utf-8")
    assert "جامعة نجران" in shown and "\x1b[" in shown  # styled, as less -R shows


def test_pager_quitting_early_ends_quietly(tmp_path) -> None:
    rc, tty = _under_pty(
        ["pipeline", "--pager", str(SAMPLES)], env={"PAGER": f"head -c 100 > {tmp_path / 'p'}"}
    )
    assert b"Traceback" not in tty and b"Error" not in tty


def test_pager_is_not_used_in_a_pipe(tmp_path) -> None:
    res = subprocess.run(
        [*PY, "clean", "--pager", SPA],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PAGER": f"cat > {tmp_path / 'p'}"},
    )
    assert res.returncode == 0 and "جامعة نجران".encode() in res.stdout
    assert not (tmp_path / "p").exists()
