"""Whom a student may write to, from a profile, by the schemes the mentor chose: hosted, offline and generated.

Written from the student's side: what the contact section offers for each kind of mentor, and,
for every mentor who must not be written to directly, that no form of their address is in the
page's bytes at all.
"""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urljoin, urlsplit

import pytest

from generator.cli import main
from tests.helpers import VALID, build_site, copy_project

COORDINATORS = "mentoring@example.org"  # the sample mkdocs.yml's contact
ONE_OFF_NAME = "Ask An Alum"  # the sample mkdocs.yml's scheme


def _profile(name: str, email: str, schemes: list[str], availability: str = "open", until: str = "") -> str:
    text = VALID.replace("photo: ada-okafor.png\n", "").replace("Ada Okafor", name)
    text = text.replace("ada.okafor@example.org", email)
    listed = "".join(f"\n  - {s}" for s in schemes) or " []"
    text = text.replace("schemes:\n  - ask-an-alum\n  - matched\n", f"schemes:{listed}\n")
    text = text.replace("availability: open", f"availability: {availability}")
    return text + (f"paused_until: {until}\n" if until else "")


# slug: (name, email, schemes, availability, paused_until)
MENTORS = {
    "one-off": ("Ama Owusu", "ama.oneoff@example.org", ["ask-an-alum"], "open", ""),
    "matched-only": ("Bilal Haddad", "bilal.matched@example.net", ["matched"], "open", ""),
    "group-only": ("Chen Jing", "chen.group@example.com", ["group"], "limited", ""),
    "both": ("Dora Nagy", "dora.both@example.org", ["ask-an-alum", "matched"], "open", ""),
    "matched-and-group": ("Emeka Obi", "emeka.schemes@example.org", ["matched", "group"], "open", ""),
    "paused": ("Fatima Zahra", "fatima.paused@example.org", ["ask-an-alum"], "paused", "2027-02-01"),
    "paused-matched": ("Gustavo Lima", "gustavo.paused@example.org", ["matched"], "paused", ""),
    "no-scheme": ("Hana Sato", "hana.none@example.org", [], "open", ""),  # `schemes: []`: no one to ask yet
}
ASKABLE = {"one-off", "both"}


def address_forms(email: str) -> list[bytes]:
    """Every way an address could sit in a page: plain, percent-encoded, reversed, base64 of either."""
    from generator.site import mailto

    forms = [email, email[::-1], quote(email, safe=""), mailto.address_part(email), email.split("@")[0]]
    forms += [base64.b64encode(email.encode()).decode(), base64.b64encode(email[::-1].encode()).decode()]
    return [f.encode() for f in forms]


