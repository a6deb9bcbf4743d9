"""Draw the README's pictures of the terminal view: ``python docs/make_pictures.py``.

Each picture is what ``arnews`` shows at an 80-column terminal with no bidi of its
own, recorded by rich as SVG. ``tests/test_docs.py`` draws them again and fails when
the committed ones are out of date (after a change to the view or to a step's
output: run this script and commit the SVGs).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "pictures"

#: file name -> (title, the arnews command line whose view is drawn)
PICTURES: dict[str, tuple[str, list[str]]] = {
    "pipeline.svg": (
        "arnews pipeline samples/02-spa-najran.txt",
        ["pipeline", "-f", "jsonl", "samples/02-spa-najran.txt"],
    ),
    "strip-boilerplate.svg": (
        "arnews strip-boilerplate samples/06-almayadeen.txt",
        ["strip-boilerplate", "-f", "jsonl", "samples/06-almayadeen.txt"],
    ),
}
WIDTH = 80


def records(args: list[str]) -> list[dict]:
    res = subprocess.run(
        [sys.executable, "-m", "arnews_cli", *args], capture_output=True, cwd=ROOT, check=True
    )
    return [json.loads(line) for line in res.stdout.splitlines()]


def draw(title: str, args: list[str]) -> str:
    """The SVG of the view of ``arnews ARGS`` (bidi on, letters joined)."""
    from rich.console import Console

    from arnews_cli.io.render import Renderer

    renderer = Renderer(args[0], file=io.StringIO(), width=WIDTH, color="always", bidi=True)
    renderer.console = Console(
        file=io.StringIO(),
        record=True,
        width=WIDTH,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        markup=False,
        emoji=False,
    )
    for rec in records(args):
        renderer.write(rec)
    svg = renderer.console.export_svg(title=title)
    # The lines are already in visual order, as a terminal without bidi draws them: an
    # SVG viewer must draw each glyph where it stands, not reorder it again.
    return svg.replace(
        "<style>", "<style>\n    text { direction: ltr; unicode-bidi: bidi-override; }", 1
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (title, args) in PICTURES.items():
        (OUT / name).write_text(draw(title, args), encoding="utf-8")
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
