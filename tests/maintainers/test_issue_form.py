"""`mentor-directory new --from-issue`: the "Add me as a mentor" issue form, read back into a profile."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.maintainers import issueform
from generator.profiles import yaml_strict
from tests.helpers import ROOT, new_mentors_folder, run_cli

ISSUES = ROOT / "tests" / "fixtures" / "issues"
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "add-me-as-a-mentor.yml"
TODAY = "2026-11-22"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return new_mentors_folder(tmp_path, "_template.yml")


def new(folder: Path, issue: str, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["new", "--from-issue", str(ISSUES / issue), "--dir", str(folder), "--today", TODAY, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def profiles(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.yml") if not p.name.startswith("_"))


def test_complete_issue_makes_a_profile_that_passes_check(folder: Path, capsys) -> None:
    code, out, err = new(folder, "complete.md", capsys)
    path = folder / "ngozi-eze.yml"
    assert (code, err) == (0, "")
    assert out.strip() == f"Created {path} from the issue. Read it through, then run: mentor-directory check {path}"
    data = yaml_strict.parse(path.read_text(encoding="utf-8")).data
    assert data == {
        "name": "Ngozi Eze",
        "pronouns": "she/her",
        "email": "ngozi.eze@example.org",
        "headline": "Programme manager at Example Health Trust",
        "bio": (ISSUES / "complete.md").read_text().split("### About you\n\n")[1].split("\n\n### ")[0] + "\n",
        "topics": ["global-health", "monitoring-and-evaluation", "leadership-and-management"],
        "sectors": ["ngo"],
        "country": "NG",
        "city": "Enugu",
        "languages": ["en", "ig"],
        "time_zone": "Africa/Lagos",
        "course": "MSc Global Health",
        "graduation_year": "2014",
        "schemes": ["ask-an-alum", "group"],
        "formats": ["video", "email"],
        "availability": "limited",
        "capacity": "3",
        "links": {"linkedin": "https://www.linkedin.com/in/example-ngozi-eze", "website": "https://example.org/ngozi"},
        "github": "ngozi-eze-example",
        "last_confirmed": TODAY,
    }
    assert main(["check", str(path), "--today", TODAY]) == 0
    assert capsys.readouterr().out.strip() == "Checked 1 profile: it looks good."


def test_missing_email_names_the_question_and_writes_nothing(folder: Path, capsys) -> None:
    code, out, err = new(folder, "missing-email.md", capsys)
    assert code == 1
    assert "nothing was written" in err
    assert "  - Email address students write to: There is no answer to this question, and a profile needs one." in err
    assert profiles(folder) == []


def test_unanswered_optional_questions_are_left_out(folder: Path, capsys) -> None:
    assert new(folder, "no-response.md", capsys)[0] == 0
    text = (folder / "ngozi-eze.yml").read_text(encoding="utf-8")
    assert "_No response_" not in text
    data = yaml_strict.parse(text).data
    assert sorted(data) == sorted(
        ["name", "email", "headline", "bio", "topics", "country", "languages", "last_confirmed"]
    )
    assert main(["check", str(folder), "--today", TODAY]) == 0


def test_html_in_the_bio_is_refused_with_a_clear_message(folder: Path, capsys) -> None:
    code, _, err = new(folder, "hostile-bio.md", capsys)
    assert code == 1
    assert "About you: The bio cannot hold HTML tags" in err
    assert profiles(folder) == []


def test_hostile_plain_text_is_stored_literally(folder: Path, capsys) -> None:
    assert new(folder, "hostile-literal.md", capsys)[0] == 0
    (path,) = folder.glob("ngozi-eze*.yml")
    data = yaml_strict.parse(path.read_text(encoding="utf-8")).data
    assert data["name"] == 'Ngozi Eze", "github": "someone-else" # {{ x }}'
    assert data["headline"] == '"><img src=x onerror=alert(1)> </textarea><script>x</script>'
    assert data["github"] == "ngozi-eze-example"
    assert main(["check", str(path), "--today", TODAY]) == 0


def test_a_second_issue_from_the_same_name_gets_a_free_file_name(folder: Path, capsys) -> None:
    new(folder, "complete.md", capsys)
    assert new(folder, "complete.md", capsys)[0] == 0
    assert profiles(folder) == ["ngozi-eze-2.yml", "ngozi-eze.yml"]


def test_slug_can_be_chosen(folder: Path, capsys) -> None:
    assert new(folder, "complete.md", capsys, "--slug", "ngozi")[0] == 0
    assert profiles(folder) == ["ngozi.yml"]
    assert new(folder, "complete.md", capsys, "--slug", "Not A Slug")[0] == 2


def test_body_from_standard_input(folder: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((ISSUES / "complete.md").read_bytes())))
    assert main(["new", "--from-issue", "-", "--dir", str(folder), "--today", TODAY]) == 0
    assert profiles(folder) == ["ngozi-eze.yml"]


@pytest.mark.parametrize(
    "body, message",
    [
        ("Please add me, my name is Ada.", "None of the form's questions were found"),
        ("### Your name\n\nAda\n\n### Your name\n\nBen\n", "Your name: The issue answers this question twice"),
        ("### Your name\n\nAda\nOkafor\n", "Your name: The answer should be one line"),
        ("### Schemes\n\n- [X] Weekly coffee\n", "Schemes: 'Weekly coffee' is not one of the options"),
        (
            "### Consent\n\n- [ ] I agree that this profile, except my email address, is published on the mentor directory\n",
            "Consent: The consent box is not ticked",
        ),
        ("### Topics\n\ndatascience\n", "Topics: 'datascience' is not a topic slug: write 'data-and-evidence'"),
        ("### Country\n\nNarnia\n", "Country: 'Narnia' is not a country code"),
    ],
)
def test_what_is_wrong_is_said_per_question(folder: Path, tmp_path: Path, body: str, message: str) -> None:
    issue = tmp_path / "body.md"
    issue.write_text(body, encoding="utf-8")
    done = run_cli("new", "--from-issue", str(issue), "--dir", str(folder), "--today", TODAY)
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr
    assert profiles(folder) == []


@pytest.mark.parametrize("content", [None, b"\xff\xfe not utf-8"])
def test_unreadable_body_is_bad_usage(folder: Path, tmp_path: Path, capsys, content: bytes | None) -> None:
    issue = tmp_path / "body.md"
    if content is not None:
        issue.write_bytes(content)
    assert main(["new", "--from-issue", str(issue), "--dir", str(folder)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {issue}")


def test_folder_without_vocabulary_is_bad_usage(tmp_path: Path, capsys) -> None:
    assert main(["new", "--from-issue", str(ISSUES / "complete.md"), "--dir", str(tmp_path)]) == 2
    assert "has no _vocabulary.yml" in capsys.readouterr().err


def test_windows_line_endings_and_bulleted_lists(folder: Path) -> None:
    body = (ISSUES / "complete.md").read_text().replace("\n", "\r\n")
    made_values, problems = issueform.answers(body)
    assert problems == []
    pieces, problems = issueform.build(made_values, _vocab(), dt.date(2026, 11, 22))
    assert problems == []
    assert (
        "Topics",
        'topics:\n  - "global-health"\n  - "monitoring-and-evaluation"\n  - "leadership-and-management"',
    ) in pieces


def _vocab():
    from generator.profiles import loader

    return loader.load_vocabulary(ROOT / "mentors" / "_vocabulary.yml")[0]


def test_the_form_and_the_reader_agree() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    assert form["name"] == "Add me as a mentor"
    questions = [item for item in form["body"] if item["type"] != "markdown"]
    assert [q["attributes"]["label"] for q in questions] == [f.label for f in issueform.FIELDS]
    assert len({q["id"] for q in questions}) == len(questions)
    for question, field in zip(questions, issueform.FIELDS, strict=True):
        required = question.get("validations", {}).get("required", False)
        options = question["attributes"].get("options", [])
        if field.kind == "consent":
            assert [o["required"] for o in options] == [True]
        else:
            assert required == field.required, field.label
        if field.kind in ("boxes", "consent", "choice"):
            labels = [o["label"] if isinstance(o, dict) else o for o in options]
            assert labels == list(issueform.OPTIONS[field.key]), field.label
        kind = {"text": "textarea", "list": "textarea", "links": "textarea", "boxes": "checkboxes"}
        kind |= {"consent": "checkboxes", "choice": "dropdown"}
        assert question["type"] == kind.get(field.kind, "input"), field.label
