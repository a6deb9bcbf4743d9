"""The ``arnews`` command (console script and ``python -m arnews_cli``).

Kept apart from :mod:`arnews_cli.cli` so that ``arnews --version``, which scripts ask
often, answers without importing Typer.
"""

from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if argv == ["--version"]:
        from arnews_cli import __version__

        print(f"arnews {__version__}")
        return
    from arnews_cli.cli import main as run_cli

    run_cli(argv)


if __name__ == "__main__":
    main()
