"""What the checker says about values real exports hold: guesses only when they are good, offsets the right way round."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from generator import settings
from generator.profiles import vocabulary
from generator.profiles.loader import load_profile, load_vocabulary
from generator.profiles.timezones import offset_hours
from generator.profiles.validate import Rules
from generator.profiles.yaml_strict import parse

TODAY = dt.date(2026, 11, 22)
# A technology programme's topics: the kind of list where loose guessing goes wrong.
TECH = """\
topics:
  game-programming:
    label: Game programming
    synonyms: [games, game development, gamedev]
  cli:
    label: Command-line tools
    synonyms: [command line, terminal]
  devops:
    label: DevOps and delivery
    synonyms: [continuous integration, deployment]
  software-testing:
    label: Software testing
    synonyms: [testing, qa]
  career-change:
    label: Changing career
    synonyms: [career switch]
"""
PROFILE = """\
name: Ada Okafor
email: ada@example.org
headline: Engineer
bio: I build tools that other engineers use every day, and I have hired and mentored juniors for ten years.
topics: [cli]
country: {country}
languages: [en]
time_zone: {zone}
last_confirmed: 2026-05-01
"""


def tech() -> vocabulary.Vocabulary:
    vocab, problems = vocabulary.from_data(parse(TECH).data)
    assert problems == []
    return vocab


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("game-programing", "did you mean 'game-programming'?"),
        ("Software Testng", "did you mean 'software-testing'?"),
        ("Career chnage", "did you mean 'career-change'?"),
        ("continuous integration", "write 'devops' (DevOps and delivery)"),
    ],
)
def test_a_close_misspelling_gets_one_guess(typed: str, expected: str) -> None:
    assert expected in tech().suggest("topics", typed)


@pytest.mark.parametrize("typed", ["Pair programming", "CI", "ML", "Leadership"])
def test_a_far_value_lists_the_nearest_three_and_guesses_nothing(typed: str) -> None:
    message = tech().suggest("topics", typed)
    assert "did you mean" not in message
    assert message.count("' (") == 3, message
    assert "mentors/_vocabulary.yml" in message


def test_pair_programming_is_never_offered_as_game_programming() -> None:
    assert "did you mean 'game-programming'" not in tech().suggest("topics", "Pair programming")
    assert "did you mean 'cli'" not in tech().suggest("topics", "CI")


def test_a_vocabulary_may_have_no_sectors() -> None:
    for text in (TECH, TECH + "sectors: {}\n", TECH + "sectors:\n"):
        vocab, problems = vocabulary.from_data(parse(text).data)
        assert problems == []
        assert vocab.sectors == {}
    message = vocab.suggest("sectors", "ngo")
    assert "lists no sectors" in message


def test_topics_are_still_required() -> None:
    _, problems = vocabulary.from_data(parse("sectors:\n  ngo:\n    label: NGOs\n").data)
    assert [path for path, _ in problems] == [("topics",)]


def test_a_synonym_under_two_entries_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "_vocabulary.yml").write_text(
        TECH.replace("synonyms: [testing, qa]", "synonyms: [testing, qa, deployment]"), encoding="utf-8"
    )
    _, problems = load_vocabulary(tmp_path / "_vocabulary.yml")
    assert [(p.line, p.message) for p in problems] == [
        (13, "'deployment' already leads to 'devops': a synonym may belong to one entry only.")
    ]


def test_a_synonym_naming_another_entry_is_refused() -> None:
    text = TECH.replace("synonyms: [career switch]", "synonyms: [career switch, Command-line tools]")
    _, problems = vocabulary.from_data(parse(text).data)
    assert [m for _, m in problems] == [
        "'Command-line tools' already leads to 'cli': a synonym may belong to one entry only."
    ]


def test_the_projects_own_vocabulary_has_no_shared_synonyms() -> None:
    _, problems = load_vocabulary(Path(__file__).parents[2] / "mentors" / "_vocabulary.yml")
    assert problems == []


def zone_message(tmp_path: Path, country: str, zone: str) -> str:
    (tmp_path / "_vocabulary.yml").write_text(TECH, encoding="utf-8")
    path = tmp_path / "ada.yml"
    path.write_text(PROFILE.format(country=country, zone=zone), encoding="utf-8")
    vocab, _ = load_vocabulary(tmp_path / "_vocabulary.yml")
    _, problems = load_profile(path, vocab, Rules(today=TODAY, photos_dir=tmp_path))
    assert len(problems) == 1, problems
    return problems[0].message


@pytest.mark.parametrize(
    ("country", "typed", "expected"),
    [
        ("US", '"EST (GMT-5)"', "Did you mean 'America/New_York'?"),
        ("GB", "BST", "Did you mean 'Europe/London'?"),
        ("GB", '"UTC+1"', "Did you mean 'Europe/London'?"),
        ("KE", '"GMT+3"', "Did you mean 'Africa/Nairobi'?"),
        ("IN", '"UTC+05:30"', "Did you mean 'Asia/Kolkata'?"),
        # No zone of the country has the offset: the Etc name, whose sign is the other way round.
        ("NG", '"EST (GMT-5)"', "For UTC\u22125 write 'Etc/GMT+5'"),
        ("NG", '"GMT+3"', "For UTC+3 write 'Etc/GMT-3'"),
        ("GB", "London", "Did you mean 'Europe/London'?"),
        ("BR", "Sao Paolo", "Did you mean 'America/Sao_Paulo'?"),
    ],
)
def test_time_zone_hints_point_the_right_side_of_utc(tmp_path: Path, country: str, typed: str, expected: str) -> None:
    message = zone_message(tmp_path, country, typed)
    assert expected in message, message
    assert "Etc/GMT-5" not in message


@pytest.mark.parametrize(
    ("typed", "hours"), [("EST (GMT-5)", -5), ("GMT+3", 3), ("UTC\u221203:30", -3.5), ("CET", 1), ("Nairobi", None)]
)
def test_offsets_are_read_with_their_sign(typed: str, hours: float | None) -> None:
    assert offset_hours(typed) == hours


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("UK", "use 'GB' (United Kingdom)"),
        ("England", "use 'GB' (United Kingdom)"),
        ("USA", "use 'US' (United States)"),
        ("EU", "the European Union, not a country"),
        ("Kenya", "use 'KE' (Kenya)"),
    ],
)
def test_country_hints(typed: str, expected: str) -> None:
    assert expected in vocabulary.suggest_country(typed)


def test_curly_quotes_around_a_value_are_explained(tmp_path: Path) -> None:
    message = zone_message(tmp_path, "\u201cNO\u201d", "Europe/Oslo")
    assert "curly quotes" in message
    assert "'NO'" in message


def test_the_minimum_bio_length_is_the_programmes(tmp_path: Path) -> None:
    (tmp_path / "_vocabulary.yml").write_text(TECH, encoding="utf-8")
    path = tmp_path / "ada.yml"
    path.write_text(
        PROFILE.format(country="GB", zone="Europe/London").replace(
            "bio: I build tools that other engineers use every day, and I have hired and mentored juniors for ten years.",
            "bio: I build command-line tools and like helping people start out.",
        ),
        encoding="utf-8",
    )
    vocab, _ = load_vocabulary(tmp_path / "_vocabulary.yml")
    _, default = load_profile(path, vocab, Rules(today=TODAY))
    assert [p.message for p in default] == ["'bio' is 61 characters long; write at least 80."]
    _, shorter = load_profile(path, vocab, Rules(today=TODAY, min_bio_length=40))
    assert shorter == []


def test_programme_options_are_read_from_mkdocs_yml_and_checked(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            """\
            site_name: Test
            plugins:
              - mentor-directory:
                  min_bio_length: 40
                  imported_profiles: hide
            """
        ),
        encoding="utf-8",
    )
    found, folder = settings.load(config, TODAY)
    assert (found.min_bio_length, found.imported_profiles, folder) == (40, "hide", tmp_path / "mentors")
    config.write_text(config.read_text().replace("hide", "maybe"), encoding="utf-8")
    with pytest.raises(ValueError, match="imported_profiles must be one of: show, hide"):
        settings.load(config, TODAY)
    assert settings.load(tmp_path / "missing.yml", TODAY)[0].min_bio_length == 80


def test_an_issue_form_profile_is_held_to_the_programmes_bio_minimum(tmp_path: Path, monkeypatch, capsys) -> None:
    from generator.cli import main

    root = Path(__file__).resolve().parents[2]
    folder = tmp_path / "mentors"
    folder.mkdir()
    for name in ("_vocabulary.yml", "_template.yml"):
        (folder / name).write_bytes((root / "mentors" / name).read_bytes())
    issue = (root / "tests" / "fixtures" / "issues" / "complete.md").read_text(encoding="utf-8")
    bio = issue.split("### About you\n\n")[1].split("\n\n### ")[0]
    short = tmp_path / "short.md"
    short.write_text(issue.replace(bio, "I manage health programmes and like helping new graduates."), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    command = ["new", "--from-issue", str(short), "--dir", str(folder), "--today", "2026-11-22"]
    assert main(command) == 1  # no mkdocs.yml here: the default minimum, 80
    assert "write at least 80" in capsys.readouterr().err
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nplugins:\n  - mentor-directory:\n      min_bio_length: 40\n", encoding="utf-8"
    )
    assert main(command) == 0
