"""One page rendered by the site engine, reused as the layout of thousands of generated pages.

The engine renders a page whose title, description and content are unique markers; the
result is split at the markers once, and each generated page is the pieces joined with
its own (escaped) values. This costs a string join per page instead of the engine's
whole template pipeline.
"""

from __future__ import annotations

import re
from html import escape

from .render import Page

TITLE = "MDIRSHELLTITLE"
DESCRIPTION = "MDIRSHELLDESCRIPTION"
CONTENT = "MDIRSHELLCONTENT"
PATH = "mentors/_shell/"  # where the engine renders the shell: as deep as every generated page

SOURCE = f"""---
title: {TITLE}
description: {DESCRIPTION}
template: mentor-directory-page.html
---

{CONTENT}
"""


class Shell:
    """The engine's layout around a page, split at the markers."""

    def __init__(self, html: str) -> None:
        markers = f"<p>{CONTENT}</p>|{TITLE}|{DESCRIPTION}|{re.escape(PATH)}"
        # The theme's templates indent deeply; on thousands of pages that is megabytes of spaces.
        # Leading white space on a line means nothing in HTML outside <pre>, which the layout has none of.
        html = re.sub(r"\n\s+", "\n", html)
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
