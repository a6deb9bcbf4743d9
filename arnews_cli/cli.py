"""The ``arnews`` command: one thin Typer function per subcommand.

Each function turns its options into a stage (a function over a stream of
records) and hands it to :func:`arnews_cli.run.run`. Step modules, rich and
chardet are imported only when used, so that a shell loop over files does not pay
for them on every call.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from arnews_cli import __version__
from arnews_cli.options import Common, Format, shared
from arnews_cli.registry import STEPS, Settings
from arnews_cli.run import Reporter, guard, run

app = typer.Typer(
    name="arnews",
    help="Clean, segment, strip boilerplate from and extract metadata of Arabic news articles.\n\n"
    "Every subcommand reads files, directories (recursively, --glob) or standard input, "
    "and the subcommands pipe into each other:\n\n\b\n"
    "  arnews clean dump/ | arnews strip-boilerplate | arnews segment \\\n"
    "    | arnews to-json > corpus.jsonl",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command(short_help="Summarise articles: counts, encodings, lengths, dates, names.")
@shared
def stats(common: Common) -> None:
    """Summarise a folder or a stream: articles, bytes, encodings, failures, share of
    Arabic, length distribution, dates by month, top locations, agencies, authors and
    categories, removed lines by reason, duplicates and repeated ids.

    \b
    Rich tables at a terminal, one JSON object otherwise (-f json). Locations, dates
    and names come from extract-metadata, so run it (or pipeline) first. Memory stays
    the same on any number of articles.
    Examples:
      arnews stats dump/
      arnews pipeline dump/ | arnews stats
      arnews stats -f json corpus.jsonl > summary.json
    """
    import sys

    from arnews_cli.io import is_terminal
    from arnews_cli.io.bidi import resolve
    from arnews_cli.io.render import SummaryWriter

    opts = common.run_options()
    if opts.out_dir:
        raise typer.BadParameter("stats writes one summary: use -o, not --out-dir")

    def make_writer(fmt: str, state, report: Reporter) -> SummaryWriter:
        fmt = "json" if fmt in ("auto", "jsonl", "text") else fmt
        bidi = resolve(opts.bidi, is_terminal(sys.stdout)) if fmt == "rich" else False
        return SummaryWriter(
            fmt,
            opts.output,
            failures=lambda: report.failures,
            input_bytes=lambda: state.data_read,
            color=opts.color,
            bidi=bidi,
        )

    opts.make_writer = make_writer
    _exit(run(opts, lambda report: lambda records: records, lambda rec: "", "stats"))


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"


@app.command(short_help="Shell completion for bash or zsh: print or install it.")
def completion(
    shell: Annotated[
        str,
        typer.Argument(
            metavar="SHELL",
            help="bash or zsh.",
            show_default=False,
            autocompletion=lambda: [s.value for s in Shell],
        ),
    ],
    install: Annotated[
        bool,
        typer.Option(
            "--install", help="Add it to the shell's start-up files (~/.bashrc, ~/.zshrc)."
        ),
    ] = False,
) -> None:
    """Complete subcommands, options and their values with TAB.

    \b
    Examples:
      arnews completion bash --install        (then open a new shell)
      eval "$(arnews completion zsh)"         (this shell only)
    """
    from typer._completion_shared import get_completion_script
    from typer._completion_shared import install as install_script

    if shell not in {s.value for s in Shell}:
        raise typer.BadParameter(f"{shell!r}: choose bash or zsh", param_hint="SHELL")
    if install:
        shell_name, path = install_script(
            shell=shell, prog_name="arnews", complete_var=COMPLETE_VAR
        )
        typer.echo(f"{shell_name} completion installed in {path}; open a new shell to use it")
        return
    typer.echo(get_completion_script(prog_name="arnews", complete_var=COMPLETE_VAR, shell=shell))


#: The environment variable the completion scripts set when they ask arnews for words.
COMPLETE_VAR = "_ARNEWS_COMPLETE"


#: Above this --jobs is a mistake, not a machine (a usage error rather than a fork bomb).
MAX_JOBS = 1024


class Preset(str, Enum):
    safe = "safe"
    search = "search"


class Digits(str, Enum):
    latin = "latin"
    arabic = "arabic"
    keep = "keep"


class KeepRemove(str, Enum):
    keep = "keep"
    remove = "remove"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"arnews {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "-V", "--version", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Clean, segment, strip boilerplate from and extract metadata of Arabic news articles."""


