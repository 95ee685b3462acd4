"""The `{{ programme.contact }}`-style placeholders in the guidance pages, filled from the settings.

The MkDocs plugin fills them as each page is read; the Zensical export fills them once, in the
files it writes: both through this module, so a placeholder means the same on every engine.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from ..profiles import loader
from ..settings import Settings

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}")


def values(settings: Settings, profiles_dir: Path, offline_notice: str) -> dict[str, str]:
    """Every placeholder's value; repository links only when `repo_url` is set."""
    found = {
        "programme.name": settings.programme,
        "programme.contact": settings.contact,
        "programme.scheme": settings.scheme,
        "offline.notice": offline_notice,
    }
    repo = settings.repo_url.rstrip("/")
    if repo:
        template = (profiles_dir / loader.TEMPLATE_FILE).read_text(encoding="utf-8")
        folder = settings.profiles_dir
        found |= {
            "links.repository": repo,
            "links.template": f"{repo}/blob/{settings.edit_branch}/{folder}/{loader.TEMPLATE_FILE}",
            "links.new_profile": f"{repo}/new/{settings.edit_branch}?filename={quote(folder)}/your-name.yml"
            f"&value={quote(template, safe='')}",
        }
    return found


def fill(markdown: str, found: dict[str, str], where: str, may_be_empty: tuple[str, ...] = ()) -> str:
    """The page with every placeholder replaced; ValueError naming the page for one with no value."""

    def value(match: re.Match) -> str:
        name = match.group(1)
        if not found.get(name) and name not in may_be_empty:
            raise ValueError(f"{where}: '{{{{ {name} }}}}' has no value: set it in mkdocs.yml (repo_url, contact).")
        return found.get(name, "")

    return PLACEHOLDER.sub(value, markdown)
