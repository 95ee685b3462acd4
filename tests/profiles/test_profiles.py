"""The profile contract: what the loader accepts, and what it refuses with a message at the right line."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest

from generator.profiles.loader import load, load_profile, load_vocabulary
from generator.profiles.validate import Rules
from tests.helpers import TODAY, VALID, check, edit, needs_two_cpus, profiles_folder

FIXTURES = Path(__file__).parents[1] / "fixtures" / "profiles"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A profiles folder holding the fixture vocabulary and photo."""
    return profiles_folder(tmp_path)


def test_valid_profile_becomes_a_typed_mentor(folder: Path) -> None:
    mentor, problems = check(folder, VALID)
    assert problems == []
    assert mentor.slug == "ada-okafor"
    assert mentor.country == "KE"
    assert mentor.languages == ("en", "sw")
    assert mentor.graduation_year == 2011
    assert mentor.capacity == 2
    assert mentor.last_confirmed == dt.date(2026, 5, 1)
    assert mentor.photo == folder / "photos" / "ada-okafor.png"
    assert mentor.bio.startswith("I spent ten years")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (edit("country: KE", 'country: "NO"'), "NO"),
        (edit("country: KE", "country: NO"), "NO"),  # Norway, not False
        (edit("city: Nairobi", "city: yes"), "yes"),
        (edit("city: Nairobi", "city: 1:30"), "1:30"),
        (edit("city: Nairobi", "city: 01234"), "01234"),
    ],
)
def test_scalars_stay_strings_until_the_schema_types_them(folder: Path, text: str, value: str) -> None:
    mentor, problems = check(folder, text)
    assert [p for p in problems if p.severity == "error"] == []
    field = "country" if "country" in text.split(value)[0].splitlines()[-1] else "city"
    assert getattr(mentor, field) == value


