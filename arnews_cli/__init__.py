"""arnews: a command-line toolkit for Arabic news articles.

The steps are importable functions that take article text or an article record
(a dict, see :mod:`arnews_cli.record`) and return the same kind::

    >>> from arnews_cli import clean
    >>> clean("مرحـــبا")
    'مرحبا'

They are loaded on first use so that ``import arnews_cli`` (and every CLI start)
stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["clean", "segment", "strip_boilerplate", "extract_metadata", "to_record", "__version__"]


def __getattr__(name: str):
    if name in __all__:
        from arnews_cli import api

        return getattr(api, name)
    raise AttributeError(f"module 'arnews_cli' has no attribute {name!r}")
