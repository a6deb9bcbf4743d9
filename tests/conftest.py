from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
#: Real articles copied from ../shared/corpus (tests/data/README.md says which, and
#: their source and licence); test_fixtures.py fails if they are missing.
CORPUS = ROOT / "tests" / "data" / "corpus"
BULK_SAMPLE = CORPUS / "bulk" / "news-400.jsonl.gz"
SAMPLES = ROOT / "samples"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def arnews(*args: str, input: bytes | None = None, cwd: Path | None = None, timeout: float = 60):
    """Run the real command in a subprocess, as a shell would."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("COLUMNS", None)
    return subprocess.run(
        [sys.executable, "-m", "arnews_cli", *args],
        input=input,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=timeout,
    )


#: Seconds a slow test may take. The 5 MB worst cases run in 2–7 s on a 2-core
#: machine, the long sweeps in 10–15 s; a pattern gone quadratic takes hours. The bound
#: tells the two apart without measuring speed.
SLOW_BOUND = 60


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--runslow",
        action="store_true",
        help="also run the slow tests: 5 MB worst cases and long sweeps (CI does)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"slow: a 5 MB worst case or a long sweep; runs with --runslow, fails past {SLOW_BOUND} s",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow (5 MB worst case or long sweep): --runslow runs it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _slow_bound(request: pytest.FixtureRequest):
    """A slow test that runs past :data:`SLOW_BOUND` fails (super-linear time)."""
    if "slow" not in request.keywords or not hasattr(signal, "SIGALRM"):
        yield
        return

    def too_long(signo: int, frame: object) -> None:
        pytest.fail(f"did not finish within {SLOW_BOUND} s: super-linear on this input?")

    old = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(SLOW_BOUND)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_at_pty(
    argv: list[str], env: dict[str, str] | None = None, timeout: float = 120
) -> tuple[int, bytes]:
    """Run ``argv`` with stdout and stderr on a real terminal (a pty): the exit status
    and everything it showed there."""
    import pty
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        close_fds=True,
    )
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=timeout), seen