# (edited text, line, column, words the message must contain)
REFUSED = [
    pytest.param(edit("name: Ada Okafor", "name: ''"), 1, 7, "at least 1", id="empty-name"),
    pytest.param(edit("name: Ada Okafor", "name: " + "A" * 81), 1, 7, "the most is 80", id="long-name"),
    pytest.param(edit("pronouns: she/her", "pronouns: " + "x" * 21), 2, 11, "the most is 20", id="long-pronouns"),
    pytest.param(
        edit("email: ada.okafor@example.org", "email: ada@example.org?cc=x@y.org"),
        3,
        8,
        "one plain email",
        id="email-query",
    ),
    pytest.param(
        edit("email: ada.okafor@example.org", "email: a@example.org, b@example.org"),
        3,
        8,
        "one plain email",
        id="email-two",
    ),
    pytest.param(
        edit("email: ada.okafor@example.org", "email: a&b@example.org"), 3, 8, "one plain email", id="email-ampersand"
    ),
    pytest.param(
        edit("email: ada.okafor@example.org", "email: ada;b@example.org"), 3, 8, "one plain email", id="email-semicolon"
    ),
    pytest.param(
        edit("email: ada.okafor@example.org", 'email: "ada @example.org"'), 3, 8, "one plain email", id="email-space"
    ),
    pytest.param(
        edit("email: ada.okafor@example.org", 'email: "ada@example.org\\r\\nBcc: x@y.org"'),
        3,
        8,
        "one plain email",
        id="email-header",
    ),
    pytest.param(edit("email: ada.okafor@example.org", "email: ada@@example"), 3, 8, "email", id="email-syntax"),
    pytest.param(
        edit("email: ada.okafor@example.org", "email: ada@localhost"), 3, 8, "not a usable email", id="email-no-domain"
    ),
    pytest.param(
        edit("headline: Evaluation", "headline: " + "x" * 90 + " Evaluation"),
        4,
        11,
        "the most is 100",
        id="long-headline",
    ),
    pytest.param(
        edit("bio: |\n  I spent", "bio: Too short.\nx: |\n  I spent"), 5, 6, "write at least 80", id="short-bio"
    ),
    pytest.param(edit("Ask me about", "<script>alert(1)</script> Ask me about"), 5, 6, "HTML", id="bio-html"),
    pytest.param(edit("Ask me about", "![x](https://example.org/x.png) Ask me about"), 5, 6, "images", id="bio-image"),
    pytest.param(
        edit("Ask me about", "[me](javascript:alert(1)) Ask me about"), 5, 6, "only https://", id="bio-javascript"
    ),
    pytest.param(edit("Ask me about", "See http://example.org. Ask me about"), 5, 6, "only https://", id="bio-http"),
    pytest.param(edit("  - data-and-evidence", "  - datascience"), 10, 5, "'data-and-evidence'", id="topic-synonym"),
    pytest.param(
        edit("  - data-and-evidence", "  - data-and-evidense"),
        10,
        5,
        "did you mean 'data-and-evidence'",
        id="topic-typo",
    ),
    pytest.param(
        edit("  - data-and-evidence", "  - monitoring-and-evaluation"), 10, 5, "more than once", id="topic-twice"
    ),
    pytest.param(edit("topics:\n", "topics: []\nx:\n"), 8, 9, "at least 1", id="no-topics"),
    pytest.param(
        edit("topics:\n  - monitoring-and-evaluation\n  - data-and-evidence", "topics: career-change"),
        8,
        9,
        "should be a list",
        id="topics-not-list",
    ),
    pytest.param(edit("  - ngo", "  - charity"), 12, 5, "write 'ngo'", id="sector-synonym"),
    pytest.param(edit("  - ngo", "  - ngo\n  - academia\n  - ngoo\n  - x"), 11, 1, "at most 3", id="too-many-sectors"),
    pytest.param(edit("country: KE", "country: Kenya"), 13, 10, "use 'KE'", id="country-name"),
    pytest.param(edit("country: KE", "country: ke"), 13, 10, "capitals: 'KE'", id="country-lowercase"),
    pytest.param(edit("country: KE", "country: QQ"), 13, 10, "two-letter ISO code", id="country-unknown"),
    pytest.param(edit("  - en\n", "  - english\n"), 16, 5, "use 'en'", id="language-name"),
    pytest.param(
        edit("time_zone: Africa/Nairobi", "time_zone: Africa/Nairobbi"),
        18,
        12,
        "Did you mean 'Africa/Nairobi'",
        id="time-zone",
    ),
    pytest.param(edit("course: MSc", "course: " + "x" * 80 + " MSc"), 19, 9, "the most is 80", id="long-course"),
    pytest.param(edit("graduation_year: 2011", "graduation_year: 1949"), 20, 18, "1950", id="year-too-early"),
    pytest.param(edit("graduation_year: 2011", "graduation_year: 2031"), 20, 18, "in the future", id="year-future"),
    pytest.param(
        edit("graduation_year: 2011", "graduation_year: 02011"), 20, 18, "whole number", id="year-leading-zero"
    ),
    pytest.param(edit("  - matched", "  - mentoring"), 23, 5, "not one of the choices", id="scheme"),
    pytest.param(edit("  - video", "  - zoom"), 25, 5, "not one of the choices", id="format"),
    pytest.param(edit("availability: open", "availability: busy"), 26, 15, "open, limited, paused", id="availability"),
    pytest.param(edit("capacity: 2", "capacity: 21"), 27, 11, "1 to 20", id="capacity"),
    pytest.param(
        edit("website: https://example.org/ada", "website: http://example.org/ada"), 29, 12, "https://", id="link-http"
    ),
    pytest.param(
        edit("website: https://example.org/ada", "website: javascript:alert(1)"),
        29,
        12,
        "https://",
        id="link-javascript",
    ),
    pytest.param(
        edit("website: https://example.org/ada", "website: https://ada:pw@example.org/"),
        29,
        12,
        "password",
        id="link-userinfo",
    ),
    pytest.param(edit("website: https", "blog: https"), 29, 3, "not allowed here", id="link-kind"),
    pytest.param(edit("photo: ada-okafor.png", "photo: nobody.png"), 30, 8, "no file", id="photo-missing"),
    pytest.param(edit("photo: ada-okafor.png", "photo: ada.svg"), 30, 8, "not a photo file name", id="photo-svg"),
    pytest.param(edit("github: ada-okafor-example", "github: '@ada'"), 31, 9, "GitHub user name", id="github"),
    pytest.param(
        edit("last_confirmed: 2026-05-01", "last_confirmed: 2026-02-30"), 32, 17, "not a real date", id="date-invalid"
    ),
    pytest.param(
        edit("last_confirmed: 2026-05-01", "last_confirmed: 1 May 2026"), 32, 17, "YYYY-MM-DD", id="date-format"
    ),
    pytest.param(
        edit("last_confirmed: 2026-05-01", "last_confirmed: 2027-01-01"), 32, 17, "in the future", id="date-future"
    ),
    pytest.param(
        edit("last_confirmed: 2026-05-01", "paused_until: 2026-13-01\nlast_confirmed: 2026-05-01"),
        32,
        15,
        "not a real date",
        id="paused-until-invalid",
    ),
    pytest.param(edit("email:", "emial:"), 3, 1, "did you mean 'email'", id="unknown-key"),
    pytest.param(edit("city: Nairobi", "city:\n  - Nairobi"), 14, 1, "should be text", id="wrong-type"),
    pytest.param(edit("name: Ada Okafor\n", ""), 32, 1, "'name' is missing", id="missing-required"),
    pytest.param(VALID + "name: Ada\n", 33, 1, "appears twice, on line 1 and line 33", id="duplicate-key"),
    pytest.param(edit("city: Nairobi", "city: &c Nairobi"), 14, 7, "anchors", id="anchor"),
    pytest.param(edit("city: Nairobi", "city: *c"), 14, 7, "aliases", id="alias"),
    pytest.param(edit("city: Nairobi", "city: !!python/object:os.system Nairobi"), 14, 7, "tags", id="tag"),
    pytest.param(edit("  - en", "\t- en"), 16, 1, "use spaces, not tabs", id="tab-indent"),
    pytest.param(edit("city: Nairobi", "city: Nai\u202erobi"), 14, 10, "U+202E", id="bidi-override"),
    pytest.param(edit("city: Nairobi", "city: Nai\u2066robi"), 14, 10, "U+2066", id="bidi-isolate"),
    pytest.param(edit("city: Nairobi", "city: Nai\u200brobi"), 14, 10, "U+200B", id="zero-width-space"),
    pytest.param(edit("city: Nairobi", "city: Nai\x07robi"), 14, 10, "U+0007", id="control-character"),
    pytest.param(edit("city: Nairobi", "city: Nairobi: Kenya"), 14, 14, "double quotes", id="colon-in-value"),
    pytest.param(VALID + "---\nname: Two\n", 33, 1, "one YAML document", id="two-documents"),
    pytest.param("- name\n- email\n", 1, 1, "key: value", id="not-a-mapping"),
    pytest.param("", 1, 1, "empty", id="empty-file"),
    pytest.param("# only a comment\n", 1, 1, "empty", id="only-comments"),
    pytest.param(b"name: Ad\xe9 Okafor\n", 1, 9, "re-save it as UTF-8", id="not-utf8"),
    pytest.param(b"x" * (64 * 1024 + 1), 1, 1, "at most 64 KB", id="too-large"),
]


