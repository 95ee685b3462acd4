"""The layout code against Material's page: a golden case, and a loud warning when the theme's HTML changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from generator.site import shell
from generator.site.render import Page
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden" / "shell"
# The layout page as mkdocs-material 9.8 renders it (captured from a build of the sample site).
THEME_PAGE = (GOLDEN / "material-9.8-page.html").read_text(encoding="utf-8")
PAGE = Page("mentors/ada-okafor/", "Ada <Okafor>", "Data & evidence", "<p>Ada's page</p>")
ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox='


def test_material_page_golden(update_golden: bool) -> None:
    layout = shell.Shell(THEME_PAGE, icons=True)
    assert layout.unmatched == []
    shared = "".join(f"<!-- {path}: {len(text)} characters -->\n" for path, text in sorted(layout.files.items()))
    output = layout.wrap(PAGE) + "\n" + shared
    expected = GOLDEN / "material-9.8-page.expected.html"
    if update_golden:
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")
    assert "<title>Ada &lt;Okafor&gt;" in output and "Data &amp; evidence" in output and "MDIRSHELL" not in output


@pytest.mark.parametrize(
    "old, new, unmatched",
    [
        (ICON, '<svg class="md-icon" xmlns="http://www.w3.org/2000/svg" viewBox=', [shell.ICONS]),
        ("<script>", '<script type="module">', ["inline scripts (<script>...</script>)"]),
        (shell.TITLE, "Mentor", ["the page title marker"]),
        (shell.DESCRIPTION, "A mentor", ["the page description marker"]),
        (shell.PATH, "mentors/", ["the page address"]),
    ],
    ids=["icons", "scripts", "title", "description", "address"],
)
def test_a_changed_theme_page_is_named(old: str, new: str, unmatched: list[str]) -> None:
    changed = THEME_PAGE.replace(old, new)
    assert changed != THEME_PAGE
    assert shell.Shell(changed, icons=True).unmatched == unmatched


def test_icons_are_not_expected_in_the_offline_copy() -> None:
    assert shell.Shell(THEME_PAGE.replace(ICON, "<svg "), icons=False).unmatched == []


def test_a_strict_build_fails_loudly_when_the_theme_changes(build_site, tmp_path: Path, monkeypatch, caplog) -> None:
    monkeypatch.setattr(shell, "_ICON", shell.re.compile("an icon markup this theme never writes"))
    with pytest.raises(Abort):
        build_site(tmp_path / "project")
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("no longer has inline icons" in w and "mkdocs-material version" in w for w in warnings), warnings
