"""Text a mentor wrote, made safe to put in Markdown that GitHub renders (job summaries, comments)."""

from __future__ import annotations

import re

from ..profiles.characters import shown

_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
_SHORTCODE = re.compile(r":(?=[\w+-]+:)")  # ':+1:' would show as an emoji
# GitHub turns these into links by itself: a word joiner after the scheme or 'www' stops it.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp|www)(?=[:.])")


def escape(text: str) -> str:
    """Text shown literally in GitHub Markdown: on one line, markup, HTML and autolinks escaped."""
    flat = shown(" ".join(str(text).split()))
    html = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    unlinked = _SHORTCODE.sub(":\u2060", _AUTOLINK.sub("\\1\u2060", html))
    return _SPECIAL.sub(r"\\\1", unlinked).replace("@", "@\u200b")


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table of cells that are already escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def code(text: str) -> str:
    """Text as a Markdown code span, whatever backticks it holds."""
    flat = shown(" ".join(str(text).split()))
    fence = "`" * (max((len(run) for run in re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