class AskSection(HTMLParser):
    """The links in the profile's contact section (id="ask"): (href, classes, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[list[str]] = []
        self.heading = ""
        self._depth = 0
        self._in_link = self._in_heading = False

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "section" and found.get("id") == "ask":
            self._depth = 1
        elif self._depth and tag == "section":
            self._depth += 1
        if self._depth and tag == "a":
            self.links.append([found.get("href") or "", found.get("class") or "", ""])
            self._in_link = True
        self._in_heading = self._in_heading or (self._depth and tag == "h2")

    def handle_endtag(self, tag):
        if self._depth and tag == "section":
            self._depth -= 1
        self._in_link = self._in_link and tag != "a"
        self._in_heading = self._in_heading and tag != "h2"

    def handle_data(self, data):
        if self._in_link:
            self.links[-1][2] += data
        if self._in_heading:
            self.heading += data


def ask_section(html: str) -> AskSection:
    section = AskSection()
    section.feed(html)
    return section


def mailtos(section: AskSection) -> list[tuple[str, str, str, str]]:
    """(address, subject, body, classes) of every mailto link in the section."""
    found = []
    for href, classes, _ in section.links:
        if href.startswith("mailto:"):
            parts = urlsplit(href)
            query = parse_qs(parts.query, strict_parsing=True)
            found.append((unquote(parts.path), query["subject"][0], query["body"][0], classes))
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    profiles = {f"{slug}.yml": _profile(*spec) for slug, spec in MENTORS.items()}
    folder = copy_project(tmp_path_factory.mktemp("contact"), profiles)
    return folder


@pytest.fixture(scope="module")
def outputs(project: Path) -> dict[str, tuple[Path, str]]:
    """Each way the directory is published: (folder, file name of a page in its folder)."""
    generated = project / "generated"
    assert (
        main(["generate", "--out", str(generated), "--config", str(project / "mkdocs.yml"), "--today", "2026-11-22"])
        == 0
    )
    return {
        "hosted": (build_site(project, "site"), "index.html"),
        "offline": (build_site(project, "site-offline", offline=True), "index.html"),
        "generate --out": (generated, "index.md"),
    }


WAYS = ["hosted", "offline", "generate --out"]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("slug", sorted(MENTORS))
def test_only_askable_mentors_have_their_address_in_the_page(outputs, way: str, slug: str) -> None:
    folder, page = outputs[way]
    data = (folder / "mentors" / slug / page).read_bytes()
    name, email, *_ = MENTORS[slug]
    section = ask_section(data.decode("utf-8"))
    to_mentor = [m for m in mailtos(section) if m[0] == email]
    if slug in ASKABLE:
        assert section.heading == "Ask for a conversation"
        assert len(to_mentor) == 1 and "mdir-ask__send" in to_mentor[0][3]
        address, subject, body, _ = to_mentor[0]
        assert subject.startswith(f"{ONE_OFF_NAME}: a conversation about")
        assert body.startswith(f"Dear {name},")
    else:
        assert to_mentor == [] and "Ask for a conversation" not in section.heading
        assert b"Ask for a conversation" not in data and b"data-mx" not in data
        leaked = [form for form in address_forms(email) if form in data]
        assert not leaked, f"{slug}'s page holds their address as {leaked}"


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(
    ("slug", "schemes"),
    [("matched-only", ["matched"]), ("group-only", ["group"]), ("matched-and-group", ["matched", "group"])],
)
def test_a_scheme_only_mentor_shows_how_to_join_through_the_coordinators(outputs, way, slug, schemes) -> None:
    folder, page = outputs[way]
    html = (folder / "mentors" / slug / page).read_text(encoding="utf-8")
    name = MENTORS[slug][0]
    section = ask_section(html)
    assert section.heading == f"How to be mentored by {name}"
    names = {"matched": "Matched mentoring", "group": "Group mentoring"}
    for scheme in schemes:
        # The scheme's section of the schemes page, by a link that leads there from this page.
        links = [href for href, _, text in section.links if text == names[scheme]]
        assert links and all(urlsplit(h).fragment == scheme for h in links), section.links
        if way != "generate --out":  # generate writes the directory's pages only, not the guidance
            here = f"https://example.org/mentors/{slug}/{page}"
            target = urlsplit(urljoin(here, links[0])).path.removeprefix("/")
            target = target + "index.html" if target.endswith("/") else target
            assert f'id="{scheme}"' in (folder / target).read_text(encoding="utf-8")
        # A pre-filled email to the coordinators, whose subject names the scheme.
        emails = [m for m in mailtos(section) if m[1] == f"{names[scheme]}: I would like to join"]
        assert len(emails) == 1, mailtos(section)
        address, _, body, classes = emails[0]
        assert address == COORDINATORS and "mdir-ask__join" in classes
        assert name in body and "[your name]" in body and body.startswith("Dear coordinators,")
    assert {m[0] for m in mailtos(section)} == {COORDINATORS}


@pytest.mark.parametrize("way", WAYS)
def test_a_mentor_in_one_off_and_matched_mentoring_offers_both(outputs, way) -> None:
    folder, page = outputs[way]
    section = ask_section((folder / "mentors" / "both" / page).read_text(encoding="utf-8"))
    assert [urlsplit(h).fragment for h, _, text in section.links if text == "Matched mentoring"] == ["matched"]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(
    ("slug", "until"),
    [("paused", "until 1 February 2027"), ("paused-matched", "at the moment"), ("no-scheme", "at the moment")],
)
def test_a_paused_mentor_says_until_when_with_no_email_at_all(outputs, way, slug, until) -> None:
    folder, page = outputs[way]
    html = (folder / "mentors" / slug / page).read_text(encoding="utf-8")
    section = ask_section(html)
    assert f"{MENTORS[slug][0]} is not taking requests {until}" in " ".join(html.split())
    assert mailtos(section) == []


def test_without_a_coordinators_address_the_scheme_page_is_still_named(tmp_path: Path) -> None:
    folder = copy_project(tmp_path / "p", {"matched-only.yml": _profile(*MENTORS["matched-only"])})
    config = folder / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^ *contact: .*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--out", str(out), "--config", str(config), "--today", "2026-11-22"]) == 0
    data = (out / "mentors" / "matched-only" / "index.md").read_bytes()
    section = ask_section(data.decode("utf-8"))
    assert mailtos(section) == []
    assert [urlsplit(h).fragment for h, _, text in section.links if text == "Matched mentoring"] == ["matched"]
    assert not [form for form in address_forms(MENTORS["matched-only"][1]) if form in data]
