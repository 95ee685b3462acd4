"""`mentor-directory ownership`: who may merge a pull request, against real git repositories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.maintainers import gitdiff
from tests.gitrepo import Repo, profile, sample
from tests.helpers import run_cli

ADA = "ada-okafor-example"


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return sample(tmp_path / "repo")


def run(repo: Repo, author: str, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["ownership", "--author", author, "--base", "main", "--repo", str(repo.root), *extra])
    out, err = capsys.readouterr()
    return code, out, err


DANA = "dana-obi-example"


def add_own(r: Repo) -> None:
    r.write("mentors/dana-obi.yml", profile("Dana Obi", DANA))


def edit_own(r: Repo) -> None:
    r.write("mentors/ada-okafor.yml", profile(headline="Director at Example Foundation"))


def edit_other(r: Repo) -> None:
    r.write("mentors/chen-wei.yml", profile("Chen Wei", "chen-wei-example", photo="chen-wei.png", city="Lagos"))


def take_over(r: Repo) -> None:
    # Writing your own name into someone else's profile does not make it yours: ownership is read on base.
    r.write("mentors/chen-wei.yml", profile("Chen Wei", ADA, photo="chen-wei.png"))


def delete_other(r: Repo) -> None:
    r.remove("mentors/chen-wei.yml")


def delete_own(r: Repo) -> None:
    r.remove("mentors/ada-okafor.yml")


def rename_other(r: Repo) -> None:
    r.move("mentors/chen-wei.yml", "mentors/chen-wei-2.yml")


def rename_own(r: Repo) -> None:
    r.move("mentors/ada-okafor.yml", "mentors/ada-okafor-obi.yml")


def edit_unowned(r: Repo) -> None:
    r.write("mentors/ben-adams.yml", profile("Ben Adams", None, city="Accra").replace("photo: ada-okafor.png\n", ""))


def add_photo(r: Repo) -> None:
    r.write("mentors/photos/dana-obi.png", (r.root / "mentors/photos/ada-okafor.png").read_bytes() + b"\0")


def add_own_with_photo(r: Repo) -> None:
    add_photo(r)
    r.write("mentors/dana-obi.yml", profile("Dana Obi", DANA, photo="dana-obi.png"))


def add_photo_for_own_profile(r: Repo) -> None:
    add_photo(r)
    r.write("mentors/ada-okafor.yml", profile(photo="dana-obi.png"))


def replace_own_photo(r: Repo) -> None:
    r.write("mentors/photos/ada-okafor.png", (r.root / "mentors/photos/ada-okafor.png").read_bytes() + b"\0")


def replace_other_photo(r: Repo) -> None:
    r.write("mentors/photos/chen-wei.png", (r.root / "mentors/photos/chen-wei.png").read_bytes() + b"\0")


def delete_other_photo(r: Repo) -> None:
    r.remove("mentors/photos/chen-wei.png")


def outside(path: str) -> Callable[[Repo], None]:
    def change(r: Repo) -> None:
        r.write(path, "changed\n")

    return change


@pytest.mark.parametrize(
    "change, author, expected",
    [
        (add_own, DANA, 0),
        (add_own, "someone-new", 0),
        (edit_own, ADA, 0),
        (edit_own, "Ada-Okafor-EXAMPLE", 0),
        (edit_other, ADA, 1),
        (take_over, ADA, 1),
        (delete_other, ADA, 1),
        (delete_own, ADA, 0),
        (rename_other, ADA, 1),
        (rename_own, ADA, 0),
        (edit_unowned, ADA, 1),
        (edit_unowned, "ben-adams", 1),
        (add_photo, ADA, 1),
        (add_own_with_photo, DANA, 0),
        (add_own_with_photo, "someone-new", 1),
        (add_photo_for_own_profile, ADA, 0),
        (add_photo_for_own_profile, "chen-wei-example", 1),
        (replace_own_photo, ADA, 0),
        (replace_other_photo, ADA, 1),
        (replace_other_photo, "chen-wei-example", 0),
        (delete_other_photo, ADA, 1),
        (outside("mkdocs.yml"), ADA, 1),
        (outside(".github/workflows/ci.yml"), ADA, 1),
        (outside("generator/tool.py"), ADA, 1),
        (outside("mentors/_vocabulary.yml"), ADA, 1),
        (outside("mentors/_template.yml"), ADA, 1),
        (outside("guidance/index.md"), ADA, 1),
        (outside("mentors/photos/page.html"), ADA, 1),
        (outside("mentors/sub/profile.yml"), ADA, 1),
    ],
    ids=lambda v: getattr(v, "__name__", None) if callable(v) else None,
)
def test_who_may_merge(repo: Repo, capsys, change: Callable[[Repo], None], author: str, expected: int) -> None:
    change(repo)
    repo.commit()
    code, out, err = run(repo, author, capsys)
    assert (code, err) == (expected, ""), out
    verdict = out.strip().splitlines()[-1]
    assert verdict.startswith("Needs a maintainer" if expected else "Every change")


def test_each_flag_says_what_a_maintainer_must_look_at(repo: Repo, capsys) -> None:
    edit_other(repo)
    edit_unowned(repo)
    outside("mkdocs.yml")(repo)
    edit_own(repo)
    repo.commit()
    code, out, _ = run(repo, ADA, capsys)
    assert code == 1
    lines = out.splitlines()
    assert "ok: mentors/ada-okafor.yml: the author changes their own profile (github: ada-okafor-example)." in lines
    flagged = "\n".join(line for line in lines if line.startswith("NEEDS A MAINTAINER"))
    assert (
        "mentors/chen-wei.yml: this pull request changes the profile, but it belongs to GitHub user 'chen-wei-example'"
        in flagged
    )
    assert "mentors/ben-adams.yml: this pull request changes the profile, but it has no 'github:' line" in flagged
    assert "mkdocs.yml is not a profile or a photo" in flagged
    assert lines[-1] == "Needs a maintainer: 3 changes need a maintainer's review (see above)."


def test_unreadable_base_version_is_not_owned(repo: Repo, capsys) -> None:
    repo.git("checkout", "-q", "main")
    repo.write("mentors/broken.yml", f"github: {ADA}\nname: [unclosed\n")
    repo.commit("broken on main")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    repo.write("mentors/broken.yml", profile("Broken Fixed", ADA))
    repo.commit()
    code, out, _ = run(repo, ADA, capsys)
    assert code == 1
    assert "its version on the base branch cannot be read" in out


def test_github_format_prints_workflow_commands(repo: Repo, capsys) -> None:
    edit_own(repo)
    edit_other(repo)
    repo.commit()
    code, out, _ = run(repo, ADA, capsys, "--format", "github")
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("::notice file=mentors/ada-okafor.yml,title=Ownership::")
    assert lines[1].startswith("::warning file=mentors/chen-wei.yml,title=Needs a maintainer::")
    assert lines[-1].startswith("::warning title=Ownership::Needs a maintainer")


def test_nothing_changed_may_merge(repo: Repo, capsys) -> None:
    repo.commit("empty")
    code, out, _ = run(repo, ADA, capsys)
    assert (code, out.strip()) == (0, "This pull request changes no files.")


@pytest.mark.parametrize("base", ["no-such-branch", "--upload-pack=evil", "0" * 40])
def test_unknown_base_is_bad_usage_without_traceback(repo: Repo, base: str) -> None:
    done = run_cli("ownership", "--author", ADA, f"--base={base}", "--repo", str(repo.root))
    out, err = done.stdout, done.stderr
    assert done.returncode == 2
    assert err.startswith("error: ") and "is not a branch, tag or commit" in err
    assert "Traceback" not in out + err


def test_not_a_git_checkout_is_bad_usage(tmp_path: Path, capsys) -> None:
    assert main(["ownership", "--author", ADA, "--base", "main", "--repo", str(tmp_path)]) == 2
    assert "is not a git checkout: run this inside the repository." in capsys.readouterr().err


def test_empty_author_is_bad_usage(repo: Repo, capsys) -> None:
    assert run(repo, " ", capsys)[0] == 2


def test_unrelated_histories_compare_the_trees(repo: Repo, capsys) -> None:
    # With no merge base (a shallow or unrelated history) the two trees are compared directly.
    repo.git("checkout", "-q", "--orphan", "fresh")
    repo.git("rm", "-rq", "--cached", ".")
    repo.git("checkout", "-q", "main", "--", ".")
    repo.write("mentors/dana-obi.yml", profile("Dana Obi", DANA))
    repo.commit("unrelated")
    code, out, _ = run(repo, DANA, capsys)
    assert code == 0
    assert out.splitlines()[0] == "ok: mentors/dana-obi.yml is a new profile: anyone may add one.", out


def test_a_link_in_place_of_a_profile_needs_a_maintainer(repo: Repo, capsys) -> None:
    (repo.root / "mentors" / "dana-obi.yml").symlink_to("../mkdocs.yml")
    repo.commit()
    code, out, _ = run(repo, ADA, capsys)
    assert code == 1
    assert "is not an ordinary file" in out


def test_parse_raw_reads_renames_and_odd_names() -> None:
    out = (
        ":100644 100644 aaa bbb R087\0mentors/a.yml\0mentors/b.yml\0"
        ":000000 100644 000 ccc A\0mentors/we,ird:name.yml\0"
        ":100644 000000 ddd 000 D\0mkdocs.yml\0"
        ":100644 120000 eee fff T\0mentors/c.yml\0"
    )
    assert gitdiff.parse_raw(out) == [
        gitdiff.Change("R", "mentors/b.yml", "mentors/a.yml"),
        gitdiff.Change("A", "mentors/we,ird:name.yml"),
        gitdiff.Change("D", "mkdocs.yml"),
        gitdiff.Change("M", "mentors/c.yml", regular=False),
    ]
