"""Reading offline without a browser: the offline build, the zip, the service worker and the deploy step."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator import cli
from generator.offline import archive as offline
from tests.helpers import FIXED_EPOCH, ROOT, build_site, copy_project, parse, run_cli, sw_constants

DAY = dt.date(2026, 11, 18)  # the day of FIXED_EPOCH
SHIM = ROOT / "generator" / "site" / "assets" / "vendor" / "iframe-worker-1.0.4.shim.js"
SHIM_SHA256 = (
    "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"  # npm iframe-worker@1.0.4 shim/index.js
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """(hosted, offline): the sample site built both ways, once for this module."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    try:
        project = copy_project(tmp_path_factory.mktemp("offline"))
        yield build_site(project, "site"), build_site(project, "site-offline", offline=True)
    finally:
        monkeypatch.undo()


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


# -- the offline build ----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "enabled"), [(None, False), ("false", False), ("true", True)])
def test_one_config_file_turns_material_offline_on_with_offline_true(monkeypatch, value, enabled) -> None:
    from mkdocs.config import load_config

    assert sorted(p.name for p in ROOT.glob("mkdocs*.yml")) == ["mkdocs.yml"]  # no second file to drift
    if value is None:
        monkeypatch.delenv("OFFLINE", raising=False)
    else:
        monkeypatch.setenv("OFFLINE", value)
    plugins = load_config(str(ROOT / "mkdocs.yml")).plugins
    assert plugins["material/offline"].config.enabled is enabled
    # Material's offline plugin chooses the page addresses (index.html) that mentor-directory then reads.
    names = list(plugins)
    assert names.index("material/offline") < names.index("mentor-directory")


def test_vendored_iframe_worker_is_the_npm_file_with_its_licence() -> None:
    assert hashlib.sha256(SHIM.read_bytes()).hexdigest() == SHIM_SHA256
    assert "Martin Donath" in SHIM.with_name("iframe-worker-1.0.4.LICENSE").read_text(encoding="utf-8")
    assert SHIM.name in (SHIM.parent / "README.md").read_text(encoding="utf-8")


def test_every_link_of_the_offline_copy_opens_a_file(sites) -> None:
    _, site = sites
    assert len(pages(site)) > 100
    for page in pages(site):
        for url in parse(page).urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            target = (page.parent / parts.path).resolve()
            # From file:// a folder is a file listing, not its index.html: every link must name a file.
            assert target.is_file(), f"{page.relative_to(site)} links to {url}, which is not a file"


