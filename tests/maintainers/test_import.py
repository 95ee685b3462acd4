"""A programme moves in from its spreadsheet: `mentor-directory import` on exports shaped like real ones."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import settings
from generator.cli import main
from generator.profiles.yaml_strict import parse
from generator.site import build
from tests.helpers import ROOT, new_mentors_folder

IMPORTS = Path(__file__).parents[1] / "fixtures" / "imports"
IMPORT_DAY = "2026-03-02"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty profiles folder with the project's vocabulary, as a new programme starts."""
    return new_mentors_folder(tmp_path)


def run_import(capsys: pytest.CaptureFixture, *args: str | Path) -> tuple[int, str]:
    """The exit status and everything printed (the report on stdout, usage errors on stderr)."""
    code = main(["import", *map(str, args), "--today", IMPORT_DAY, "--config", str(ROOT / "mkdocs.yml")])
    out, err = capsys.readouterr()
    return code, out + err


def profiles(folder: Path) -> dict[str, dict]:
    return {p.stem: parse(p.read_text(encoding="utf-8")).data for p in sorted(folder.glob("[!_]*.yml"))}


def test_a_google_forms_export_becomes_profiles_and_bad_rows_are_named_by_line(out: Path, capsys) -> None:
    code, printed = run_import(capsys, IMPORTS / "google-forms.csv", "--out", out)
    assert code == 1  # some rows were not imported
    assert list(profiles(out)) == ["amara-diallo", "ingrid-berg", "tom-reid"]
    source = IMPORTS / "google-forms.csv"
    refused = {
        6: "'bio' is 29 characters long; write at least 80.",
        7: "'EU' is the European Union, not a country",
        8: "no consent to publish",
        9: "'maria at example dot org' is not one plain email address",
        10: "the same email address as amara-diallo.yml (line 2)",
    }
    for line, message in refused.items():
        report = printed.split(f"{source}:{line}: not imported")[1].split(f"{source}:")[0]
        assert message in report, (line, report)
    assert "'languages' is missing" in printed.split(f"{source}:7:")[1]
    assert "Imported 3 of 8 rows" in printed
    assert "'Timestamp'" in printed.split("Not imported (no field recognised")[1].splitlines()[0]


def test_values_go_through_the_vocabulary_and_nothing_is_invented(out: Path, capsys) -> None:
    run_import(capsys, IMPORTS / "google-forms.csv", "--out", out)
    amara = profiles(out)["amara-diallo"]
    assert amara == {
        "name": "Amara Diallo",
        "email": "amara.diallo@example.org",
        "headline": "Programme manager at Example Relief",
        "bio": (
            "I coordinate emergency food programmes across the Sahel and moved from logistics into programme "
            "management five years ago.\n\nHappy to talk about first jobs in the humanitarian sector.\n"
        ),
        # a label, a synonym and a slug's words, all to slugs
        "topics": ["humanitarian-response", "first-job", "food-and-agriculture"],
        "country": "SN",
        "city": "Dakar",
        "languages": ["fr", "en", "wo"],
        "time_zone": "GMT",
        "links": {"linkedin": "https://linkedin.com/in/amara-diallo-example"},  # 'N/A' website left out
        "imported": IMPORT_DAY,
    }
    ingrid = profiles(out)["ingrid-berg"]
    assert ingrid["country"] == "NO" and ingrid["languages"] == ["no", "en", "sw"]
    assert "last_confirmed" not in ingrid and "time_zone" in ingrid and "links" not in ingrid


def test_what_needs_each_mentors_attention_is_listed_at_the_end(out: Path, capsys) -> None:
    _, printed = run_import(capsys, IMPORTS / "google-forms.csv", "--out", out)
    attention = printed.split("What needs each mentor's attention:")[1]
    tom = attention.split("tom-reid.yml (line 5):")[1]
    assert "'Pair programming' is not a topic" in tom and "did you mean" not in tom
    assert "For UTC\u22125 write 'Etc/GMT+5'" in tom
    assert "http://tomreid.example.org" in tom
    assert profiles(out)["tom-reid"]["topics"] == ["data-and-evidence", "career-change"]
    assert profiles(out)["tom-reid"]["country"] == "GB"  # from 'UK'
    assert "'time_zone'" not in (out / "tom-reid.yml").read_text(encoding="utf-8")
    assert "replace that line with 'last_confirmed: YYYY-MM-DD'" in printed


