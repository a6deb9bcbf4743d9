"""The ``arnews`` command (console script and ``python -m arnews_cli``).

Kept apart from :mod:`arnews_cli.cli` so that ``arnews --version``, which scripts ask
often, answers without importing Typer.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, 3 ms of --version
if TYPE_CHECKING:
    from typing import NoReturn


def main() -> None:
    argv = sys.argv[1:]
    if argv in (["--version"], ["-V"]):
        from arnews_cli import __version__

        print(f"arnews {__version__}")
        return
    from arnews_cli.cli import main as run_cli

    try:
        run_cli(argv)
    except SystemExit as stop:
        _exit(stop.code)
    _exit(0)


def _exit(code: object) -> NoReturn:
    """Exit with ``code`` without tearing the interpreter down, when that is safe.

    Freeing the modules Typer and click bring in costs about 6 ms at every exit, a
    tenth of a one-line ``echo x | arnews clean``, and buys nothing: the driver has
    closed its output and removed its temporary files by now. Teardown still runs
    when something may need it: worker processes to stop (multiprocessing's exit
    handler), other threads to join, or exit handlers anyone registered.
    """
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    status = code if isinstance(code, int) else 0 if code is None else 1
    import atexit
    import threading

    if (
        "multiprocessing" in sys.modules
        or threading.active_count() > 1
        or getattr(atexit, "_ncallbacks", lambda: 1)() > 0
    ):
        raise SystemExit(status)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        status = status or 141
    except OSError as e:
        # Text printed (--version, --schema) that could not reach its file: never exit 0.
        print(f"arnews: standard output: write failed: {(e.strerror or e)!s}", file=sys.stderr)
        status = status or 1
    except ValueError:
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(status)


if __name__ == "__main__":
    main()
