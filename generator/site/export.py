"""The directory as files for other site engines: Markdown pages (`generate`) and a Zensical project (`zensical`).

Zensical cannot run MkDocs plugins, so the export does what the plugin does, once, into files:
the generated pages, the guidance with its placeholders filled, the assets, and a `zensical.toml`
translated from mkdocs.yml.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import yaml

from .. import settings
from ..profiles import SCHEMA_FILE as SCHEMA
from . import build, photos, placeholders
from .render import SETTINGS_SCRIPT

# The project's own styles and scripts, in the order the plugin adds them: the settings first.
EXTRA_CSS = ["assets/mentor-directory/directory.css", "assets/mentor-directory/print.css"]
EXTRA_JS = [SETTINGS_SCRIPT, "assets/mentor-directory/directory.js", "assets/mentor-directory/print.js"]
# mkdocs.yml settings that mean the same in zensical.toml's [project] table.
_SAME = ("site_name", "site_description", "site_url", "repo_url", "repo_name", "copyright", "nav", "extra")


def write_directory(built: build.Built, out: Path, root: Path) -> int:
    """Write every generated page as Markdown (front matter + HTML), with photos and assets; the page count.

    Photos come from the project's photo cache under `root`, as the site build takes them.
    """
    pages, assets = built.everything()
    for page in pages:
        _write(out / page.path / "index.md", page.markdown().encode("utf-8"))
    photos.Publisher(built.photos.values(), out, photos.Cache(root / photos.CACHE_DIR)).wait()
    for path, text in assets.items():
        _write(out / path, text.encode("utf-8"))
    for uri, path in build.static_files():
        _write(out / uri, path.read_bytes())
    return len(pages)


def zensical_project(config_file: Path, out: Path, today: dt.date) -> int:
    """Write a Zensical project into `out` (new or empty); the number of directory pages.

    Raises ValueError for a setting or folder that will not do, build.ProfilesInvalid for profiles
    with errors; in either case nothing is written.
    """
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValueError(f"{out} is not an empty folder: choose a new one, so nothing of yours is overwritten.")
    root = config_file.parent
    text = config_file.read_text(encoding="utf-8")
    config = yaml.load(text, Loader=settings._PlainLoader) or {}
    programme, profiles = settings.from_mkdocs_yml(text, today)
    docs = root / (config.get("docs_dir") or "docs")
    found = placeholders.values(programme, root / profiles, offline_notice="")
    guidance = {}  # every guidance file's bytes, placeholders filled, before anything is written
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".md":
            filled = placeholders.fill(data.decode("utf-8"), found, str(path), may_be_empty=("offline.notice",))
            data = filled.encode("utf-8")
        guidance[path.relative_to(docs)] = data
    built = build.build(root / profiles, programme)
    count = write_directory(built, out / "docs", root)
    for relative, data in guidance.items():
        _write(out / "docs" / relative, data)
    _write(out / "docs" / "schema" / "profile.schema.json", SCHEMA.read_bytes())
    custom = (config.get("theme") or {}).get("custom_dir")
    if custom and (root / custom).is_dir():
        shutil.copytree(root / custom, out / "overrides")
    _write(out / "zensical.toml", (toml(zensical_config(config, bool(custom))) + "\n").encode("utf-8"))
    return count


def zensical_config(config: dict, overrides: bool) -> dict:
    """zensical.toml's contents from mkdocs.yml's: what has a Zensical meaning, and the project's assets."""
    project = {key: config[key] for key in _SAME if config.get(key) not in (None, "", [], {})}
    project |= {"docs_dir": "docs", "site_dir": "site", "extra_css": EXTRA_CSS, "extra_javascript": EXTRA_JS}
    theme = dict(config.get("theme") or {})
    theme.pop("name", None)
    theme["variant"] = "classic"  # Material for MkDocs' look
    theme["font"] = False  # no web fonts: nothing is fetched from another host
    theme.pop("custom_dir", None)
    if overrides:
        theme["custom_dir"] = "overrides"
    # Generated pages have no source file to edit, and the guidance lives elsewhere in the export.
    theme["features"] = [f for f in theme.get("features", []) if f != "content.action.edit"]
    project["theme"] = theme
    extensions: dict = {}
    for entry in config.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions[name] = options or {}
    project["markdown_extensions"] = extensions
    return {"project": project}


def toml(data: dict, prefix: str = "") -> str:
    """A TOML document for plain data: mappings as tables, lists of mappings as arrays of tables."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in data.items() if not _is_table(v) and not _is_table_array(v)]
    for key, value in data.items():
        name = f"{prefix}{_key(key)}"
        if _is_table(value):
            lines += ["", f"[{name}]", toml(value, name + ".")]
        elif _is_table_array(value):
            for item in value:
                lines += ["", f"[[{name}]]", toml(item, name + ".")]
    return "\n".join(lines).strip("\n")


def _is_table(value: object) -> bool:
    return isinstance(value, dict) and bool(value)


def _is_table_array(value: object) -> bool:
    # nav entries ({title: page}) stay inline; palettes (several keys each) are arrays of tables
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and len(v) > 1 for v in value)


def _key(key: str) -> str:
    # Dotted names such as pymdownx.details are nested tables, as Zensical's own template writes them.
    return key if all(part.replace("_", "").replace("-", "").isalnum() for part in key.split(".")) else json.dumps(key)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = [f"{json.dumps(str(k), ensure_ascii=False)} = {_value(v)}" for k, v in value.items()]
        return "{ " + ", ".join(pairs) + " }" if pairs else "{}"
    raise ValueError(f"{value!r} cannot be written to zensical.toml")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
