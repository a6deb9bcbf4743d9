"""The article record: its fields, their order, and the JSON Schema it follows.

A record is a plain ``dict`` so that it costs nothing to read and write with orjson
and travels to worker processes as it is.
"""

from __future__ import annotations

from typing import Any

#: Field order of a record on the wire (docs/CONTRACT.md §3). Unknown fields follow, as read.
FIELDS: tuple[str, ...] = (
    "id",
    "source",
    "encoding",
    "text",
    "title",
    "metadata",
    "sentences",
    "removed",
    "duplicate",
    "steps",
)

#: Fields computed on the text; a step that changes the text drops them unless it
#: recomputes them.
TEXT_DERIVED: tuple[str, ...] = ("sentences",)

Record = dict[str, Any]


class Encoded:
    """A record already serialised as its JSON line, as a worker process returns it.

    Decoding a record with its sentences costs about as much as a step, and the writer
    would encode it again at once: handed the line, a JSON Lines writer copies it out,
    and the process that writes does not become the bottleneck of ``--jobs``. Anything
    else that needs the record asks :meth:`record`.

    >>> Encoded.of({"id": "a", "text": "نص"}).record()
    {'id': 'a', 'text': 'نص'}
    """

    __slots__ = ("line",)

    def __init__(self, line: bytes) -> None:
        self.line = line

    @classmethod
    def of(cls, record: Record) -> Encoded:
        import orjson

        return cls(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))

    def record(self) -> Record:
        import orjson

        return orjson.loads(self.line)


def new_record(id: str, source: str, encoding: str, text: str) -> Record:
    return {"id": id, "source": source, "encoding": encoding, "text": text}


def ordered(record: Record) -> Record:
    """Return ``record`` with the known fields in contract order, unknown ones after."""
    out = {k: record[k] for k in FIELDS if k in record}
    if len(out) != len(record):
        for k, v in record.items():
            if k not in out:
                out[k] = v
    return out


def apply_step(record: Record, step: str, **changes: Any) -> Record:
    """A copy of ``record`` with ``changes`` applied and ``step`` appended to ``steps``.

    When the text changes, fields computed on the old text are dropped unless the
    step supplies them anew.
    """
    out = dict(record)
    if "text" in changes and changes["text"] != record.get("text"):
        for k in TEXT_DERIVED:
            if k not in changes:
                out.pop(k, None)
    out.update(changes)
    out["steps"] = [*record.get("steps", ()), step]
    return ordered(out)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record as arnews writes it."""
    from arnews_cli.steps.metadata import metadata_schema

    span = {
        "type": "object",
        "required": ["text", "start", "end"],
        "properties": {
            "text": {"type": "string"},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://arnews.invalid/schema/record.json",
        "title": "arnews article record",
        "type": "object",
        "required": ["id", "source", "encoding", "text"],
        "properties": {
            "id": {"type": "string"},
            "source": {"type": "string"},
            "encoding": {"type": "string"},
            "text": {"type": "string"},
            "title": {"type": ["string", "null"]},
            "metadata": metadata_schema(),
            "sentences": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["text", "start", "end", "paragraph"],
                    "properties": {
                        **span["properties"],
                        "paragraph": {"type": "integer", "minimum": 0},
                        "tokens": {"type": "array", "items": span},
                    },
                },
            },
            "removed": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["line", "text", "reason"],
                    "properties": {
                        "line": {"type": "integer", "minimum": 1},
                        "text": {"type": "string"},
                        "reason": {"type": "string"},
                    },
                },
            },
            "duplicate": {
                "type": "object",
                "required": ["of", "kind", "similarity"],
                "properties": {
                    "of": {"type": "string"},
                    "kind": {"enum": ["exact", "near", "story"]},
                    "similarity": {"type": "number", "minimum": 0, "maximum": 1},
                },
            },
            "steps": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": True,
    }


def field_paths() -> list[str]:
    """Every field of the record, with dotted paths into its objects (``metadata.date``,
    ``metadata.stats.words``): the names ``--fields`` accepts."""
    out: list[str] = []

    def walk(props: dict[str, Any], prefix: str) -> None:
        for name, sub in props.items():
            out.append(prefix + name)
            if isinstance(sub, dict) and isinstance(sub.get("properties"), dict):
                walk(sub["properties"], f"{prefix}{name}.")

    walk(schema()["properties"], "")
    return out


def pick(record: Record, paths: list[str], flatten: bool = False) -> Record:
    """The fields of ``record`` at ``paths``, in that order; a dotted path keeps its
    nesting (``{"metadata": {"date": …}}``), or with ``flatten`` becomes its last name.
    Fields the record does not have are left out.

    >>> pick({"id": "a", "metadata": {"date": "2020-01-02", "author": None}},
    ...      ["metadata.date", "id"])
    {'metadata': {'date': '2020-01-02'}, 'id': 'a'}
    """
    out: Record = {}
    for path in paths:
        value: Any = record
        parts = path.split(".")
        for part in parts:
            if not isinstance(value, dict) or part not in value:
                break
            value = value[part]
        else:
            if flatten:
                out[parts[-1]] = value
                continue
            node = out
            for part in parts[:-1]:
                node = node.setdefault(part, {})
            node[parts[-1]] = value
    return out