def test_a_2019_json_list_is_imported_with_its_line_numbers(out: Path, capsys) -> None:
    code, printed = run_import(capsys, IMPORTS / "mentors-2019.json", "--out", out)
    assert code == 1
    assert list(profiles(out)) == ["grace-wanjiru", "kofi-mensah"]
    source = IMPORTS / "mentors-2019.json"
    assert f"{source}:15: not imported (Oliver Brandt):\n  - 'bio' is 10 characters long" in printed
    assert f"{source}:28: not imported (Priya Raman):\n  - 'Game design' is not a topic." in printed
    assert f"{source}:41: not imported:\n  - 'name' is missing" in printed
    grace = profiles(out)["grace-wanjiru"]
    assert grace["topics"] == ["monitoring-and-evaluation", "data-and-evidence", "leadership-and-management"]
    assert (grace["country"], grace["city"]) == ("KE", "Nairobi")  # from 'Nairobi, Kenya'
    assert grace["headline"] == "Senior M&E officer at Example Trust"
    # The 2019 'updated' date is not a confirmation: it is not carried over.
    assert set(profiles(out)["kofi-mensah"]) == {
        "name", "email", "headline", "bio", "topics", "country", "city", "languages", "links", "imported"
    }  # fmt: skip


def test_imported_profiles_pass_check_with_a_warning_each(out: Path, capsys) -> None:
    run_import(capsys, IMPORTS / "google-forms.csv", "--out", out)
    assert main(["check", str(out), "--today", "2026-03-10", "--config", str(ROOT / "mkdocs.yml")]) == 0
    printed = capsys.readouterr().out
    assert printed.count("Imported and not yet confirmed by the mentor") == 3
    assert "'last_confirmed: 2026-03-10'" in printed


def test_a_map_names_the_columns_of_any_spreadsheet(out: Path, capsys) -> None:
    code, printed = run_import(
        capsys, IMPORTS / "spreadsheet-fr.csv", "--out", out, "--map", IMPORTS / "spreadsheet-fr.map.yml"
    )
    assert code == 1
    awa = profiles(out)["awa-traore"]
    assert (awa["country"], awa["languages"], awa["topics"]) == (
        "ML",
        ["fr", "bm"],
        ["policy-and-advocacy", "education"],
    )
    assert "spreadsheet-fr.csv:3: not imported (Luc Martin)" in printed


def test_without_a_map_unknown_headers_are_said_and_rows_refused(out: Path, capsys) -> None:
    code, printed = run_import(capsys, IMPORTS / "spreadsheet-fr.csv", "--out", out)
    assert code == 1 and profiles(out) == {}
    assert "'Nom complet'" in printed.split("Not imported (no field recognised")[1]


@pytest.mark.parametrize(
    ("map_text", "message"),
    [
        ("name: Full name\n", "there is no column 'Full name' (for 'name')"),
        ("nom: Nom complet\n", "'nom' is not a field to import into"),
        ("last_confirmed: Pays\n", "'last_confirmed' is not a field to import into"),
        ("- name\n", "should hold lines like 'name: Full name'"),
    ],
)
def test_a_wrong_map_stops_before_anything_is_written(out: Path, tmp_path: Path, capsys, map_text, message) -> None:
    (tmp_path / "map.yml").write_text(map_text, encoding="utf-8")
    code, printed = run_import(capsys, IMPORTS / "spreadsheet-fr.csv", "--out", out, "--map", tmp_path / "map.yml")
    assert code == 2 and message in printed and profiles(out) == {}


def test_a_mentor_already_in_the_directory_is_not_imported_again(out: Path, capsys) -> None:
    run_import(capsys, IMPORTS / "google-forms.csv", "--out", out)
    code, printed = run_import(capsys, IMPORTS / "google-forms.csv", "--out", out)
    assert code == 1 and "Imported 0 of 8 rows" in printed
    assert "the same email address as tom-reid.yml" in printed
    assert len(profiles(out)) == 3


