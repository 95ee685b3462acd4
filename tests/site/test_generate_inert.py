"""`generate --out` writes Markdown that no site engine's template language can run."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import yaml

from generator.cli import main
from tests.helpers import ROOT, copy_project

SAMPLE = (ROOT / "mentors" / "callum-fraser.yml").read_text(encoding="utf-8")
TEMPLATE_CODE = [
    "{{ 7*7 }}",
    "{% raw %}",
    "{%- include secrets.txt -%}",
    "{# hidden #}",
    "{{< shortcode >}}",
    "{{ site.github.token }}",
    "{{ config.__class__ }}",
]
# Liquid, Jinja, Nunjucks, Hugo and Handlebars all open their tags with one of these.
_TAG = re.compile(r"\{[{%#<]")


FIELDS = {
    "name": "Callum {{ 7*7 }}",
    "headline": "{% raw %} {{< shortcode >}} {%- include secrets.txt -%}",
    "city": "{# hidden #}",
    "course": "{{ site.github.token }} {{ config.__class__ }}",
}


def hostile(text: str) -> str:
    lines = []
    for line in text.splitlines():
        key = line.split(":", 1)[0]
        lines.append(f"{key}: '{FIELDS[key]}'" if key in FIELDS else line)
    text = "\n".join(lines) + "\n"
    return text.replace("bio: |\n", f"bio: |\n  {' '.join(TEMPLATE_CODE)}\n\n", 1)


def generate(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project", {"callum-fraser.yml": hostile(SAMPLE)})
    out = tmp_path / "out"
    assert main(["generate", "--out", str(out), "--config", str(project / "mkdocs.yml"), "--today", "2026-11-22"]) == 0
    return out


def test_generated_pages_render_unchanged_as_jinja_templates(tmp_path: Path) -> None:
    pages = sorted(generate(tmp_path).rglob("*.md"))
    assert pages
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        # Rendered as a template, the page is unchanged: there was nothing in it to run.
        assert env.from_string(text).render() == text, page


def test_no_page_holds_a_template_tag_and_front_matter_is_quoted(tmp_path: Path) -> None:
    out = generate(tmp_path)
    mentor = next(p for p in out.rglob("index.md") if "callum" in p.parent.name)
    for page in out.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not _TAG.search(text), (page, _TAG.search(text))
        front = text.split("---\n")[1]
        for line in front.splitlines():
            key, value = line.split(": ", 1)
            assert value.startswith('"') and value.endswith('"'), line
    text = mentor.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"].startswith("Callum {{ 7*7 }}")  # the data is intact once read
    assert "&#123;&#123; 7*7 &#125;&#125;" in text  # and shows as written in the page
