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
SHARED = "assets/mentor-directory/layout-{}.{}"  # the layout's icons and scripts, named by their content
# An icon as the theme inlines it: one <svg> with a view box and its shapes.
_ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="([^"]+)">(.*?)</svg>', re.S)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
# What this module expects to find in the theme's page. Each missing one still gives working
# pages, only without that piece of the page's own (a title, a description, its address) or
# without the saving: so a change in the theme is reported, not silently absorbed.
EXPECTED = {
    "the page title marker": TITLE,
    "the page description marker": DESCRIPTION,
    "the page address": PATH,
    "inline scripts (<script>...</script>)": "<script>",
}
ICONS = "inline icons (<svg xmlns=... viewBox=...>)"

SOURCE = f"""---
title: {TITLE}
description: {DESCRIPTION}
template: mentor-directory-page.html
---

{CONTENT}
"""


class Shell:
    """The engine's layout around a page, split at the markers.

    What the layout inlines in every page, a few kilobytes each time, moves to files that the
    browser fetches once and keeps: `self.files` (site path -> text). Its inline scripts become
    script files, run at the same place in the same order. With `icons`, its icons become one
    file of symbols; only over http(s), as a page opened from file:// may not use another
    file's icons. `self.unmatched` names what the theme's page no longer has where this looks.
    """

    def __init__(self, html: str, icons: bool = False) -> None:
        markers = f"<p>{CONTENT}</p>|{TITLE}|{DESCRIPTION}|{re.escape(PATH)}"
        self.unmatched = [name for name, text in EXPECTED.items() if text not in html]
        if icons and not _ICON.search(html):
            self.unmatched.append(ICONS)
        # The theme's templates indent deeply; on thousands of pages that is megabytes of spaces.
        # Leading white space on a line means nothing in HTML outside <pre>, which the layout has none of.
        html = re.sub(r"\n\s+", "\n", html)
        self.files: dict[str, str] = {}
        root = "../" * PATH.count("/")
        html = _SCRIPT.sub(lambda found: self._script(found, root, markers), html)
        if icons:
            html = self._icons(html, root)
        self.parts = re.split(f"({markers})", html)
        if f"<p>{CONTENT}</p>" not in self.parts:
            raise ValueError("the layout page lost its content marker")
        self.digest = hashlib.sha256("\0".join(self.parts).encode("utf-8")).hexdigest()

    def wrap(self, page: Page) -> str:
        """The whole HTML document for a generated page."""
        values = {
            f"<p>{CONTENT}</p>": page.body,
            TITLE: escape(page.title),
            DESCRIPTION: escape(page.description),
            PATH: page.path,
        }
        return "".join(values.get(part, part) for part in self.parts)

    def _share(self, text: str, suffix: str) -> str:
        path = SHARED.format(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], suffix)
        self.files[path] = text
        return path

    def _script(self, found: re.Match, root: str, markers: str) -> str:
        if re.search(markers, found[1]):
            return found[0]  # it names the page: it stays in it
        path = self._share(found[1].strip() + "\n", "js")
        return f'<script src="{root}{path}"></script>'

    def _icons(self, html: str, root: str) -> str:
        symbols: dict[tuple[str, str], str] = {}
        for view_box, shapes in _ICON.findall(html):
            symbols.setdefault((view_box, shapes), f"i{len(symbols)}")
        if not symbols:
            return html
        text = "".join(
            f'<symbol id="{name}" viewBox="{box}">{shapes}</symbol>' for (box, shapes), name in symbols.items()
        )
        path = self._share(f'<svg xmlns="http://www.w3.org/2000/svg">{text}</svg>\n', "svg")

        def use(found: re.Match) -> str:
            # The view box stays on the icon: the theme sizes some icons by height alone.
            return f'<svg viewBox="{found[1]}"><use href="{root}{path}#{symbols[found[1], found[2]]}"/></svg>'

        return _ICON.sub(use, html)
