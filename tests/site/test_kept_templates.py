"""The theme's templates are compiled once and kept between builds, never used for a changed template."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from generator import store
from generator.site import environment
from tests.conftest import FIXED_EPOCH, copy_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return copy_project(tmp_path / "project")


# A build in a process of its own (as `mkdocs build`): what it compiled, one file per line.
BUILD = """
import sys, jinja2
compile_ = jinja2.Environment.compile
def counting(self, source, name=None, filename=None, *args, **kwargs):
    print(filename or name)
    return compile_(self, source, name, filename, *args, **kwargs)
jinja2.Environment.compile = counting
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1], site_dir=sys.argv[2], strict=True))
"""


def build(project: Path) -> list[str]:
    """Build the site in a new process; the file of every template it compiled."""
    config, site = str(project / "mkdocs.yml"), str(project / "site")
    done = subprocess.run([sys.executable, "-c", BUILD, config, site], capture_output=True, text=True, cwd=project)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def theme(names: list[str]) -> list[str]:
    """The theme's templates among them: Material's and the project's overrides."""
    return [n for n in names if "material" in Path(n).parts or "overrides" in Path(n).parts]


def test_a_second_build_compiles_none_of_the_theme_and_writes_the_same_pages(project) -> None:
    assert len(theme(build(project))) >= 20  # base.html, the partials, the overrides
    first = (project / "site" / "code-of-conduct" / "index.html").read_bytes()
    compiled = build(project)
    # Material's search plugin makes its own environment for two language templates; nothing else.
    assert {Path(n).name for n in theme(compiled)} <= {"language.html", "en.html"}
    assert (project / "site" / "code-of-conduct" / "index.html").read_bytes() == first


def test_an_edited_override_is_compiled_again_and_shows_on_every_page(project) -> None:
    build(project)
    main = project / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}<p>EDITED-OVERRIDE</p>", 1),
        encoding="utf-8",
    )
    assert str(main) in build(project)
    assert "EDITED-OVERRIDE" in (project / "site" / "code-of-conduct" / "index.html").read_text(encoding="utf-8")


def test_damaged_entries_are_compiled_again(project) -> None:
    build(project)
    first = (project / "site" / "code-of-conduct" / "index.html").read_bytes()
    packs = sorted((project / environment.CACHE_DIR).rglob("*.pack"))
    entries = [(pack, offset, size) for pack in packs for _, offset, size in store.entries(pack)]
    for pack, offset, size in entries[::2]:
        data = bytearray(pack.read_bytes())
        data[offset + size // 2] ^= 0xFF
        pack.write_bytes(bytes(data))
    pack, offset, size = entries[-1]
    os.truncate(pack, offset + size // 2)  # and the last cut short
    assert len(theme(build(project))) >= len(entries) // 2
    assert (project / "site" / "code-of-conduct" / "index.html").read_bytes() == first


def test_environments_that_compile_differently_never_share_code(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{% if true %}\n  <b>{{ x }}</b>\n{% endif %}\n", encoding="utf-8")
    folder = tmp_path / "kept"

    def render(**options) -> str:
        # A new Kept each time, as a new build would make: only what is on disk is shared.
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=environment.Kept(folder), **options
        )
        return env.get_template("t.html").render(x="<i>")

    for _ in range(2):  # the second time, from what the first kept
        assert render() == "\n  <b><i></b>\n"
        assert render(trim_blocks=True, lstrip_blocks=True) == "  <b><i></b>\n"
        assert render(autoescape=True) == "\n  <b>&lt;i&gt;</b>\n"
    assert sum(1 for pack in folder.rglob("*.pack") for _ in store.entries(pack)) >= 3


def test_a_folder_that_cannot_be_made_leaves_templates_compiled_in_memory(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ x }}!", encoding="utf-8")
    (tmp_path / "file").write_text("not a folder\n", encoding="utf-8")
    kept = environment.Kept(tmp_path / "file" / "templates")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=kept)
    assert env.get_template("t.html").render(x="hi") == "hi!"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=kept)
    assert env.get_template("t.html").render(x="again") == "again!"