def _split_list(value: str | None, allowed: tuple[str, ...], name: str) -> list[str] | None:
    if value is None:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad:
        raise typer.BadParameter(
            f"unknown {name} {', '.join(bad)!s}; choose from {', '.join(allowed)}"
        )
    return items


def _exit(code: int) -> None:
    raise typer.Exit(code)


# --- clean ----------------------------------------------------------------------------


@app.command(short_help=STEPS["clean"].summary)
@shared
def clean(
    common: Common,
    preset: Annotated[
        Preset, typer.Option("--preset", help="safe: no letter changes; search: Lucene-style.")
    ] = Preset.safe,
    normalize: Annotated[
        str | None,
        typer.Option(
            "--normalize",
            metavar="LIST",
            help="Letter normalizations, comma-separated: diacritics,alef,yeh,teh,hamza,persian.",
        ),
    ] = None,
    keep_shadda: Annotated[
        bool, typer.Option("--keep-shadda", help="With diacritics: keep the shadda.")
    ] = False,
    digits: Annotated[
        Digits | None,
        typer.Option("--digits", help="Digits as Latin 0-9 or Arabic-Indic ٠-٩.  [default: keep]"),
    ] = None,
    punct: Annotated[
        Digits | None,
        typer.Option("--punct", help="Punctuation as , ; ? or ، ؛ ؟.  [default: keep]"),
    ] = None,
    emoji: Annotated[
        KeepRemove | None,
        typer.Option("--emoji", help="Emoji: keep, or remove them.  [default: keep]"),
    ] = None,
    urls: Annotated[
        KeepRemove | None,
        typer.Option(
            "--urls", help="URLs and e-mail addresses: keep, or remove them.  [default: keep]"
        ),
    ] = None,
) -> None:
    """Fix invisible and typographic damage; change letters only when asked.

    \b
    Examples:
      arnews clean article.txt > article.clean.txt
      arnews clean --preset search dump/ > normalized.jsonl
      arnews clean --normalize diacritics,alef --digits latin --stats article.txt
    """
    from collections import Counter

    from arnews_cli import api
    from arnews_cli.steps.clean import NORMALIZATIONS

    norm = _split_list(normalize, NORMALIZATIONS, "normalization")
    options = api.clean_options(
        preset.value,
        normalize=norm,
        keep_shadda=True if keep_shadda else None,
        digits=digits.value if digits else None,
        punct=punct.value if punct else None,
        emoji=emoji.value if emoji else None,
        urls=urls.value if urls else None,
    )
    counts: Counter[str] = Counter()
    opts = common.run_options()
    if common.show_stats:  # how many changes each rule made, before the step's counts
        opts.after = lambda: _print_stats(counts)

    def make(report: Reporter):
        return guard(lambda r: api.clean(r, options=options, stats=counts), report, "clean")

    from arnews_cli.io.write import text_plain

    _exit(run(opts, make, text_plain, "clean"))


def _print_stats(counts) -> None:
    import sys

    if not counts:
        print("clean: no changes", file=sys.stderr)
        return
    width = max(len(k) for k in counts)
    for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"clean: {rule:<{width}} {n}", file=sys.stderr)


# --- segment --------------------------------------------------------------------------


