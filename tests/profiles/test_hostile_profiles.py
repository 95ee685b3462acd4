"""What `check` refuses from a hostile or careless contributor, so that whatever it accepts also builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.helpers import VALID, check, edit, profiles_folder
from tests.photos import jpeg_magic_only, photo, png_declaring


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A profiles folder holding the fixture vocabulary and photo."""
    return profiles_folder(tmp_path)


def errors(problems) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in problems if p.severity == "error"]


# -- check passed, the build crashed ------------------------------------------------------


@pytest.mark.parametrize("name", ['" "', '"\\t"', '"\\u3000"', '"\\u3164"', '"\\u200b"', '"\\u00ad"', "|\n  \n"])
def test_a_name_with_nothing_visible_is_refused(folder: Path, name: str) -> None:
    mentor, problems = check(folder, edit("name: Ada Okafor", f"name: {name}"))
    assert mentor is None
    assert errors(problems) and all(line == 1 for line, _, _ in errors(problems))


def test_a_blank_headline_city_or_course_is_refused(folder: Path) -> None:
    for key, old in (("headline", "Evaluation adviser at Example Foundation"), ("city", "Nairobi")):
        mentor, problems = check(folder, edit(f"{key}: {old}", f'{key}: "   "'))
        assert mentor is None, key
        assert any(f"'{key}' has no letters" in message for _, _, message in errors(problems))


def photo_problems(folder: Path, data: bytes, name: str = "ada-okafor.png") -> list[tuple[int, int, str]]:
    (folder / "photos" / name).write_bytes(data)
    mentor, problems = check(folder, edit("photo: ada-okafor.png", f"photo: {name}"))
    return [(p.line, p.col, p.severity, p.message) for p in problems]


def test_a_30_byte_file_with_jpeg_magic_is_refused_on_the_photo_line(folder: Path) -> None:
    found = photo_problems(folder, jpeg_magic_only(), "ada.jpg")
    assert found == [(30, 8, "error", found[0][3])]
    assert "not a JPEG, PNG or WebP image" in found[0][3]


def test_a_small_png_declaring_20000_squared_pixels_is_refused(folder: Path) -> None:
    [(line, col, severity, message)] = photo_problems(folder, png_declaring(20000, 20000))
    assert (line, col, severity) == (30, 8, "error")
    assert "far bigger than a photo" in message


def test_a_9400_squared_png_is_refused_before_it_is_decoded(folder: Path) -> None:
    [(line, col, severity, message)] = photo_problems(folder, png_declaring(9400, 9400))
    assert (line, col, severity) == (30, 8, "error")
    assert "9400 × 9400 pixels" in message and "4000 pixels a side" in message


