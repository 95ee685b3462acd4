"""A programme that renames the directory in mkdocs.yml finds none of the sample's names in what it ships."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
import yaml

from generator import settings
from generator.site import mailto
from tests.helpers import ENGINE, FIXED_EPOCH, ROOT, copy_project, run_cli

SAMPLE_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=settings._PlainLoader)
SAMPLE_OPTIONS = next(
    p["mentor-directory"] for p in SAMPLE_CONFIG["plugins"] if isinstance(p, dict) and "mentor-directory" in p
)
# What a programme renames (README, "For programme administrators"), as the sample sets it.
SAMPLE = {
    "site_name": SAMPLE_CONFIG["site_name"],
    "programme": SAMPLE_OPTIONS["programme"],
    "scheme": SAMPLE_OPTIONS["scheme"],
    "contact": SAMPLE_OPTIONS["contact"],
}
OURS = {
    "site_name": "Quillfeather Guild Finder",
    "programme": "Nightjar Fellowship of Former Students",
    "scheme": "Tea With Tomasz",
    "contact": "owls.desk@quillfeather.invalid",
}
TEXT = {".html", ".js", ".json", ".xml", ".txt", ".css", ".svg", ".webmanifest", ".map"}


def forms(value: str) -> set[str]:
    """Every way a page, a script or a link may carry a value: as typed, escaped, encoded, hidden."""
    found = {value, html.escape(value), json.dumps(value)[1:-1], quote(value), quote_plus(value)}
    found |= {mailto.encode(value), quote(value, safe="")}
    if "@" in value:
        found |= {mailto.address_part(value), mailto.obfuscate(value), mailto.address_part(value).lower()}
    return found


NEEDLES = {form: name for name, value in SAMPLE.items() for form in forms(value)}


def rebranded(project: Path) -> None:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(f"site_name: {SAMPLE['site_name']}", f"site_name: {OURS['site_name']}")
    for key in ("programme", "scheme", "contact"):
        text = text.replace(f"      {key}: {SAMPLE[key]}\n", f"      {key}: {OURS[key]}\n")
    assert all(value not in text for value in SAMPLE.values()), "the test's mkdocs.yml still names the sample"
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Every file a rebranded programme publishes: the hosted site, and each file of its offline zip."""
    project = copy_project(tmp_path_factory.mktemp("rebrand") / "project")
    rebranded(project)
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH, NO_MKDOCS_2_WARNING="1")
    built = subprocess.run(
        [sys.executable, "-m", ENGINE, "build", "--strict", "-d", "site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    out = project / "site" / "offline" / "copy.zip"
    zipped = subprocess.run(
        [sys.executable, "-m", "generator", "offline-zip", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert zipped.returncode == 0, zipped.stderr
    site = project / "site"
    hosted = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    with zipfile.ZipFile(out) as archive:
        copy = {name: archive.read(name) for name in archive.namelist()}
    return {"hosted": hosted, "offline": copy}


def leaks(files: dict[str, bytes]) -> list[str]:
    found = []
    for name, data in sorted(files.items()):
        if Path(name).suffix not in TEXT:
            continue
        text = data.decode("utf-8")
        lowered = text.lower()  # "Ask an alum" is the sample's scheme too
        found += [
            f"{name}: {form!r} (the sample's {what})"
            for form, what in NEEDLES.items()
            if form in text or (form.isascii() and form.lower() in lowered)
        ]
    return found


@pytest.mark.parametrize("copy", ["hosted", "offline"])
def test_no_sample_name_is_left_anywhere(shipped, copy: str) -> None:
    files = shipped[copy]
    assert len(files) > 100
    assert leaks(files) == []


def page(files: dict[str, bytes], name: str) -> str:
    return files[name].decode("utf-8")


def test_the_programmes_names_reach_the_hosted_pages(shipped) -> None:
    files = shipped["hosted"]
    home, schemes = page(files, "index.html"), page(files, "guide/schemes/index.html")
    assert f"<title>{OURS['site_name']}</title>" in home
    assert OURS["programme"] in home and OURS["scheme"] in schemes
    mentor = page(files, "mentors/agnieszka-wrobel/index.html")  # in the one-off scheme
    assert f"subject={mailto.encode(OURS['scheme'])}" in mentor  # the email's subject names the scheme
    assert mailto.encode(OURS["programme"]) in mentor  # and its body the programme
    data = page(files, "assets/mentor-directory/mentors-data.js")
    assert OURS["scheme"] in data  # the scheme filter's label
    index = json.loads(page(files, "search/search_index.json"))
    assert any(OURS["programme"] in doc["text"] for doc in index["docs"])


def test_the_programmes_names_reach_the_offline_copy(shipped) -> None:
    files = shipped["offline"]
    (folder,) = {name.split("/", 1)[0] for name in files if "/" in name}
    assert page(files, "README.txt").startswith(f"Offline copy of {OURS['site_name']},")
    assert OURS["scheme"] in page(files, f"{folder}/guide/schemes.html")
    assert OURS["programme"] in page(files, f"{folder}/search/search_index.js")


def test_check_names_the_sample_text_it_looks_for() -> None:
    """The needles are real: each sample value, in every form, is found where the sample site would put it."""
    assert set(SAMPLE.values()) <= set(NEEDLES) and all(SAMPLE.values())
    assert leaks({"a.html": f"<p>{SAMPLE['programme']}</p>".encode()}) != []
    assert leaks({"a.json": json.dumps({"label": SAMPLE["scheme"].upper()}).encode()}) != []
    assert leaks({"a.html": f'<a href="mailto:x?body={mailto.encode(SAMPLE["site_name"])}">'.encode()}) != []
    assert leaks({"a.js": mailto.obfuscate(SAMPLE["contact"]).encode()}) != []
    assert leaks({"a.png": SAMPLE["programme"].encode()}) == []


def test_a_rebrand_that_leaves_a_placeholder_unfilled_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace(f"      contact: {SAMPLE['contact']}\n", ""), encoding="utf-8")
    done = run_cli("offline-zip", "copy.zip", cwd=project)
    assert done.returncode == 2 and "'{{ programme.contact }}' has no value" in done.stderr
    assert not (project / "copy.zip").exists()