@pytest.mark.parametrize(("text", "line", "col", "words"), REFUSED)
def test_refused_with_a_message_at_the_right_place(folder: Path, text, line: int, col: int, words: str) -> None:
    mentor, problems = check(folder, text)
    assert mentor is None
    errors = [p for p in problems if p.severity == "error"]
    matching = [p for p in errors if words in p.message]
    assert matching, f"no error mentions {words!r}: {[p.text() for p in errors]}"
    assert (matching[0].line, matching[0].col) == (line, col), matching[0].text()


def test_every_problem_in_a_file_is_reported_in_line_order(folder: Path) -> None:
    text = edit("country: KE", "country: Kenya")
    text = text.replace("capacity: 2", "capacity: 99").replace("name: Ada Okafor", "name: ''")
    _, problems = check(folder, text)
    assert [p.line for p in problems] == [1, 13, 27]
    assert [p.line for p in problems] == sorted(p.line for p in problems)


@pytest.mark.parametrize(
    "name",
    ["王芳", "Олена Коваленко", "ناصر الحربي", "Ngozi Adébáyọ̀", "مهسا\u200cرضایی", "👩\u200d🔬 Dr Lena"],
    ids=["chinese", "cyrillic", "arabic", "yoruba", "persian-zwnj", "emoji-zwj"],
)
def test_names_in_any_script_are_welcome(folder: Path, name: str) -> None:
    mentor, problems = check(folder, edit("name: Ada Okafor", f"name: {name}"))
    assert problems == []
    assert mentor.name == name


