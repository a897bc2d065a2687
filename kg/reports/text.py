"""Text from abstracts is data: shown as written, but never able to act as markup or a control code."""

from __future__ import annotations

import re

from markupsafe import Markup

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~])")
_BULLET_START = re.compile(r"^([-+=])")
_ORDERED_START = re.compile(r"^(\d+)([.)])")


def visible(text: object) -> str:
    """`text` with C0 control characters (bar tab and newlines) shown as Unicode control pictures."""
    shown = _CONTROL.sub(_picture, str(text))
    return Markup(shown) if isinstance(text, Markup) else shown


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def one_line(text: object) -> str:
    """Runs of whitespace (newlines included) as one space."""
    return " ".join(str(text).split())


def markdown_escape(text: object) -> str:
    """Inert Markdown: controls made visible, one line, `&` as an entity, every markup character escaped."""
    flat = one_line(visible(text)).replace("&", "&amp;")
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    return _ORDERED_START.sub(r"\1\\\2", _BULLET_START.sub(r"\\\1", escaped))
