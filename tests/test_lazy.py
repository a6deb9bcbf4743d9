"""steps.lazy: a pattern compiled on first use behaves as the compiled one."""

from __future__ import annotations

import re

import pytest

from arnews_cli.steps import lazy as lazy_mod
from arnews_cli.steps.lazy import lazy


def test_same_results_as_re_compile() -> None:
    text = "قال 12 و 345 (أ ف ب)"
    for pattern, flags in [(r"\d+", 0), (r"(?P<n>\d)(\d)?", 0), (r"A", re.IGNORECASE)]:
        p, q = lazy(pattern, flags), re.compile(pattern, flags)
        assert p.findall(text + "a") == q.findall(text + "a")
        assert p.sub("#", text) == q.sub("#", text)
        assert p.split(text) == q.split(text)
        assert [m.span() for m in p.finditer(text)] == [m.span() for m in q.finditer(text)]
        assert (p.groups, p.groupindex) == (q.groups, q.groupindex)
        assert p.pattern == q.pattern


def test_compiled_once_and_not_at_creation(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        calls.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(lazy_mod.re, "compile", counting)
    p = lazy("x+")
    assert calls == []
    for _ in range(3):
        assert p.search("axxb") and p.scanner("xx").match()  # scanner: not pre-bound
    assert calls == ["x+"]
