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
        fmt = self.fmt.value if isinstance(self.fmt, Enum) else self.fmt
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