@app.command(short_help=STEPS["segment"].summary)
@shared
def segment(
    common: Common,
    wrapped: Annotated[
        bool, typer.Option("--wrapped", help="Join hard-wrapped lines inside a blank-line block.")
    ] = False,
    tokens: Annotated[
        bool, typer.Option("--tokens", help="Also split sentences into tokens.")
    ] = False,
) -> None:
    """Split articles into paragraphs, sentences and (--tokens) tokens, with offsets.

    \b
    Text output: one sentence per line, a blank line between paragraphs.
    Examples:
      arnews segment article.txt
      arnews segment --tokens article.txt
      arnews clean dump/ | arnews segment > sentences.jsonl
    """
    from arnews_cli import api
    from arnews_cli.io.write import text_sentences

    def make(report: Reporter):
        return guard(lambda r: api.segment(r, wrapped=wrapped, tokens=tokens), report, "segment")

    _exit(
        run(
            common.run_options(),
            make,
            text_sentences,
            "segment",
        )
    )


# --- strip-boilerplate ----------------------------------------------------------------


def _min_repeat(value: int | None) -> int:
    """``--min-repeat``: ``None`` means the default; 1 would remove every line."""
    if value is None:
        from arnews_cli.repeats import DEFAULT_MIN_REPEAT

        return DEFAULT_MIN_REPEAT
    if value == 1:
        raise typer.BadParameter("must be 0 (off) or at least 2", param_hint="--min-repeat")
    return value


@app.command("strip-boilerplate", short_help=STEPS["strip-boilerplate"].summary)
@shared
def strip_boilerplate(
    common: Common,
    min_repeat: Annotated[
        int | None,
        typer.Option(
            "--min-repeat",
            metavar="N",
            min=0,
            help="Over a collection, drop lines found in at least N articles, and lines "
            "that are another article's title (0: neither).  [default: 10]",
        ),
    ] = None,
    show: Annotated[
        bool, typer.Option("--show", help="Show kept and removed lines side by side.")
    ] = False,
) -> None:
    """Remove page chrome: repeated title, share rows, most-read, read-also, footers...

    \b
    Every removed line is kept in the record's "removed" field with its reason.
    Examples:
      arnews strip-boilerplate article.txt
      arnews strip-boilerplate --show article.txt
      arnews clean dump/ | arnews strip-boilerplate --min-repeat 5 > stripped.jsonl
    """
    from arnews_cli import api
    from arnews_cli.io.write import text_plain

    n = _min_repeat(min_repeat)
    opts = common.run_options(show_removed=show)

    def make(report: Reporter):
        return lambda records: api.strip_boilerplate_stream(records, n, report)

    _exit(run(opts, make, text_plain, "strip-boilerplate"))


# --- extract-metadata -----------------------------------------------------------------


@app.command("extract-metadata", short_help=STEPS["extract-metadata"].summary)
@shared
def extract_metadata(
    common: Common,
) -> None:
    """Find title, date, dateline (place, agency), author, tags, comments, urls and stats.

    \b
    Examples:
      arnews extract-metadata article.txt
      arnews extract-metadata -f text article.txt
      arnews strip-boilerplate dump/ | arnews extract-metadata > meta.jsonl
    """
    from arnews_cli import api
    from arnews_cli.io.write import text_metadata

    opts = common.run_options(single_fmt="jsonl", out_dir_fmt="json")

    def make(report: Reporter):
        return guard(api.extract_metadata, report, "extract-metadata")

    _exit(run(opts, make, text_metadata, "extract-metadata"))


# --- dedup ----------------------------------------------------------------------------


class By(str, Enum):
    text = "text"
    story = "story"


class Keep(str, Enum):
    first = "first"


