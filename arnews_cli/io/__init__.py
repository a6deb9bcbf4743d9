"""Reading, writing and rendering articles: everything that touches bytes or a terminal."""

from typing import Any


def is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is a terminal; False for anything that cannot tell (a closed
    stream, a test runner's buffer)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