def test_a_png_cut_short_is_refused(folder: Path) -> None:
    data = photo(400, 400, "PNG")
    [(_, _, severity, message)] = photo_problems(folder, data[: len(data) // 2])
    assert severity == "error" and "damaged or cut short" in message


def test_a_gif_named_png_is_refused(folder: Path) -> None:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (50, 50), "red").save(out, "GIF")
    [(_, _, severity, message)] = photo_problems(folder, out.getvalue())
    assert severity == "error" and "not a JPEG, PNG or WebP image" in message


def test_a_real_phone_sized_photo_with_gps_passes_with_a_warning_saying_how_to_strip_it(folder: Path) -> None:
    [(line, col, severity, message)] = photo_problems(folder, photo(800, 800, gps=True), "ada.jpg")
    assert (line, col, severity) == (30, 8, "warning")
    assert "GPS" in message and "exiftool -gps:all= ada.jpg" in message and "stays public" in message


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_real_photos_of_every_format_pass_clean(folder: Path, fmt: str) -> None:
    assert photo_problems(folder, photo(300, 400, fmt), f"ada.{fmt.lower()}") == []


# -- characters, judged on the value YAML makes ------------------------------------------


@pytest.mark.parametrize(
    "escaped",
    [
        "\\u202e",
        "\\u200b",
        "\\x00",
        "\\x1b",
        "\\u2028",
        "\\u2029",
        "\\x85",
        "\\u00ad",
        "\\u2066",
        "\\ufeff",
        "\\U000E0041",
        "\\u115f",
        "\\u3164",
        "\\u061c",
        "\\u200e",
        "\\x7f",
        "\\u2060",
    ],
)
def test_escaped_invisible_and_control_characters_are_refused(folder: Path, escaped: str) -> None:
    mentor, problems = check(folder, edit("name: Ada Okafor", f'name: "Eve {escaped}evil"'))
    assert mentor is None
    [(line, col, message)] = errors(problems)
    assert (line, col) == (1, 7)
    assert message.startswith("Invisible character U+") and "escape" in message


def test_the_same_character_typed_raw_is_reported_once_where_it_stands(folder: Path) -> None:
    mentor, problems = check(folder, edit("name: Ada Okafor", "name: Eve \u202eevil"))
    assert mentor is None
    assert errors(problems) == [(1, 11, errors(problems)[0][2])]


@pytest.mark.parametrize(
    "text",
    [
        "می\u200cخواهم کمک کنم",  # Persian: ZWNJ between letters
        "क्\u200dष",  # Devanagari: ZWJ between letters
        "Family 👩\u200d👩\u200d👧",  # emoji ZWJ sequence
        "Rainbow 🏳\ufe0f\u200d🌈",  # flag + variation selector + ZWJ
    ],
)
def test_joiners_that_writing_needs_are_kept(folder: Path, text: str) -> None:
    mentor, problems = check(folder, edit("city: Nairobi", f'city: "{text}"'))
    assert errors(problems) == []
    assert mentor.city == text


@pytest.mark.parametrize("text", ["Ada\u200c", "Ada\u200dOkafor", "\u200dAda"])
def test_joiners_with_nothing_to_join_are_refused(folder: Path, text: str) -> None:
    mentor, problems = check(folder, edit("name: Ada Okafor", f"name: {text}"))
    assert mentor is None


def test_a_name_over_two_lines_is_refused(folder: Path) -> None:
    mentor, problems = check(folder, edit("name: Ada Okafor", "name: |\n  Ada\n  ::warning::Okafor"))
    assert mentor is None
    assert "one line" in errors(problems)[0][2]


def test_an_escaped_character_in_a_key_is_refused(folder: Path) -> None:
    mentor, problems = check(folder, VALID + '"city\\u202e": x\n')
    assert mentor is None


# -- patterns match the whole value ------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("github: ada-okafor-example", 'github: "mallory\\n"'),
        ("last_confirmed: 2026-05-01", 'last_confirmed: "2026-05-01\\n"'),
        ("photo: ada-okafor.png", 'photo: "ada-okafor.png\\n"'),
        ("graduation_year: 2011", 'graduation_year: "2011\\n"'),
    ],
)
def test_a_trailing_newline_does_not_slip_past_a_pattern(folder: Path, old: str, new: str) -> None:
    mentor, problems = check(folder, edit(old, new))
    assert mentor is None, new


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com@evil.example/",
        "https://user:pass@example.org/",
        "http://example.org/",
        "https://",
        "https:/\\evil.example",
        "https://exa mple.org",
    ],
)
def test_bio_links_must_be_plain_https(folder: Path, url: str) -> None:
    bio = "I spent ten years in monitoring and evaluation across East Africa; read [my notes]"
    mentor, problems = check(folder, edit("  NGO and then", f"  {bio}({url}) NGO and then"))
    assert mentor is None, url
    assert any("bio links to" in message for _, _, message in errors(problems))


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("linkedin", "https://www.linkedіn.com/in/ada"),  # Cyrillic і
        ("linkedin", "https://www.xn--linkedn-ygi.com/in/ada"),  # the same, as the browser sends it
        ("linkedin", "https://linkedin.com.evil.example/in/ada"),
        ("linkedin", "https://www.linkedin.com@evil.example/in/ada"),
        ("github", "https://gіthub.com/ada"),
        ("orcid", "https://orcid.org.evil.example/0000"),
        ("bluesky", "https://evil.example/profile/ada"),
        ("mastodon", "https://mastodon.social/about"),
        ("website", "javascript:alert(1)"),
        ("website", "https://user@example.org/"),
    ],
)
def test_each_link_kind_stays_on_its_own_hosts(folder: Path, kind: str, url: str) -> None:
    mentor, problems = check(folder, edit("  website: https://example.org/ada", f"  {kind}: {url}"))
    assert mentor is None, url
    assert all(line == 29 for line, _, _ in errors(problems))


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("linkedin", "https://www.linkedin.com/in/ada-okafor"),
        ("linkedin", "https://uk.linkedin.com/in/ada-okafor"),
        ("linkedin", "https://WWW.LinkedIn.com/in/ada-okafor"),
        ("github", "https://github.com/ada-okafor"),
        ("orcid", "https://orcid.org/0000-0002-1825-0097"),
        ("bluesky", "https://bsky.app/profile/ada.bsky.social"),
        ("mastodon", "https://mastodon.social/@ada"),
        ("website", "https://bücher.example/ada"),
    ],
)
def test_real_profile_links_pass(folder: Path, kind: str, url: str) -> None:
    mentor, problems = check(folder, edit("  website: https://example.org/ada", f"  {kind}: {url}"))
    assert errors(problems) == [], url