DedupBy = Annotated[
    By,
    typer.Option(
        "--by",
        help="dedup: text: the same article (exact, or near by MinHash); story: the same news "
        "told twice (republished, rewritten), not a templated item about another event.",
    ),
]
Threshold = Annotated[
    float,
    typer.Option(
        "--threshold",
        metavar="X",
        min=0.01,
        max=1.0,
        help="dedup: near duplicates at an estimated Jaccard similarity of 5-word shingles of "
        "at least X (chosen on labelled pairs; see the README).",
    ),
]
WindowDays = Annotated[
    int | None,
    typer.Option(
        "--window-days",
        metavar="N",
        min=0,
        help="dedup: only articles at most N days apart repeat each other (by metadata.date, "
        "when both have one).",
    ),
]
KeepOpt = Annotated[
    Keep,
    typer.Option(
        "--keep",
        help="dedup: which copy passes: the first one read (a stream cannot wait for a later one).",
    ),
]
Mark = Annotated[
    bool,
    typer.Option(
        "--mark",
        help='dedup: pass every article; a repeat gets "duplicate": {of, kind, similarity}.',
    ),
]
Clusters = Annotated[
    str | None,
    typer.Option(
        "--clusters", metavar="FILE", help="dedup: write one JSON line per group of two or more."
    ),
]
IndexFile = Annotated[
    str | None,
    typer.Option(
        "--index",
        metavar="FILE",
        help="dedup: read the sketches of earlier runs from FILE first, and save them with "
        "this run's after it (dedup a new crawl against an old corpus).",
    ),
]
#: Kept equal to corpus.dedup.DEFAULT_THRESHOLD by a test (not imported: start-up).
DEFAULT_THRESHOLD = 0.35


def _dedup_options(
    by: By,
    threshold: float,
    window_days: int | None,
    mark: bool,
    clusters: str | None,
    index: str | None,
):
    """dedup's options, checked before any input is read."""
    from arnews_cli.corpus.dedup import BadIndex, DedupOptions, check_index
    from arnews_cli.io.write import check_output

    for name, path in (("--clusters", clusters), ("--index", index)):
        problem = check_output(path) if path else None
        if problem:
            raise typer.BadParameter(problem, param_hint=name)
    if index:
        try:
            check_index(index, by.value)
        except BadIndex as e:
            raise typer.BadParameter(str(e), param_hint="--index") from None
    return DedupOptions(by.value, threshold, window_days, mark, index, clusters)


@app.command(short_help=STEPS["dedup"].summary)
@shared
def dedup(
    common: Common,
    by: DedupBy = By.text,
    threshold: Threshold = DEFAULT_THRESHOLD,
    window_days: WindowDays = None,
    keep: KeepOpt = Keep.first,
    mark: Mark = False,
    clusters: Clusters = None,
    index: IndexFile = None,
) -> None:
    """Pass each article on unless it repeats one already read: the same text (exact, or
    near), or with --by story the same news.

    \b
    It compares the text as it comes: run it after strip-boilerplate (and after
    extract-metadata for --window-days). Memory grows with the kept articles only
    (about 3 kB each in text mode, 5 kB with --by story), never with their text.
    Examples:
      arnews strip-boilerplate dump/ | arnews dedup > unique.jsonl
      arnews dedup --mark --clusters groups.jsonl corpus.jsonl > marked.jsonl
      arnews dedup --index seen.idx new-crawl/ > new.jsonl
      arnews pipeline --steps clean,strip-boilerplate,extract-metadata,dedup --by story dump/
    """
    from arnews_cli.corpus.dedup import Dedup
    from arnews_cli.io.write import text_plain

    options = _dedup_options(by, threshold, window_days, mark, clusters, index)
    opts = common.run_options()

    def make(report: Reporter):
        return Dedup(options).run

    _exit(run(opts, make, text_plain, "dedup"))


# --- to-json --------------------------------------------------------------------------

Fields = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="LIST",
        help="Keep only these fields, in this order, comma-separated; dotted paths reach into "
        "metadata (metadata.date).",
    ),
]
Flatten = Annotated[
    bool, typer.Option("--flatten", help="Lift metadata.* fields to the top level.")
]