def test_offline_copy_loads_nothing_from_another_host(sites) -> None:
    _, site = sites
    loads = re.compile(
        r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"(?:https?:)?//|<link\b[^>]*\bhref=\"(?:https?:)?//"
    )
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        tags = [m.group(0) for m in loads.finditer(html) if 'rel="canonical"' not in html[m.start() : m.end() + 200]]
        assert not tags, f"{page.relative_to(site)} loads from another host: {tags}"
        assert "unpkg.com" not in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<script src="assets/mentor-directory/vendor/{SHIM.name}"></script>' in home
    assert (site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = {")


def test_the_hosted_site_loads_no_offline_shim(sites) -> None:
    hosted, _ = sites
    home = (hosted / "index.html").read_text(encoding="utf-8")
    assert "iframe-worker" not in home and not (hosted / "search" / "search_index.js").exists()


def test_offline_search_links_the_directory_to_its_file(sites) -> None:
    _, site = sites
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    mentors = [d["location"] for d in index["docs"] if d["location"].startswith("mentors/")]
    assert mentors == ["mentors/index.html"] and (site / "mentors" / "index.html").is_file()


def with_scripts(site: Path, page: Path) -> str:
    """A page's HTML followed by the text of the site's own scripts it loads: what runs there."""
    html = page.read_text(encoding="utf-8")
    loaded = re.findall(r'<script src="([^":]+)"', html)
    return html + "".join((page.parent / src).read_text(encoding="utf-8") for src in loaded)


def test_offline_copy_shows_its_date_and_no_download_link_or_service_worker(sites) -> None:
    _, site = sites
    assert not (site / offline.SERVICE_WORKER).exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "This is an offline copy, built 18 November 2026." in home
    assert "Offline copy, built 18 November 2026" in (site / "mentors" / "wanjiru-kamau" / "index.html").read_text(
        "utf-8"
    )
    for page in pages(site):
        html = with_scripts(site, page)
        assert offline.ZIP_URL not in html and "serviceWorker" not in html, page.relative_to(site)


def test_mentor_pages_share_one_icon_file_online_and_inline_their_icons_offline(sites) -> None:
    """An SVG <use> of another file is blocked on file://, so only the hosted site shares the icons."""
    hosted, copy = sites
    page = "mentors/wanjiru-kamau/index.html"
    online, offline_html = ((site / page).read_text(encoding="utf-8") for site in (hosted, copy))
    used = set(re.findall(r'<use href="\.\./\.\./(assets/mentor-directory/layout-\w+\.svg)#(i\d+)"/>', online))
    assert len({path for path, _ in used}) == 1 and "<path" not in online
    sprite = (hosted / next(iter(used))[0]).read_text(encoding="utf-8")
    assert all(f'<symbol id="{name}" viewBox=' in sprite for _, name in used)
    assert "<use" not in offline_html and offline_html.count("<svg") == online.count("<svg")
    assert not list((copy / "assets" / "mentor-directory").glob("layout-*.svg"))


def test_mentor_pages_load_the_layout_scripts_in_place_of_inlining_them(sites) -> None:
    hosted, _ = sites
    home = (hosted / "index.html").read_text(encoding="utf-8")
    mentor = (hosted / "mentors" / "wanjiru-kamau" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in mentor
    inline = [text.strip() for text in re.findall(r"<script>(.*?)</script>", home, re.S)]
    shared = re.findall(r'<script src="\.\./\.\./(assets/mentor-directory/layout-\w+\.js)"></script>', mentor)
    assert len(shared) == len(inline) >= 3  # the theme's storage helpers, colour scheme, tabs; the service worker
    # The same code in the same order: the home page is one level higher, so its relative URLs differ by "../".
    assert [(hosted / path).read_text(encoding="utf-8").strip() for path in shared] == [
        text.replace('URL(".",', 'URL("../..",').replace('"sw.js"', '"../../sw.js"') for text in inline
    ]


def test_hosted_site_links_the_zip_with_the_build_date(sites) -> None:
    hosted, _ = sites
    home = (hosted / "index.html").read_text(encoding="utf-8")
    assert f'Read offline: <a href="{offline.ZIP_URL}" download>download the guidance and directory</a>' in home
    assert "(zip, built 18 November 2026)" in home
    for page in ("guide/before-you-ask/index.html", "mentors/wanjiru-kamau/index.html"):
        html = with_scripts(hosted, hosted / page)
        assert f'href="../../{offline.ZIP_URL}" download' in html and "(zip, built 18 November 2026)" in html
        assert 'serviceWorker.register("../../sw.js")' in html


# -- the zip ---------------------------------------------------------------------------------


def test_zip_is_the_same_bytes_for_the_same_build(sites, tmp_path: Path) -> None:
    _, site = sites
    offline.write_zip(site, tmp_path / "a.zip", "Alumni Mentor Directory", DAY)
    for path in site.rglob("*.html"):
        path.touch()  # new modification times must not matter
    offline.write_zip(site, tmp_path / "b.zip", "Alumni Mentor Directory", DAY)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_zip_holds_a_readme_and_every_file_in_a_dated_folder(sites, tmp_path: Path) -> None:
    _, site = sites
    count = offline.write_zip(site, tmp_path / "copy.zip", "Alumni Mentor Directory", DAY, "https://example.org/m/")
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(tmp_path / "copy.zip") as archive:
        names = archive.namelist()
        readme = archive.read("README.txt").decode("utf-8")
        infos = archive.infolist()
        assert archive.read("mentor-directory-offline-2026-11-18/index.html") == (site / "index.html").read_bytes()
    assert count == len(files)
    assert names == ["README.txt", *(f"mentor-directory-offline-2026-11-18/{name}" for name in files)]
    assert readme.startswith("Offline copy of Alumni Mentor Directory, built 18 November 2026. Open index.html.")
    assert "https://example.org/m/" in readme
    assert {i.date_time for i in infos} == {(2026, 11, 18, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_zip_refuses_the_hosted_build_and_a_missing_one(sites, tmp_path: Path) -> None:
    hosted, _ = sites
    with pytest.raises(ValueError, match="hosted site .* use 'mentor-directory offline-zip OUT.zip'"):
        offline.write_zip(hosted, tmp_path / "x.zip", "Site", DAY)
    with pytest.raises(ValueError, match="no index.html: build the offline copy first"):
        offline.write_zip(tmp_path, tmp_path / "x.zip", "Site", DAY)
    assert not (tmp_path / "x.zip").exists()


def test_offline_zip_command_dates_the_copy_from_source_date_epoch(sites, tmp_path, monkeypatch, capsys) -> None:
    _, site = sites
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    out = tmp_path / "site" / "offline" / "mentor-directory-offline.zip"
    assert cli.main(["offline-zip", str(site), str(out), "--config", str(ROOT / "mkdocs.yml")]) == 0
    assert "built 18 November 2026" in capsys.readouterr().out
    with zipfile.ZipFile(out) as archive:
        assert "Offline copy of Alumni Mentor Directory, built 18 November 2026" in archive.read("README.txt").decode()
        assert "mentor-directory-offline-2026-11-18/mentors/index.html" in archive.namelist()
    assert cli.main(["offline-zip", str(tmp_path / "nowhere"), str(tmp_path / "x.zip")]) == 2
    assert "build the offline copy first" in capsys.readouterr().err


def test_offline_zip_builds_the_copy_from_mkdocs_yml_without_touching_site(tmp_path, monkeypatch) -> None:
    """Run where mkdocs.yml is, with only OUT.zip: the offline copy is built apart and packed."""
    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "kept.txt").write_text("the hosted build", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    done = run_cli("offline-zip", "copy.zip", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "Wrote copy.zip" in done.stdout and "built 18 November 2026" in done.stdout
    assert sorted(p.name for p in (project / "site").iterdir()) == ["kept.txt"]
    folder = "mentor-directory-offline-2026-11-18/"
    with zipfile.ZipFile(project / "copy.zip") as archive:
        names = set(archive.namelist())
        home = archive.read(folder + "index.html").decode("utf-8")
        assert archive.read("README.txt").decode("utf-8").startswith("Offline copy of Alumni Mentor Directory,")
    assert {folder + "search/search_index.js", folder + "mentors/wanjiru-kamau/index.html"} <= names
    assert folder + offline.SERVICE_WORKER not in names
    assert "This is an offline copy, built 18 November 2026." in home and SHIM.name in home


def test_offline_zip_says_what_went_wrong_without_a_traceback(tmp_path) -> None:
    done = run_cli("offline-zip", "copy.zip", cwd=tmp_path)  # no mkdocs.yml here
    assert done.returncode == 2 and "run this where mkdocs.yml is" in done.stderr, done.stderr
    project = copy_project(tmp_path / "broken")
    (project / "mentors" / "wanjiru-kamau.yml").write_text("name: [\n", encoding="utf-8")
    done = run_cli("offline-zip", "copy.zip", cwd=project)
    assert done.returncode == 2 and "the offline copy did not build" in done.stderr
    assert "Traceback" not in done.stderr and not (project / "copy.zip").exists()
    assert run_cli("offline-zip", "a", "b.zip", "c.zip", cwd=project).returncode == 2


def test_deploy_zips_the_offline_build_where_the_site_links_it() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    script = "\n".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    lines = [line.strip() for line in script.splitlines()]
    hosted = lines.index("mkdocs build --strict")
    zipped = lines.index(f"mentor-directory offline-zip site/{offline.ZIP_URL}")
    assert hosted < zipped  # the hosted build empties site/ first


# -- the service worker ----------------------------------------------------------------------


def test_service_worker_precaches_the_guidance_and_what_it_loads(sites) -> None:
    hosted, _ = sites
    sw = sw_constants((hosted / "sw.js").read_text(encoding="utf-8"))
    assert {"./", "guide/before-you-ask/", "guide/schemes/", "privacy/", "search/search_index.json"} <= set(sw["PAGES"])
    assert not [url for url in sw["PAGES"] + sw["ASSETS"] if url.startswith(("mentors/", "http", "/"))]
    assets = set(sw["ASSETS"])
    assert {"assets/mentor-directory/directory.css", "assets/mentor-directory/print.css"} <= assets
    assert any(re.fullmatch(r"assets/stylesheets/main\.\w+\.min\.css", a) for a in assets)
    assert any(re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", a) for a in assets)
    assert any(a.startswith("assets/javascripts/workers/search.") for a in assets)
    assert any(re.fullmatch(r"assets/mentor-directory/layout-\w+\.svg", a) for a in assets)  # mentor pages' icons
    assert all((hosted / offline.page_file(url)).is_file() for url in sw["PAGES"] + sw["ASSETS"])
    assert sw["MAX_AGE"] == 24 * 60 * 60  # a mentor page is never shown offline when more than a day old


def test_service_worker_version_follows_the_files(sites, tmp_path: Path) -> None:
    hosted, _ = sites
    site = shutil.copytree(hosted, tmp_path / "site")
    guidance = sw_constants((hosted / "sw.js").read_text(encoding="utf-8"))["PAGES"][:-1]
    before = offline.service_worker(site, guidance)
    assert before == (hosted / "sw.js").read_text(encoding="utf-8")  # the same build, the same script
    css = site / "assets" / "mentor-directory" / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert sw_constants(offline.service_worker(site, guidance))["VERSION"] != sw_constants(before)["VERSION"]


@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed: the script's syntax is not checked")
def test_service_worker_is_valid_javascript(sites) -> None:
    hosted, _ = sites
    done = subprocess.run(["node", "--check", str(hosted / "sw.js")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
