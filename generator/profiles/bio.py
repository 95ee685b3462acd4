"""A mentor's bio: restricted Markdown (paragraphs, emphasis, https links) made into safe HTML."""

from __future__ import annotations

import html
from functools import cache, lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "em", "strong", "a", "br"}
LINK_REL = "nofollow ugc noopener"


@cache
def _markdown() -> MarkdownIt:
    # The 'zero' preset knows only paragraphs; switch on exactly what a bio may use.
    # Raw HTML stays off, so '<script>' is shown as text, never passed through.
    return MarkdownIt("zero", {"html": False}).enable(["emphasis", "link", "autolink", "escape"])


def to_html(text: str) -> str:
    """Render a bio and sanitise the result: only p, em, strong, br and https/mailto links survive."""
    rendered = _markdown().render(text)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"https", "mailto"},
        link_rel=LINK_REL,
    ).strip()


def link_targets(text: str) -> list[str]:
    """Every address the bio's Markdown links to, as the renderer reads it."""
    found = []
    for token in _markdown().parse(text):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(str(child.attrGet("href") or ""))
    return found


def plain(text: str, limit: int = 200) -> str:
    """A short plain-text summary of a bio, cut at a word boundary."""
    words = " ".join(_strip_markup(text).split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


@lru_cache(maxsize=4096)  # the records and the index both want each bio as text
def _strip_markup(text: str) -> str:
    return html.unescape(nh3.clean(_markdown().render(text), tags=set()))
