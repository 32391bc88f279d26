"""Text made safe for the workbench's HTML: content and quoted attribute values."""

from __future__ import annotations

from html import escape


def e(value: object) -> str:
    """Text for HTML content and quoted attribute values."""
    return escape("" if value is None else str(value), quote=True)
