"""The invariant: whatever `check` accepts, the build builds. Hypothesis writes the profiles and the photos.

Profiles mix what people really write with what a hostile contributor would: any character,
raw or as a YAML escape, wrong types, odd links, photos that are real, truncated, mislabelled
or decompression bombs. `check` runs on each; what it accepts goes through the site's core
(every page rendered, every photo encoded), and batches of accepted profiles through a full
`mkdocs build --strict`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from generator.profiles.loader import load
from generator.profiles.validate import Rules
from generator.settings import from_options
from generator.site import build, photos
from tests.helpers import FIXED_EPOCH, ROOT, copy_project
from tests.photos import jpeg_magic_only, png_declaring

TODAY = dt.date(2026, 11, 18)  # the day conftest's SOURCE_DATE_EPOCH stands for
VOCABULARY = (ROOT / "mentors" / "_vocabulary.yml").read_text(encoding="utf-8")
TOPICS = ["career-change", "first-job", "global-health", "data-and-evidence", "education"]
SECTORS = ["academia", "ngo", "government"]
CHECK = settings(
    max_examples=150,
    deadline=None,
    database=None,
    # In CI the same inputs every run, so a submission is judged on its change; elsewhere new
    # inputs each run, so the search for a profile that check accepts and the build refuses goes on.
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
BUILD = settings(CHECK, max_examples=4)

# -- what people write, and what a hostile contributor writes -----------------------------

HOSTILE_CHARS = (
    "\x00\x1b\x7f\x85\u00ad\u061c\u115f\u200b\u200c\u200d\u200e\u2028\u2029\u202e\u2066\u3164\ufeff\U000e0041"
)
REAL_TEXT = [
    "Ada Okafor",
    "王芳",
    "محمد عبد الله",
    "می‌خواهم کمک کنم",
    "Zoë O'Brien-Ñúñez",
    "Дмитрий Иванов",
    "क्षितिज",
    "👩‍👩‍👧 Family",
    "A",
    "{{ 7*7 }} {% raw %}",
    "<script>alert(1)</script>",
    "::warning::x",
    "*emph* and [a link](https://example.org/x)",
    "100% & more",
    "  Padded  ",
]
text = st.one_of(
    st.sampled_from(REAL_TEXT),
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(HOSTILE_CHARS + "ab c"), max_size=12),
)
urls = st.one_of(
    st.sampled_from(
        [
            "https://example.org/ada",
            "https://www.linkedin.com/in/ada",
            "https://orcid.org/0000-0002-1825-0097",
            "https://mastodon.social/@ada",
            "https://bsky.app/profile/ada.bsky.social",
            "https://github.com/ada",
            "https://bücher.example/",
            "https://www.linkedin.com@evil.example/",
            "http://example.org",
            "javascript:alert(1)",
            "https://www.linkedіn.com/in/x",
            "https://",
            "https://a b.org",
            "https://x.org:99999/",
            "https://[::1]/",
            'https://example.org/"><script>',
            "https://exa\u202emple.org",
        ]
    ),
    st.text(max_size=30).map(lambda s: "https://" + s),
)


@st.composite
def real_image(draw, cut: bool = True) -> bytes:
    """An image in any mode Pillow saves, in a format the site takes; with `cut`, sometimes truncated."""
    size = (draw(st.integers(1, 700)), draw(st.integers(1, 700)))
    mode = draw(st.sampled_from(["RGB", "RGBA", "L", "P", "CMYK", "1", "LA", "I;16"]))
    fmt = draw(st.sampled_from(["JPEG", "PNG", "WEBP"]))
    image = Image.new(mode, size, draw(st.integers(0, 255)))
    out = io.BytesIO()
    try:
        image.save(out, fmt)
    except (OSError, ValueError, KeyError):  # a mode the format cannot hold
        out = io.BytesIO()
        image.convert("RGB").save(out, fmt)
    data = out.getvalue()
    at = draw(st.sampled_from([None, len(data) // 2, 40])) if cut else None
    return data if at is None else data[:at]


def photo_bytes() -> st.SearchStrategy:
    """Photo files as a hostile contributor makes them."""
    return st.one_of(
        real_image(),
        st.binary(max_size=200),
        st.just(jpeg_magic_only()),
        st.sampled_from([png_declaring(20000, 20000), png_declaring(9400, 9400), png_declaring(0, 5)]),
    )


def quoted(value: str, escape_all: bool) -> str:
    """A YAML double-quoted scalar: controls always escaped (or the raw text check refuses them)."""
    out = []
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif escape_all or code < 0x20 or 0x7F <= code <= 0x9F or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def scalar(value: object, escape_all: bool) -> str:
    return quoted(value, escape_all) if isinstance(value, str) else str(value)


def fields() -> dict[str, tuple[st.SearchStrategy, st.SearchStrategy]]:
    """Each field: (what people write, what a hostile or careless contributor writes)."""
    year = st.integers(1940, 2030)
    prose = [t for t in REAL_TEXT if "<" not in t]
    return {
        "name": (st.sampled_from(REAL_TEXT[:9]), text),
        "email": (st.sampled_from(["ada@example.org", "z.o@example.co.uk"]), text),
        "headline": (st.sampled_from(REAL_TEXT), text),
        "bio": (st.sampled_from(prose).map(lambda s: (s + " ") * 12), st.text(max_size=300)),
        "topics": (st.lists(st.sampled_from(TOPICS), min_size=1, max_size=4, unique=True), st.lists(text, max_size=3)),
        "country": (st.sampled_from(["KE", "GB", "NO", "IR", "CN"]), text),
        "languages": (st.lists(st.sampled_from(["en", "fa", "zh"]), min_size=1, unique=True), st.lists(text)),
        "last_confirmed": (st.dates(dt.date(2025, 6, 1), TODAY).map(str), text),
        "pronouns": (st.sampled_from(["she/her", "they/them"]), text),
        "sectors": (st.lists(st.sampled_from(SECTORS), max_size=3, unique=True), st.lists(text, max_size=2)),
        "city": (st.sampled_from(REAL_TEXT), text),
        "course": (st.sampled_from(REAL_TEXT), text),
        "time_zone": (st.sampled_from(["Africa/Nairobi", "Asia/Tehran"]), text),
        "graduation_year": (st.integers(1950, 2026), st.one_of(year, year.map(str), text)),
        "schemes": (st.lists(st.sampled_from(["ask-an-alum", "matched", "group"]), unique=True), st.lists(text)),
        "formats": (st.lists(st.sampled_from(["video", "phone", "email", "in-person"]), unique=True), st.lists(text)),
        "availability": (st.sampled_from(["open", "limited", "paused"]), text),
        "paused_until": (st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)).map(str), text),
        "capacity": (st.integers(1, 20), st.integers(-1, 25)),
        "github": (st.sampled_from(["ada-okafor", "A1"]), text),
        "links": (
            st.dictionaries(st.just("website"), urls.filter(lambda u: u.startswith("https://e"))),
            urls.flatmap(
                lambda u: st.dictionaries(
                    st.sampled_from(["website", "linkedin", "orcid", "mastodon", "bluesky", "github"]),
                    st.just(u),
                    min_size=1,
                    max_size=2,
                )
            ),
        ),
    }


REQUIRED = ["name", "email", "headline", "bio", "topics", "country", "languages", "last_confirmed"]


@st.composite
def profiles(draw) -> tuple[str, bytes | None]:
    """(the YAML text of one profile, its photo's bytes or None): mostly sound, with a few hostile fields."""
    choices = fields()
    keys = REQUIRED + draw(st.lists(st.sampled_from(sorted(set(choices) - set(REQUIRED))), unique=True))
    hostile = set(draw(st.lists(st.sampled_from(keys), max_size=2, unique=True)))
    values = {key: draw(choices[key][key in hostile]) for key in keys}
    data = draw(st.one_of(st.none(), real_image(cut=False), photo_bytes()))
    if data is not None:
        values["photo"] = draw(st.sampled_from(["p.jpg", "p.png", "p.webp"]))
    escape_all = draw(st.booleans())
    lines = []
    for key, value in values.items():
        if isinstance(value, list):
            lines += [f"{key}:"] + [f"  - {scalar(v, escape_all)}" for v in value] if value else [f"{key}: []"]
        elif isinstance(value, dict):
            lines += [f"{key}:"] + [f"  {k}: {scalar(v, escape_all)}" for k, v in value.items()] if value else []
        else:
            lines.append(f"{key}: {scalar(value, escape_all)}")
    return "\n".join(lines) + "\n", data


# -- the invariant ---------------------------------------------------------------------------


def write(folder: Path, batch: list[tuple[str, bytes | None]]) -> None:
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    (folder / "_vocabulary.yml").write_text(VOCABULARY, encoding="utf-8")
    for i, (text, data) in enumerate(batch):
        photo_line = next((line for line in text.splitlines() if line.startswith("photo: ")), None)
        if photo_line and data is not None:
            name = f"m{i}-" + photo_line.split('"')[1].encode().decode("unicode_escape")
            text = text.replace(photo_line, f'photo: "{name}"')
            (folder / "photos" / name).write_bytes(data)
        (folder / f"mentor-{i}.yml").write_text(text, encoding="utf-8")


def accepted(folder: Path) -> list[str]:
    """Check the folder; keep the accepted profiles, remove the rest; return the slugs the site will show."""
    result = load([folder], Rules(today=TODAY))
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.message, problem
    bad = {Path(p.path).name for p in result.problems if p.severity == "error"}
    for path in folder.glob("mentor-*.yml"):
        if path.name in bad:
            path.unlink()
    return sorted(m.slug for m in result.mentors if m.source.name not in bad and m.months_since_confirmed(TODAY) < 12)


@CHECK
@given(profiles())
def test_what_check_accepts_the_core_builds(example) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "mentors"
        write(folder, [example])
        accepted(folder)
        if not list(folder.glob("mentor-*.yml")):
            return  # check refused it: nothing to build
        config = from_options({"programme": "Test", "contact": "team@example.org"}, TODAY)
        built = build.build(folder, config)
        pages, assets = built.everything()
        assert pages and all(page.markdown() for page in pages)
        for photo in built.photos.values():
            assert all(photos.encode(photo).values())


@BUILD
@given(st.lists(profiles(), min_size=3, max_size=8))
def test_what_check_accepts_mkdocs_builds_strictly(tmp_path_factory, batch) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("property")
    write(root / "stage", batch)
    names = accepted(root / "stage")
    kept = {p.name: p.read_text(encoding="utf-8") for p in (root / "stage").glob("mentor-*.yml")}
    project = copy_project(root / "project", kept)
    shutil.copytree(root / "stage" / "photos", project / "mentors" / "photos")
    with env(SOURCE_DATE_EPOCH=FIXED_EPOCH, NO_MKDOCS_2_WARNING="1"):
        mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True))
    for slug in names:
        assert (project / "site" / "mentors" / slug / "index.html").is_file(), slug
    if not names:
        assert "There are no mentors in the directory yet." in (project / "site/mentors/index.html").read_text()
    shutil.rmtree(root)


@contextlib.contextmanager
def env(**values: str):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