@app.command("to-json", short_help="Articles to JSON records, in the shape asked.")
@shared
def to_json(
    common: Common,
    fields: Fields = None,
    flatten: Flatten = False,
    lines: Annotated[
        bool | None,
        typer.Option(
            "--lines/--array", help="JSON Lines, or one JSON array. Default: as -f auto says."
        ),
    ] = None,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the JSON Schema of the record and exit.")
    ] = False,
) -> None:
    """Turn articles into records: raw files become records, records pass through.

    \b
    Examples:
      arnews to-json article.txt
      arnews to-json dump/ > corpus.jsonl
      arnews pipeline dump/ | arnews to-json --flatten --fields id,title,date,text
      arnews to-json --schema
    """
    if schema:
        import orjson

        from arnews_cli.record import schema as record_schema

        typer.echo(orjson.dumps(record_schema(), option=orjson.OPT_INDENT_2).decode())
        raise typer.Exit()
    if lines is not None:
        common.fmt = Format.jsonl if lines else Format.json
    opts = common.run_options(
        single_fmt="json",
        out_dir_fmt="json",
        array=lines is False,
    )
    shape = _shaper(fields, flatten)

    def make(report: Reporter):
        return guard(shape, report, "to-json")

    from arnews_cli.io.write import text_plain

    _exit(run(opts, make, text_plain, "to-json"))


def _shaper(fields: str | None, flatten: bool):
    """The to-json shaping of ``--fields`` and ``--flatten``; bad names are a usage error
    here, before any input is read."""
    from arnews_cli.record import field_paths, pick

    names = [f.strip() for f in fields.split(",") if f.strip()] if fields else None
    if names:
        valid = field_paths()
        if flatten:  # metadata.* are top-level names once lifted
            valid += [p.split(".", 1)[1] for p in valid if p.startswith("metadata.")]
        bad = [n for n in names if n not in valid]
        if bad:
            raise typer.BadParameter(
                f"unknown field {', '.join(bad)}; choose from {', '.join(dict.fromkeys(valid))}",
                param_hint="--fields",
            )

    def shape(rec: dict) -> dict:
        if flatten and isinstance(rec.get("metadata"), dict):
            flat: dict = {}
            for k, v in rec.items():
                if k == "metadata":
                    flat.update(v)
                else:
                    flat.setdefault(k, v)
            rec = flat
        if names:
            rec = pick(
                rec,
                [n.split(".", 1)[1] if flatten and n.startswith("metadata.") else n for n in names],
                flatten,
            )
        return rec

    return shape


# --- pipeline -------------------------------------------------------------------------


