"""Rendering pieces: the mailto link, bios, and the mentor page's profile block (golden file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from generator.profiles import bio
from generator.profiles.loader import load
from generator.profiles.validate import Rules
from generator.settings import Settings
from generator.site import mailto
from generator.site.directory import build as build_directory
from generator.site.render import Renderer, initials, topic_phrase

FIXTURES = Path(__file__).parents[1] / "fixtures" / "profiles"
GOLDEN = Path(__file__).parents[1] / "golden"
TODAY = dt.date(2026, 11, 22)


def parse_mailto(link: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Plain", "Hello"),
        ("M&E: a #1 question?", "50% of it & more = ok?"),
        ("Spaces  and +plus", "a + b\nline two\r\nline three"),
        ("Здравствуйте 你好 مرحبا", "नमस्ते\n\n👩‍🔬 ZWJ and ‌ZWNJ"),
        ("subject=x&to=evil@example.com", "body=y&cc=evil@example.com&bcc=evil@example.com"),
    ],
)
def test_mailto_round_trips_exactly_to_subject_and_body(subject: str, body: str) -> None:
    link = mailto.link("ada.o-k@example.org", subject, body)
    address, query = parse_mailto(link)
    assert address == "ada.o-k@example.org"
    assert set(query) == {"subject", "body"}
    assert query["subject"] == [subject]
    assert query["body"] == [body.replace("\r\n", "\n").replace("\n", "\r\n")]
    assert "+" not in link.split("?", 1)[1] and " " not in link
    assert "ada.o-k" not in link and "example.org" not in link  # the address is not readable in the source


def test_obfuscated_address_is_not_plain_text() -> None:
    import base64

    encoded = mailto.obfuscate("ada@example.org")
    assert "ada" not in encoded and "example" not in encoded
    assert base64.b64decode(encoded).decode()[::-1] == "ada@example.org"


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("Plain *em* and **strong**.", "<p>Plain <em>em</em> and <strong>strong</strong>.</p>"),
        ("[site](https://example.org)", '<p><a href="https://example.org" rel="nofollow ugc noopener">site</a></p>'),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("[x](http://example.org)", '<p><a rel="nofollow ugc noopener">x</a></p>'),
        (
            "![img](https://example.org/a.png)",
            '<p>!<a href="https://example.org/a.png" rel="nofollow ugc noopener">img</a></p>',
        ),
        ("# Not a heading", "<p># Not a heading</p>"),
        ("One\n\nTwo", "<p>One</p>\n<p>Two</p>"),
    ],
)
def test_bio_allows_only_paragraphs_emphasis_and_https_links(markdown: str, html: str) -> None:
    assert bio.to_html(markdown) == html


@pytest.mark.parametrize(
    ("label", "phrase"),
    [("Global health", "global health"), ("PhD and research careers", "PhD and research careers"), ("NGOs", "NGOs")],
)
def test_topic_reads_naturally_mid_sentence(label: str, phrase: str) -> None:
    assert topic_phrase(label) == phrase


@pytest.mark.parametrize(
    ("name", "letters"), [("Ada Okafor", "AO"), ("王芳", "王芳"), ("Olena Kovalenko-Shevchenko", "OK"), ("cher", "CH")]
)
def test_initials(name: str, letters: str) -> None:
    assert initials(name) == letters


def test_mentor_profile_block_matches_golden_file(update_golden: bool) -> None:
    loaded = load([FIXTURES], Rules(today=TODAY))
    settings = Settings(
        today=TODAY,
        contact="mentoring@example.org",
        repo_url="https://github.com/example-org/mentor-directory",
    )
    directory = build_directory(loaded.mentors, loaded.vocabulary, settings)
    renderer = Renderer(directory, loaded.vocabulary, settings, photos={})
    page = renderer.mentor_page(directory.mentors[0])
    golden = GOLDEN / "mentor-ada-okafor.html"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(page.body, encoding="utf-8")
    assert page.body == golden.read_text(encoding="utf-8"), "rerun with --update-golden if the change is intended"
    assert page.title == "Ada Okafor"
    assert page.description == "Evaluation adviser at Example Foundation. Kenya."
