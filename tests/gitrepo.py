"""A real git repository in a temporary folder, for tests of what a pull request changes."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "profiles"
ROOT = Path(__file__).parent.parent
# Commit as a test user, ignoring the machine's git settings (hooks, signing, default branch).
ENV = {
    **os.environ,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


_WORDS = (
    "teaching farming banking nursing law policy research design software health water energy schools "
    "markets cities rivers trade finance writing radio film theatre sport rural coastal mining textiles "
    "housing transport logistics shipping insurance audit statistics surveys climate forests wildlife "
    "fisheries clinics pharmacy vaccines nutrition literacy libraries museums tourism hotels startups "
    "grants charities unions courts elections budgets taxes customs ports railways roads bridges"
).split()


def bio(name: str) -> str:
    """A bio of its own for each name, so that different sample people do not look alike."""
    digest = hashlib.sha256(name.encode()).digest()
    words = " ".join(_WORDS[b % len(_WORDS)] for b in digest[:24])
    return f"  {name} has worked on {words}.\n  Ask about any of these.\n"


def profile(name: str = "Ada Okafor", github: str | None = "ada-okafor-example", **changes: str) -> str:
    """The fixture profile with another name and github line, and any 'key: value' lines replaced.

    Another person than Ada gets an email address and a bio of their own, and no photo unless given one.
    """
    text = (FIXTURES / "ada-okafor.yml").read_text(encoding="utf-8")
    if name != "Ada Okafor":
        slug = "-".join(name.lower().split())
        text = text.replace("ada.okafor@example.org", f"{slug}@example.org").replace("photo: ada-okafor.png\n", "")
        start, end = text.index("bio: |\n") + len("bio: |\n"), text.index("topics:")
        text = text[:start] + bio(name) + text[end:]
    text = text.replace("name: Ada Okafor", f"name: {name}")
    text = text.replace("github: ada-okafor-example\n", f"github: {github}\n" if github else "")
    for key, value in changes.items():
        lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in text.splitlines()]
        if not any(line.startswith(f"{key}:") for line in lines):
            lines.insert(-1, f"{key}: {value}")
        text = "\n".join(lines) + "\n"
    return text


class Repo:
    """A git checkout with a main branch of sample profiles and files; make a branch and change it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q")
        self.git("checkout", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", *args], cwd=self.root, env=ENV, capture_output=True, text=True, check=True)
        return done.stdout

    def write(self, path: str, content: str | bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    def remove(self, path: str) -> None:
        self.git("rm", "-q", path)

    def move(self, old: str, new: str) -> None:
        self.git("mv", old, new)

    def commit(self, message: str = "change") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--no-gpg-sign", "--allow-empty", "-m", message)

    def branch(self, name: str = "pr") -> None:
        self.git("checkout", "-q", "-b", name)


def sample(root: Path) -> Repo:
    """main: Ada's profile and photo (github: ada-okafor-example), Ben's without a github line, Chen's
    and his photo (github: chen-wei-example), and some code and settings. HEAD is branch 'pr' off main."""
    repo = Repo(root)
    repo.write("mentors/_vocabulary.yml", (FIXTURES / "_vocabulary.yml").read_text(encoding="utf-8"))
    shutil.copy(ROOT / "mentors" / "_template.yml", root / "mentors" / "_template.yml")
    repo.write("mentors/photos/ada-okafor.png", (FIXTURES / "photos" / "ada-okafor.png").read_bytes())
    repo.write("mentors/photos/chen-wei.png", (FIXTURES / "photos" / "ada-okafor.png").read_bytes() + b"chen")
    repo.write("mentors/ada-okafor.yml", profile())
    repo.write("mentors/ben-adams.yml", profile("Ben Adams", None).replace("photo: ada-okafor.png\n", ""))
    repo.write("mentors/chen-wei.yml", profile("Chen Wei", "chen-wei-example", photo="chen-wei.png"))
    repo.write("mkdocs.yml", "site_name: Test\n")
    repo.write("generator/tool.py", "print('hello')\n")
    repo.write(".github/workflows/ci.yml", "name: ci\n")
    repo.commit("base")
    repo.branch("pr")
    return repo
