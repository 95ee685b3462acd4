"""The `mentor-directory` command as a contributor and CI run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "profiles"
ROOT = Path(__file__).parent.parent
TODAY = ["--today", "2026-11-22"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "mentors")
    shutil.copy(ROOT / "mentors" / "_template.yml", tmp_path / "mentors")
    return tmp_path / "mentors"


def break_country(folder: Path) -> Path:
    path = folder / "ada-okafor.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("country: KE", "country: Kenya"), encoding="utf-8")
    return path


def test_check_clean_folder_exits_0_with_a_summary(folder: Path, capsys) -> None:
    assert main(["check", str(folder), *TODAY]) == 0
    assert capsys.readouterr().out.strip() == "Checked 1 profile: it looks good."


def test_check_prints_path_line_col_and_exits_1(folder: Path, capsys) -> None:
    path = break_country(folder)
    assert main(["check", str(folder), *TODAY]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path}:13:10: error: 'Kenya' is not a country code: use 'KE' (Kenya)."
    assert out[-1] == "Checked 1 profile: 1 error in 1 file: fix the errors above and push again."


def test_check_github_format_is_a_workflow_command(folder: Path, capsys) -> None:
    path = break_country(folder)
    assert main(["check", str(folder), "--format", "github", *TODAY]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"::error file={path},line=13,col=10,title=Profile error::")
    assert first.endswith("use 'KE' (Kenya).")


def test_github_format_escapes_what_would_end_the_command() -> None:
    from generator.profiles.problems import Problem

    line = Problem("a,b:c.yml", 2, 3, "warning", "50% done\nnext").github()
    assert line == "::warning file=a%2Cb%3Ac.yml,line=2,col=3,title=Profile warning::50%25 done%0Anext"


def test_check_json_format(folder: Path, capsys) -> None:
    break_country(folder)
    assert main(["check", str(folder), "--format", "json", *TODAY]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(p["line"], p["col"], p["severity"]) for p in found] == [(13, 10, "error")]


@pytest.mark.parametrize("args", [["check", "--format", "xml"], ["nonsense"], [], ["check", "--today", "soon"]])
def test_bad_usage_exits_2(args: list[str], capsys) -> None:
    code = main(args) if args == [] else None
    if code is None:
        with pytest.raises(SystemExit) as exc:
            main(args)
        code = exc.value.code
    assert code == 2


def test_missing_path_is_an_error_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "nope")]) == 1
    assert "There is no such file or folder" in capsys.readouterr().out


def test_python_dash_m_runs_the_same_command(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(folder), *TODAY], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert "it looks good" in done.stdout


def test_new_writes_a_valid_profile_with_a_transliterated_slug(folder: Path, capsys) -> None:
    code = main(["new", "--dir", str(folder), "--name", "José Núñez", "--email", "jose@example.org", *TODAY])
    assert code == 0
    path = folder / "jose-nunez.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["name"] == "José Núñez" and data["email"] == "jose@example.org"
    assert str(data["last_confirmed"]) == "2026-11-22"
    assert main(["check", str(path), *TODAY]) == 0
    assert "error" not in capsys.readouterr().out


def test_new_never_overwrites_and_picks_a_free_slug(folder: Path) -> None:
    args = ["new", "--dir", str(folder), "--name", "Ada Okafor", "--email", "a@example.org", *TODAY]
    before = (folder / "ada-okafor.yml").read_text(encoding="utf-8")
    assert main(args) == 0
    assert (folder / "ada-okafor.yml").read_text(encoding="utf-8") == before
    assert (folder / "ada-okafor-2.yml").exists()


def test_new_name_without_latin_letters_gets_a_slug_to_confirm(folder: Path, capsys) -> None:
    assert main(["new", "--dir", str(folder), "--name", "王芳", "--email", "wang.fang@example.org", *TODAY]) == 0
    assert "--slug" in capsys.readouterr().out
    assert (folder / "wang-fang.yml").exists()


def test_new_refuses_a_bad_email_and_writes_nothing(folder: Path, capsys) -> None:
    before = sorted(folder.iterdir())
    assert main(["new", "--dir", str(folder), "--name", "Ada", "--email", "ada@x.org?bcc=spam@y.org", *TODAY]) == 1
    assert "one plain email address" in capsys.readouterr().err
    assert sorted(folder.iterdir()) == before


def test_new_name_with_yaml_characters_survives(folder: Path) -> None:
    assert main(["new", "--dir", str(folder), "--name", 'Dr. "Ada": #1', "--email", "ada@example.org", *TODAY]) == 0
    data = yaml.safe_load((folder / "dr-ada-1.yml").read_text(encoding="utf-8"))
    assert data["name"] == 'Dr. "Ada": #1'


def test_template_examples_left_in_warn(folder: Path, capsys) -> None:
    main(["new", "--dir", str(folder), "--name", "Lena Hoffmann", "--email", "lena@example.org", *TODAY])
    assert main(["check", str(folder / "lena-hoffmann.yml"), *TODAY]) == 0
    out = capsys.readouterr().out
    assert "'headline' is still the template's example" in out
    assert "'bio' is still the template's example" in out


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("José Núñez", "jose-nunez"),
        ("Søren Ødegård", "soren-odegard"),
        ("Ngozi Adébáyọ̀", "ngozi-adebayo"),
        ("  Mary-Jane  O'Neil ", "mary-jane-o-neil"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    from generator.maintainers.newprofile import slugify

    assert slugify(name) == slug
