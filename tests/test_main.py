"""The ``arnews`` entry point: ``--version`` without Typer, exit statuses kept."""

from __future__ import annotations

import sys

import pytest

from arnews_cli import __main__ as entry


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (2, 2), (141, 141), ("boom", 1)])
def test_exit_keeps_the_status_when_teardown_is_needed(
    code: object, status: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Inside pytest other threads or exit handlers may exist; then _exit raises
    # SystemExit like a normal exit would. Force that path to check the status.
    monkeypatch.setitem(sys.modules, "multiprocessing", sys.modules.get("multiprocessing", sys))
    with pytest.raises(SystemExit) as stop:
        entry._exit(code)
    assert stop.value.code == status
    if isinstance(code, str):
        assert capsys.readouterr().err.strip() == "boom"


def test_version_does_not_import_typer(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["arnews", "--version"])
    for name in [m for m in sys.modules if m == "typer" or m.startswith("typer.")]:
        monkeypatch.delitem(sys.modules, name)
    entry.main()
    assert capsys.readouterr().out.startswith("arnews ")
    assert "typer" not in sys.modules
