"""One page rendered by the site engine, reused as the layout of thousands of generated pages.

The engine renders a page whose title, description and content are unique markers; the
result is split at the markers once, and each generated page is the pieces joined with
its own (escaped) values. This costs a string join per page instead of the engine's
whole template pipeline.
"""

from __future__ import annotations

import hashlib
import re
from html import escape

from .render import Page

TITLE = "MDIRSHELLTITLE"
DESCRIPTION = "MDIRSHELLDESCRIPTION"
CONTENT = "MDIRSHELLCONTENT"
PATH = "mentors/_shell/"  # where the engine renders the shell: as deep as every generated page
ICONS = "assets/mentor-directory/icons-{}.svg"  # the layout's icons, named by their content
# An icon as the theme inlines it: one <svg> with a view box and its shapes.
_ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="([^"]+)">(.*?)</svg>', re.S)

SOURCE = f"""---
title: {TITLE}
description: {DESCRIPTION}
template: mentor-directory-page.html
---

{CONTENT}
"""


class Shell:
    """The engine's layout around a page, split at the markers.

    With `sprite`, the layout's inline icons (a few kilobytes on every page) become references
    into one icon file, `self.icons` (path, text), that the browser fetches once. Only over
    http(s): a page opened from file:// may not use another file's icons.
    """

    def __init__(self, html: str, sprite: bool = False) -> None:
        markers = f"<p>{CONTENT}</p>|{TITLE}|{DESCRIPTION}|{re.escape(PATH)}"
        # The theme's templates indent deeply; on thousands of pages that is megabytes of spaces.
        # Leading white space on a line means nothing in HTML outside <pre>, which the layout has none of.
        html = re.sub(r"\n\s+", "\n", html)
        self.icons: tuple[str, str] | None = None
        if sprite:
            html, self.icons = _sprite(html, "../" * PATH.count("/"))
        self.parts = re.split(f"({markers})", html)
        if f"<p>{CONTENT}</p>" not in self.parts:
            raise ValueError("the layout page lost its content marker")

    def wrap(self, page: Page) -> str:
        """The whole HTML document for a generated page."""
        values = {
            f"<p>{CONTENT}</p>": page.body,
            TITLE: escape(page.title),
            DESCRIPTION: escape(page.description),
            PATH: page.path,
        }
        return "".join(values.get(part, part) for part in self.parts)


def _sprite(html: str, root: str) -> tuple[str, tuple[str, str] | None]:
    """The layout with its icons referenced from one SVG file of symbols, and that file (path, text)."""
    symbols: dict[tuple[str, str], str] = {}
    for view_box, shapes in _ICON.findall(html):
        symbols.setdefault((view_box, shapes), f"i{len(symbols)}")
    if not symbols:
        return html, None
    text = "".join(
        f'<symbol id="{name}" viewBox="{view_box}">{shapes}</symbol>' for (view_box, shapes), name in symbols.items()
    )
    text = f'<svg xmlns="http://www.w3.org/2000/svg">{text}</svg>\n'
    path = ICONS.format(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8])

    def use(found: re.Match) -> str:
        # The view box stays on the icon: the theme sizes some icons by height alone.
        return f'<svg viewBox="{found[1]}"><use href="{root}{path}#{symbols[found[1], found[2]]}"/></svg>'

    return _ICON.sub(use, html), (path, text)
