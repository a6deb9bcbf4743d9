"""The examples in the package's docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import arnews_cli


def _modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages(arnews_cli.__path__, "arnews_cli.")
        if m.name != "arnews_cli.__main__"
    )


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"