# -- the output of check cannot steer a terminal or a workflow log -----------------------


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        ("text", "'\\u001b[2K\\u000d::add-mask::x\\u000aKE' is not a country code"),
        ("github", "'\\u001b[2K%0D::add-mask::x%0AKE' is not a country code"),
        ("json", "'\\u001b[2K\\r::add-mask::x\\nKE' is not a country code"),
    ],
)
def test_check_output_shows_control_characters_as_escapes(folder: Path, capsys, fmt: str, shown: str) -> None:
    (folder / "ada-okafor.yml").write_text(edit("country: KE", 'country: "\\x1b[2K\\r::add-mask::x\\nKE"'))
    assert main(["check", str(folder), "--format", fmt, "--today", "2026-11-22"]) == 1
    out = capsys.readouterr().out
    assert shown in out
    assert "\x1b" not in out and "\r" not in out
    assert not any(line.startswith("::add-mask") for line in out.splitlines())


def test_a_file_name_cannot_start_a_workflow_command(folder: Path, capsys) -> None:
    (folder / "x\n::error::pwned.yml").write_text(VALID)
    assert main(["check", str(folder), "--format", "github", "--today", "2026-11-22"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("::error file=") and "%0A%3A%3Aerror%3A%3Apwned.yml" in lines[0]
    assert not any(line.startswith("::error::") for line in lines)


@pytest.mark.parametrize("name", ["✅", "🔒 ✔️", "12345", "✅ ✅"])
def test_a_name_with_no_letters_is_refused(folder: Path, name: str) -> None:
    mentor, problems = check(folder, edit("name: Ada Okafor", f'name: "{name}"'))
    assert mentor is None
    assert any("no letters" in message for _, _, message in errors(problems))


def test_check_checks_a_photo_no_profile_uses(folder: Path, capsys) -> None:
    (folder / "ada-okafor.yml").write_text(VALID)
    (folder / "photos" / "stray.png").write_bytes(png_declaring(20000, 20000))
    (folder / "photos" / "page.html").write_text("<script>alert(1)</script>")
    assert main(["check", str(folder), "--today", "2026-11-22"]) == 1
    out = capsys.readouterr().out
    assert f"{folder}/photos/stray.png:1:1: error: 'stray.png' claims to be far bigger than a photo" in out
    assert f"{folder}/photos/page.html:1:1: error: 'page.html' is not a JPEG, PNG or WebP image" in out
    assert "ada-okafor.png" not in out  # the photo a profile uses is reported once, on its profile


def test_the_build_log_shows_profile_text_escaped(tmp_path: Path, build_site, mkdocs_log) -> None:
    from mkdocs.exceptions import Abort

    hostile = edit("country: KE", 'country: "KE\\n::error::pwned\\x1b[2J"')
    with pytest.raises(Abort):
        build_site(tmp_path / "project", {"ada-okafor.yml": hostile})
    log = "\n".join(record.getMessage() for record in mkdocs_log.records)
    assert "problem in the mentor profiles" in log or "problems in the mentor profiles" in log
    assert "KE\\u000a::error::pwned\\u001b[2J" in log
    assert not any(line.startswith("::") for line in log.splitlines()) and "\x1b" not in log
