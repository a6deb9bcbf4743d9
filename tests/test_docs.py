"""The repository's copy of the interface contract is the one the project plans with."""

from __future__ import annotations

import pytest

from .conftest import ROOT

SHARED = ROOT.parent / "shared" / "design" / "CONTRACT.md"


def test_contract_copy_is_current() -> None:
    if not SHARED.is_file():
        pytest.skip("no ../shared/design/CONTRACT.md beside this checkout to compare with")
    assert (ROOT / "docs" / "CONTRACT.md").read_text("utf-8") == SHARED.read_text("utf-8"), (
        "docs/CONTRACT.md differs from ../shared/design/CONTRACT.md: copy it over"
    )


def test_readme_links_the_contract_and_the_architecture() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "docs/CONTRACT.md" in readme and "docs/ARCHITECTURE.md" in readme


def test_architecture_page_names_modules_that_exist() -> None:
    import re

    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text("utf-8")
    layout = text.split("## Layout", 1)[1].split("##", 1)[0]
    for name in re.findall(r"\b([a-z_]+\.py)\b", layout):
        assert list((ROOT / "arnews_cli").rglob(name)), f"ARCHITECTURE.md names {name}"


def test_readme_pictures_are_up_to_date() -> None:
    """The SVGs in docs/pictures are what the view draws today (docs/make_pictures.py)."""
    import runpy

    make = runpy.run_path(str(ROOT / "docs" / "make_pictures.py"))
    readme = (ROOT / "README.md").read_text("utf-8")
    for name, (title, args) in make["PICTURES"].items():
        committed = (ROOT / "docs" / "pictures" / name).read_text("utf-8")
        assert make["draw"](title, args) == committed, (
            f"docs/pictures/{name} is out of date: run python docs/make_pictures.py"
        )
        assert f"docs/pictures/{name}" in readme