def test_utf8_bom_is_fine(folder: Path) -> None:
    mentor, problems = check(folder, "\ufeff".encode() + VALID.encode())
    assert problems == [] and mentor.name == "Ada Okafor"


@pytest.mark.parametrize(("line", "field"), [("headline: Engineer #1 at Example", "headline")])
def test_text_cut_by_a_comment_warns_and_suggests_block_style(folder: Path, line: str, field: str) -> None:
    mentor, problems = check(folder, edit("headline: Evaluation adviser at Example Foundation", line))
    assert mentor.headline == "Engineer"
    assert [(p.severity, p.line, p.col) for p in problems] == [("warning", 4, 20)]
    assert f"'{field}: |'" in problems[0].message


def test_bio_cut_by_a_comment_warns(folder: Path) -> None:
    text = edit("bio: |\n  I spent", "bio: I spent #fieldwork x").replace("\n  NGO and then", " NGO and then")
    _, problems = check(folder, text)
    assert any(p.severity == "warning" and "'bio: |'" in p.message for p in problems)


def test_comments_on_their_own_lines_do_not_warn(folder: Path) -> None:
    _, problems = check(folder, "# a note\n" + edit("capacity: 2", "capacity: 2  # a month"))
    assert problems == []


@pytest.mark.parametrize(
    ("confirmed", "words"),
    [("2025-12-01", "11 months ago"), ("2025-10-01", "hidden from the site")],
)
def test_old_confirmation_warns_but_does_not_fail(folder: Path, confirmed: str, words: str) -> None:
    mentor, problems = check(folder, edit("last_confirmed: 2026-05-01", f"last_confirmed: {confirmed}"))
    assert mentor is not None
    assert [p.severity for p in problems] == ["warning"]
    assert words in problems[0].message


def test_paused_until_in_the_past_warns(folder: Path) -> None:
    mentor, problems = check(folder, edit("capacity: 2", "paused_until: 2026-01-01\ncapacity: 2"))
    assert mentor is not None and not mentor.is_paused(TODAY)
    assert [p.severity for p in problems] == ["warning"]
    assert "has passed" in problems[0].message


def test_paused_until_in_the_future_pauses(folder: Path) -> None:
    mentor, _ = check(folder, edit("capacity: 2", "paused_until: 2027-01-01\ncapacity: 2"))
    assert mentor.is_paused(TODAY) and mentor.status(TODAY) == "paused"
    assert not mentor.is_paused(dt.date(2027, 1, 1)) and mentor.status(dt.date(2027, 1, 1)) == "open"


def test_photo_too_large_or_not_an_image(folder: Path) -> None:
    (folder / "photos" / "big.jpg").write_bytes(b"\xff\xd8\xff" + b"0" * 310 * 1024)
    (folder / "photos" / "fake.png").write_bytes(b"<svg onload=alert(1)>")
    _, problems = check(folder, edit("photo: ada-okafor.png", "photo: big.jpg"))
    assert "the most is 300 KB" in problems[0].message
    _, problems = check(folder, edit("photo: ada-okafor.png", "photo: fake.png"))
    assert "not a JPEG, PNG or WebP" in problems[0].message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlinks_and_folders_are_refused(folder: Path) -> None:
    outside = folder.parent / "secret.yml"
    outside.write_text(VALID, encoding="utf-8")
    (folder / "link.yml").symlink_to(outside)
    (folder / "dir.yml").mkdir()
    result = load([folder], Rules(today=TODAY))
    messages = {Path(p.path).name: p.message for p in result.problems}
    assert "symbolic link" in messages["link.yml"]
    assert "not an ordinary file" in messages["dir.yml"]


