"""Shell completion: the script installs, and a shell that sources it completes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BIN = Path(sys.executable).parent  # the environment's `arnews` console script


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


def test_bash_completes_subcommands_options_and_values() -> None:
    script = (
        "source <(arnews completion bash)\n"
        'complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
        '_arnews_completion arnews; echo "${COMPREPLY[*]}"; }\n'
        "complete_words arnews str\n"
        "complete_words arnews clean --bi\n"
        "complete_words arnews clean --bidi ''\n"
        "complete_words arnews pipeline --fo\n"
    )
    res = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=60
    )
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == "strip-boilerplate"
    assert lines[1] == "--bidi"
    assert lines[2].split() == ["auto", "on", "off"]
    assert set(lines[3].split()) == {"--format", "--format-in"}


def test_zsh_protocol_answers_as_the_zsh_script_asks() -> None:
    # What the zsh script runs: env _TYPER_COMPLETE_ARGS=... _ARNEWS_COMPLETE=complete_zsh arnews
    res = subprocess.run(
        ["arnews"],
        capture_output=True,
        text=True,
        env=_env(_TYPER_COMPLETE_ARGS="arnews seg", _ARNEWS_COMPLETE="complete_zsh"),
        timeout=60,
    )
    assert res.returncode == 0 and "segment" in res.stdout and "_arguments" in res.stdout


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh not installed here")
def test_zsh_sources_the_script() -> None:
    script = (
        'autoload -U compinit && compinit -u\neval "$(arnews completion zsh)"\n'
        "whence -w _arnews_completion\n"
    )
    res = subprocess.run(
        ["zsh", "-f", "-c", script], capture_output=True, text=True, env=_env(), timeout=60
    )
    assert "_arnews_completion: function" in res.stdout, res.stderr


@pytest.mark.parametrize(("shell", "rc_file"), [("bash", ".bashrc"), ("zsh", ".zshrc")])
def test_install_writes_the_start_up_file(tmp_path: Path, shell: str, rc_file: str) -> None:
    res = subprocess.run(
        ["arnews", "completion", shell, "--install"],
        capture_output=True,
        text=True,
        env=_env(HOME=str(tmp_path)),
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    assert "completion installed" in res.stdout
    assert (tmp_path / rc_file).is_file()
    installed = (tmp_path / rc_file).read_text()
    assert "arnews" in installed or any(
        "arnews" in p.read_text() for p in tmp_path.rglob("*") if p.is_file()
    )
