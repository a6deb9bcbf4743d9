"""The options every subcommand shares, declared once.

A subcommand takes one parameter ``common: Common``; :func:`shared` puts the shared
options in its place in the signature Typer reads, and hands the function their
values gathered in a :class:`Common`. Adding an option to every subcommand is one
entry in :data:`SHARED` (and a field of :class:`Common`)::

    @app.command()
    @shared
    def clean(common: Common, preset: ... = ...) -> None:
        run(common.run_options(), ...)
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from enum import Enum
from functools import wraps
from typing import Annotated, Any

import typer

from arnews_cli.run import RunOptions


class Format(str, Enum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"
    json = "json"
    rich = "rich"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Bidi(str, Enum):
    auto = "auto"
    on = "on"
    off = "off"


class InFormat(str, Enum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"


#: name -> (annotation, default), in the order --help lists them (after the command's own).
SHARED: dict[str, tuple[Any, Any]] = {
    "glob": (
        Annotated[
            str,
            typer.Option("--glob", metavar="PATTERN", help="File-name pattern inside directories."),
        ],
        "*.txt",
    ),
    "encoding": (
        Annotated[
            str | None,
            typer.Option(
                "--encoding",
                metavar="NAME",
                help="Decode raw input with this encoding (skips detection).",
            ),
        ],
        None,
    ),
    "hidden": (
        Annotated[
            bool,
            typer.Option("--hidden", help="Also read hidden files and folders (.name) of a walk."),
        ],
        False,
    ),
    "format_in": (
        Annotated[
            InFormat,
            typer.Option(
                "--format-in",
                help="Input format. auto: records when the first non-blank byte is { "
                "(or a JSON array), else raw text; text: always raw articles.",
            ),
        ],
        "auto",
    ),
    "text_field": (
        Annotated[
            str | None,
            typer.Option(
                "--text-field",
                metavar="NAME",
                help="Records: take the text from this key (e.g. content).",
            ),
        ],
        None,
    ),
    "id_field": (
        Annotated[
            str | None,
            typer.Option(
                "--id-field", metavar="NAME", help="Records: take the id from this key (e.g. url)."
            ),
        ],
        None,
    ),
    "limit": (
        Annotated[
            int | None,
            typer.Option(
                "--limit",
                metavar="N",
                min=0,
                help="Stop after N articles (reads no further).",
                show_default=False,
            ),
        ],
        None,
    ),
    "fmt": (
        Annotated[
            Format,
            typer.Option(
                "-f",
                "--format",
                help="Output format. auto: rich at a terminal; jsonl for several articles "
                "or records; otherwise the step's own (text, or json for metadata).",
            ),
        ],
        Format.auto,
    ),
    "output": (
        Annotated[
            str | None,
            typer.Option(
                "-o",
                "--output",
                metavar="FILE",
                help="Write to FILE instead of standard output; a file is replaced only "
                "when the run ends well.",
            ),
        ],
        None,
    ),
    "out_dir": (
        Annotated[
            str | None,
            typer.Option(
                "--out-dir",
                metavar="DIR",
                help="Write one file per article, DIR/<id>.txt or .json.",
            ),
        ],
        None,
    ),
    "skip_existing": (
        Annotated[
            bool,
            typer.Option(
                "--skip-existing",
                help="With --out-dir: leave files already there (resume a run).",
            ),
        ],
        False,
    ),
    "color": (
        Annotated[
            Color,
            typer.Option(
                "--color",
                help="Colours and styles in the terminal view. auto: at a terminal, unless "
                "NO_COLOR is set; never: no escape sequence at all.",
            ),
        ],
        Color.auto,
    ),
    "bidi": (
        Annotated[
            Bidi,
            typer.Option(
                "--bidi",
                envvar="ARNEWS_BIDI",
                help="Right-to-left display in the terminal view: each line in visual order, "
                "Arabic right-aligned. auto: on at a terminal that does no bidi itself "
                "(xterm, tmux...), off for Konsole, mlterm, mintty, VTE >= 0.58; never in "
                "files, pipes or machine formats.",
            ),
        ],
        Bidi.auto,
    ),
    "pager": (
        Annotated[
            bool,
            typer.Option(
                "--pager",
                help="At a terminal, show the view through $PAGER (default: less -R), as git "
                "and bat do.",
            ),
        ],
        False,
    ),
    "show_stats": (
        Annotated[
            bool,
            typer.Option(
                "--stats", help="Print counts of what the step did (and wrote) to stderr."
            ),
        ],
        False,
    ),
    "strict": (
        Annotated[bool, typer.Option("--strict", help="Stop at the first failed article.")],
        False,
    ),
}

PATHS = (
    Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Article files, directories, or - for standard input (the default).",
            show_default=False,
        ),
    ],
    None,
)


class Common:
    """The values of the shared options for one run."""

    def __init__(self, paths: list[str] | None = None, **values: Any) -> None:
        self.paths = list(paths or [])
        for name, (_, default) in SHARED.items():
            setattr(self, name, values.get(name, default))

    def run_options(self, **kw: Any) -> RunOptions:
        """:class:`RunOptions` for these values and the command's own ``kw``."""
        if self.output and self.out_dir:
            raise typer.BadParameter("give -o/--output or --out-dir, not both")
        if self.skip_existing and not self.out_dir:
            raise typer.BadParameter("--skip-existing goes with --out-dir")
        if self.encoding is not None:
            import codecs

            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise typer.BadParameter(
                    f"unknown encoding {self.encoding!r}", param_hint="--encoding"
                ) from None
        fmt = self.fmt.value if isinstance(self.fmt, Enum) else self.fmt
        form = self.format_in.value if isinstance(self.format_in, Enum) else self.format_in
        return RunOptions(
            paths=self.paths,
            glob=self.glob,
            encoding=self.encoding,
            fmt=fmt,
            output=self.output,
            out_dir=self.out_dir,
            strict=self.strict,
            skip_existing=self.skip_existing,
            limit=self.limit,
            hidden=self.hidden,
            stats=self.show_stats,
            pager=self.pager,
            bidi=self.bidi.value if isinstance(self.bidi, Enum) else self.bidi,
            color=self.color.value if isinstance(self.color, Enum) else self.color,
            format_in=form,
            text_field=self.text_field,
            id_field=self.id_field,
            **kw,
        )


def shared(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Replace ``fn``'s ``common`` parameter by ``[PATH]...`` first and the shared
    options after its own, and call it with them gathered in a :class:`Common`."""
    own = [p for p in inspect.signature(fn, eval_str=True).parameters.values()]
    names = [p.name for p in own]
    if "common" not in names:
        raise TypeError(f"{fn.__name__} takes no 'common' parameter")
    own = [p for p in own if p.name != "common"]
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD

    def param(name: str, spec: tuple[Any, Any]) -> inspect.Parameter:
        return inspect.Parameter(name, kind, annotation=spec[0], default=spec[1])

    params = [param("paths", PATHS), *own, *(param(n, s) for n, s in SHARED.items())]

    @wraps(fn)
    def command(**kwargs: Any) -> Any:
        values = {n: kwargs.pop(n) for n in ("paths", *SHARED) if n in kwargs}
        return fn(common=Common(**values), **kwargs)

    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    return command
