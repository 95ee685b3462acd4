"""Text a mentor wrote, made safe to put in Markdown that GitHub renders (job summaries, comments)."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def escape(text: str) -> str:
    """Text shown literally in GitHub Markdown: on one line, markup and HTML escaped."""
    flat = " ".join(str(text).split())
    html = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", html).replace("@", "@\u200b")


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table of cells that are already escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def code(text: str) -> str:
    """Text as a Markdown code span, whatever backticks it holds."""
    flat = " ".join(str(text).split())
    fence = "`" * (max((len(run) for run in re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
