"""The README's examples are run as they are written, so the README stays true.

python -m tests.test_readme --update    # rewrite the outputs after a deliberate change
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_at_pty

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples(text: str) -> list[tuple[str, str]]:
    out = []
    for block in BLOCK.findall(text):
        cmd, expected = None, []
        for line in block.splitlines(keepends=True):
            if line.startswith("$ "):
                if cmd:
                    out.append((cmd, "".join(expected)))
                cmd, expected = line[2:].rstrip("\n"), []
            else:
                expected.append(line)
        if cmd:
            out.append((cmd, "".join(expected)))
    return out


def run(cmd: str) -> str:
    # The `arnews` of this interpreter's environment, whatever PATH says.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    res = subprocess.run(
        cmd, shell=True, executable="/bin/bash", cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    out = res.stdout.decode("utf-8")
    # `head -c` may cut a character in two; compare what is whole.
    return out if out.endswith("\n") else out.encode("utf-8").decode("utf-8", "ignore") + "\n"


@pytest.mark.parametrize("cmd,expected", examples(README.read_text(encoding="utf-8")))
def test_readme_example(cmd: str, expected: str) -> None:
    assert run(cmd) == expected


def test_readme_has_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "pip install . && arnews pipeline samples/" in text
    assert "pip install '.[test]' && pytest --runslow" in text
    # CI runs exactly the README's test command.
    assert "pip install '.[test]' && pytest --runslow" in (ROOT / ".ci" / "run").read_text()


def _update() -> None:
    text = README.read_text(encoding="utf-8")

    def fill(m: re.Match[str]) -> str:
        body = "".join(f"$ {cmd}\n{run(cmd)}" for cmd, _ in examples(m.group(0)))
        return f"```console\n{body}```"

    README.write_text(BLOCK.sub(fill, text), encoding="utf-8")


if __name__ == "__main__" and "--update" in sys.argv:
    _update()


@pytest.mark.parametrize("cmd", [cmd for cmd, _ in examples(README.read_text(encoding="utf-8"))])
def test_readme_example_at_a_terminal(cmd: str) -> None:
    """Each example also works with its output at a terminal (the rich view)."""
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "COLUMNS": "80",
    }
    rc, seen = run_at_pty(["bash", "-c", cmd], env)
    assert rc == 0, seen.decode(errors="replace")
    assert b"Traceback" not in seen