def test_hostile_cells_stay_text(out: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "export.csv"
    bio = "I run a lab.\nlast_confirmed: 2026-01-01\n<script>alert(1)</script> and that is all there is to say about it, really."
    source.write_text(
        "Full name,Email,Role,Bio,Topics,Country,Languages\n"
        f'"Eve\nlast_confirmed: 2026-01-01","eve@example.org","Lead: #1 ""team""","{bio}",Education,KE,English\n',
        encoding="utf-8",
    )
    code, printed = run_import(capsys, source, "--out", out)
    assert "last_confirmed" not in profiles(out).get("eve-last-confirmed-2026-01-01", {})
    assert code == 1 and "HTML" in printed  # the bio's tag is refused by the checker, like any profile's
    assert profiles(out) == {}


def test_a_file_that_is_not_utf8_is_refused_with_what_to_do(out: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "excel.csv"
    source.write_bytes("Full name,Email\nJosé,jose@example.org\n".encode("cp1252"))
    code, printed = run_import(capsys, source, "--out", out)
    assert code == 2 and "CSV UTF-8" in printed


def test_the_programmes_minimum_bio_length_applies(out: Path, tmp_path: Path, capsys) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        (ROOT / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("hide_after_months: 12", "hide_after_months: 12\n      min_bio_length: 20"),
        encoding="utf-8",
    )
    code = main(
        ["import", str(IMPORTS / "google-forms.csv"), "--out", str(out), "--config", str(config), "--today", IMPORT_DAY]
    )
    assert code == 1 and "li-wei" in profiles(out)
    assert main(["check", str(out), "--config", str(config), "--today", IMPORT_DAY]) == 0


@pytest.mark.parametrize("shown", ["show", "hide"])
def test_an_imported_profile_is_marked_or_hidden_on_the_site(out: Path, capsys, shown: str) -> None:
    run_import(capsys, IMPORTS / "google-forms.csv", "--out", out)
    confirmed = (
        (out / "ingrid-berg.yml")
        .read_text(encoding="utf-8")
        .replace(f"imported: {IMPORT_DAY}", "last_confirmed: 2026-03-05")
    )
    (out / "ingrid-berg.yml").write_text(confirmed, encoding="utf-8")
    config = settings.Settings(today=dt.date(2026, 3, 10), imported_profiles=shown)
    built = build.build(out, config)
    pages = {page.path: page.markdown() for page in built.everything()[0]}
    listed = [m.slug for m in built.directory.mentors]
    if shown == "show":
        assert sorted(listed) == ["amara-diallo", "ingrid-berg", "tom-reid"]
        amara = pages["mentors/amara-diallo/"]
        assert "Imported, not yet confirmed:" in amara and "2 March 2026" in amara
        assert "last confirmed on" not in amara
        assert "Profile last confirmed on 5 March 2026" in pages["mentors/ingrid-berg/"]
    else:
        assert listed == ["ingrid-berg"]
        assert "mentors/amara-diallo/" not in pages and "mentors/ingrid-berg/" in pages
        notices = [n.message for n in built.notices if "amara" in n.path and n.message.startswith("not on")]
        assert notices == [
            f"not on the site: imported {IMPORT_DAY}, not yet confirmed by the mentor (imported_profiles: hide)"
        ]


def test_an_imported_profile_is_hidden_a_year_after_its_import_like_any_other(out: Path, capsys) -> None:
    run_import(capsys, IMPORTS / "google-forms.csv", "--out", out)
    built = build.build(out, settings.Settings(today=dt.date(2027, 3, 2)))
    assert built.directory.mentors == ()
    assert sorted(m.slug for m in built.directory.hidden) == ["amara-diallo", "ingrid-berg", "tom-reid"]
    assert main(["check", str(out), "--today", "2027-03-02", "--config", str(ROOT / "mkdocs.yml")]) == 0
    assert capsys.readouterr().out.count("Imported 12 months ago, so the profile is hidden from the site") == 3


def test_the_command_runs_as_a_coordinator_types_it(out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "import", str(IMPORTS / "mentors-2019.json"), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Imported 2 of 5 rows" in result.stdout


def test_line_breaks_yaml_knows_cannot_end_a_bio_early(out: Path, tmp_path: Path, capsys) -> None:
    """A JSON bio holding CR, NEL or LINE SEPARATOR stays one bio: no key can be smuggled in."""
    bio = "I lead a research team and have mentored many early-career researchers over the years."
    rows = [
        {"name": "Eve One", "email": "eve1@example.org", "title": "Lead", "skills": "Education", "country": "KE",
         "languages": "English", "bio": bio + "\rlast_confirmed: 2026-01-01"},
        {"name": "Eve Two", "email": "eve2@example.org", "title": "Lead", "skills": "Education", "country": "KE",
         "languages": "English", "bio": bio + "\u2028imported: 2020-01-01\x85github: someone-else"},
    ]  # fmt: skip
    source = tmp_path / "list.json"
    source.write_text(json.dumps(rows), encoding="utf-8")
    code, printed = run_import(capsys, source, "--out", out)
    assert code == 0, printed
    for slug in ("eve-one", "eve-two"):
        data = profiles(out)[slug]
        assert set(data) == {"name", "email", "headline", "bio", "topics", "country", "languages", "imported"}
        assert data["imported"] == IMPORT_DAY and data["bio"].startswith(bio)


def test_no_vocabulary_or_a_file_as_the_folder_is_a_clear_error(tmp_path: Path, capsys) -> None:
    lonely = tmp_path / "lonely"
    code = main(
        ["import", str(IMPORTS / "google-forms.csv"), "--out", str(lonely), "--config", str(tmp_path / "none.yml")]
    )
    assert code == 2 and "_vocabulary.yml" in capsys.readouterr().err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["import", str(IMPORTS / "google-forms.csv"), "--out", str(tmp_path / "file")]) == 2
    assert "is a file" in capsys.readouterr().err