@pytest.mark.parametrize("name", ["Ada.yml", "ada okafor.yml", "ada.yaml", "ada--okafor.yml"])
def test_file_name_must_be_a_slug(folder: Path, name: str) -> None:
    mentor, problems = check(folder, VALID, name=name)
    assert mentor is None
    assert "Rename the file" in problems[0].message


def test_folder_load_skips_underscore_files_and_reports_every_file(folder: Path) -> None:
    (folder / "ada-okafor.yml").write_text(VALID, encoding="utf-8")
    (folder / "bad.yml").write_text(edit("country: KE", "country: Kenya"), encoding="utf-8")
    (folder / "_template.yml").write_text("not: a profile", encoding="utf-8")
    result = load([folder], Rules(today=TODAY))
    assert [m.slug for m in result.mentors] == ["ada-okafor"]
    assert result.files == 2
    assert [Path(p.path).name for p in result.problems] == ["bad.yml"]


def test_vocabulary_problems_are_reported_with_their_line(tmp_path: Path) -> None:
    (tmp_path / "_vocabulary.yml").write_text(
        textwrap.dedent(
            """\
            topics:
              Career Change:
                label: Changing career
              first-job: {}
            sectors:
              ngo:
                label: NGOs
            """
        ),
        encoding="utf-8",
    )
    vocab, problems = load_vocabulary(tmp_path / "_vocabulary.yml")
    assert [(p.line, "slug" in p.message or "label" in p.message) for p in problems] == [(2, True), (4, True)]
    assert list(vocab.sectors) == ["ngo"]


def test_sample_profiles_are_all_valid() -> None:
    mentors_dir = Path(__file__).parents[2] / "mentors"
    result = load([mentors_dir], Rules(today=TODAY))
    assert [p.text() for p in result.problems] == []
    assert len(result.mentors) >= 24


@needs_two_cpus
def test_parallel_load_matches_serial_load(folder: Path, monkeypatch) -> None:
    for i in range(6):
        (folder / f"mentor-{i}.yml").write_text(VALID, encoding="utf-8")
    (folder / "mentor-3.yml").write_text(edit("country: KE", "country: Kenya"), encoding="utf-8")
    serial = load([folder], Rules(today=TODAY))
    monkeypatch.setattr("generator.workers.PARALLEL_FROM", 2)
    parallel = load([folder], Rules(today=TODAY))
    assert (
        [m.slug for m in parallel.mentors]
        == [m.slug for m in serial.mentors]
        == ["mentor-0", "mentor-1", "mentor-2", "mentor-4", "mentor-5"]
    )
    assert parallel.problems == serial.problems and len(serial.problems) == 1


def test_mangled_profiles_never_raise_and_always_say_where(folder: Path) -> None:
    """Profiles come from strangers: 1,500 seeded mutations of a valid one never raise."""
    import random

    pieces = [b"&a ", b"*a", b"!!python/object ", b"\t", b"---\n", b": ", b"- ", b"{", b"]", b"'", b'"', b"\xff",
              b"\xe2\x80\xae", b"\n  ", b"#", b"|", b"?", b"%", b"`", b"\x00", b"~", b"2026-02-30", b"<script>", b"\r\n"]  # fmt: skip
    rng = random.Random(2026)
    vocab, _ = load_vocabulary(folder / "_vocabulary.yml")
    rules = Rules(today=TODAY, photos_dir=folder / "photos")
    path = folder / "mangled.yml"
    for _ in range(1500):
        data = bytearray(VALID.encode())
        for _ in range(rng.randint(1, 5)):
            at = rng.randrange(len(data) + 1)
            if rng.random() < 0.5:
                data[at:at] = rng.choice(pieces)
            else:
                del data[at : at + rng.randint(1, 20)]
        path.write_bytes(bytes(data))
        mentor, problems = load_profile(path, vocab, rules)
        assert mentor is not None or any(p.severity == "error" for p in problems)
        assert all(p.line >= 1 and p.col >= 1 and p.message for p in problems)