@app.command(short_help="All steps in one process (--jobs N for more).")
@shared
def pipeline(
    common: Common,
    steps: Annotated[
        str,
        typer.Option("--steps", metavar="LIST", help="Steps to run, in order, comma-separated."),
    ] = "clean,strip-boilerplate,segment,extract-metadata",
    jobs: Annotated[
        int,
        typer.Option(
            "-j",
            "--jobs",
            metavar="N",
            min=0,
            max=MAX_JOBS,
            help="Worker processes (output keeps input order); 0: one per available CPU; "
            "more than the CPUs is capped at their number.",
        ),
    ] = 1,
    preset: Annotated[Preset, typer.Option("--preset", help="clean preset.")] = Preset.safe,
    min_repeat: Annotated[
        int | None,
        typer.Option(
            "--min-repeat",
            metavar="N",
            min=0,
            help="strip-boilerplate --min-repeat: drop lines found in N articles, and "
            "other articles' titles (0: neither).  [default: 10]",
        ),
    ] = None,
    tokens: Annotated[bool, typer.Option("--tokens", help="segment --tokens.")] = False,
    wrapped: Annotated[bool, typer.Option("--wrapped", help="segment --wrapped.")] = False,
    fields: Fields = None,
    flatten: Flatten = False,
    by: DedupBy = By.text,
    threshold: Threshold = DEFAULT_THRESHOLD,
    window_days: WindowDays = None,
    keep: KeepOpt = Keep.first,
    mark: Mark = False,
    clusters: Clusters = None,
    index: IndexFile = None,
) -> None:
    """Run several steps in one process (default: all four), writing like to-json.

    \b
    Examples:
      arnews pipeline samples/ > corpus.jsonl
      arnews pipeline --jobs 2 dump/ -o corpus.jsonl
      arnews pipeline --steps clean,segment --tokens article.txt
      arnews pipeline --steps clean,strip-boilerplate,dedup --mark dump/
    """
    from arnews_cli import api
    from arnews_cli.io.write import text_plain

    names = _split_list(steps, tuple(STEPS), "step") or []
    n = _min_repeat(min_repeat)
    jobs = _jobs(jobs)
    opts = common.run_options(
        single_fmt="json",
        out_dir_fmt="json",
        progress=True,
    )
    shape = _shaper(fields, flatten) if (fields or flatten) else None
    asked = {
        "--by": by != By.text,
        "--threshold": threshold != DEFAULT_THRESHOLD,
        "--window-days": window_days is not None,
        "--mark": mark,
        "--clusters": clusters is not None,
        "--index": index is not None,
    }
    if "dedup" not in names and any(asked.values()):
        option = next(k for k, v in asked.items() if v)
        raise typer.BadParameter(f"{option} is a dedup option: add dedup to --steps")
    dedup = (
        _dedup_options(by, threshold, window_days, mark, clusters, index)
        if "dedup" in names
        else None
    )
    settings = Settings(
        steps=tuple(names),
        preset=preset.value,
        min_repeat=n,
        tokens=tokens,
        wrapped=wrapped,
        dedup=dedup,
    )

    def make(report: Reporter):
        if shape is None:
            # Workers hand back the JSON lines they made (the driver decodes them for
            # any other output).
            return api.pipeline_stage(settings, report, jobs, encoded=True)
        stage = api.pipeline_stage(settings, report, jobs)
        shaping = guard(shape, report, "to-json")
        return lambda records: shaping(stage(records))

    _exit(run(opts, make, text_plain, "pipeline"))


def _jobs(jobs: int) -> int:
    """``--jobs``: 0 means every CPU; more workers than CPUs only cost memory (each is a
    copy of this process), so they are capped, with a note."""
    cpus = _cpus()
    if jobs == 0:
        return cpus
    if jobs > cpus:
        import sys

        print(f"arnews: --jobs {jobs}: this machine has {cpus} CPUs; using {cpus}", file=sys.stderr)
        return cpus
    return jobs


def _cpus() -> int:
    """The CPUs this process may run on (its affinity where the system tells it)."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


_COMMANDS = {
    "clean": clean,
    "segment": segment,
    "strip-boilerplate": strip_boilerplate,
    "extract-metadata": extract_metadata,
    "to-json": to_json,
    "pipeline": pipeline,
    "dedup": dedup,
    "stats": stats,
    "completion": completion,
}


def _single(name: str) -> typer.Typer:
    """An app holding only the command being run.

    Typer turns the signature of every registered command into a click command on
    each start; a shell loop over thousands of files pays that for all six every
    time. Usage, help and errors read the same (``arnews clean …``).
    """
    one = typer.Typer(
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    one.command(name)(_COMMANDS[name])
    return one


def main(argv: list[str] | None = None) -> None:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``)."""
    import sys

    argv = sys.argv[1:] if argv is None else argv
    import os

    if COMPLETE_VAR in os.environ:
        # A completion script asks for words: the whole app, with typer's completers.
        from typer._completion_classes import completion_init

        completion_init()
        app(prog_name="arnews", complete_var=COMPLETE_VAR)
        return
    try:
        if argv and argv[0] in _COMMANDS:
            _single(argv[0])(args=argv[1:], prog_name=f"arnews {argv[0]}")
        else:
            app(args=argv, prog_name="arnews")
    except KeyboardInterrupt:
        raise SystemExit(130) from None
