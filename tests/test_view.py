"""The terminal view: any record, any --fields, never a crash, nothing hidden."""

from __future__ import annotations

import io
import itertools
import json
import os
import pty
import select
import subprocess
import sys

import pytest

from arnews_cli.io.render import Renderer

from .conftest import ROOT, SAMPLES

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


def test_every_subset_of_fields_renders(full: dict) -> None:
    names = list(full)
    assert len(names) == 11
    for n in range(len(names) + 1):
        for subset in itertools.combinations(names, n):
            out = render({k: full[k] for k in subset})
            assert out.startswith("╭") and out.rstrip().endswith("╯"), subset


def test_the_panel_shows_what_each_step_made(full: dict) -> None:
    out = render(full)
    assert "02-spa-najran" in out and "utf-8" in out
    assert "جامعة نجران تعلن" in out  # title
    assert "   1 " in out and " │ " in out  # numbered sentences with their tokens
    assert "removed 3 lines" in out and "end-marker: // انتهى //" in out
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
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", **(env or {})}
    proc = subprocess.Popen(
        [*PY, *args], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, close_fds=True
    )
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=60)
    os.close(master)
    return proc.returncode, out


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
    ],
)
def test_every_subcommand_renders_at_a_terminal(args: list[str]) -> None:
    rc, tty = _under_pty(args)
    assert rc == 0, tty.decode(errors="replace")
    assert b"Traceback" not in tty and b"02-spa-najran" in tty


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
