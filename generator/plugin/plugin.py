"""The MkDocs plugin `mentor-directory`: the only module that knows MkDocs.

Each hook hands the work to the core: load and validate the profiles, render the pages,
and let MkDocs and Material lay out the few pages that belong in the navigation.
"""

from __future__ import annotations

import json
import logging
import os
from html import escape
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import clock
from ..offline import archive as offline
from ..profiles import SCHEMA_FILE as SCHEMA
from ..settings import DEFAULT_BODY, DEFAULT_SUBJECT, OPTIONS, Settings, from_options
from ..site import photos, placeholders, search_index, shell
from ..site.build import Built, ProfilesInvalid, start, static_files
from ..site.render import SETTINGS_SCRIPT, Page
from . import sitemap

log = logging.getLogger("mkdocs.plugins.mentor_directory")


class MentorDirectoryConfig(base.Config):
    profiles = c.Type(str, default="mentors")
    """The folder of profile files, relative to mkdocs.yml."""
    programme = c.Type(str, default="Alumni Mentoring Programme")
    """The programme's name, as students see it."""
    scheme = c.Type(str, default="Ask An Alum")
    """The name of the one-off conversation scheme, used in the email subject."""
    contact = c.Type(str, default="")
    """The coordinators' email address."""
    edit_branch = c.Type(str, default="main")
    """The branch that 'Edit this profile' and 'Become a mentor' links open."""
    email_subject = c.Type(str, default=DEFAULT_SUBJECT)
    """Subject of the pre-filled email; placeholders in braces."""
    email_body = c.Type(str, default=DEFAULT_BODY)
    """Body of the pre-filled email; placeholders in braces."""
    warn_after_months = c.Type(int, default=11)
    """Warn about profiles not confirmed for this many months."""
    hide_after_months = c.Type(int, default=12)
    """Leave profiles not confirmed for this many months off the site."""
    cards_per_page = c.Type(int, default=30)
    """Mentor cards on each page of the directory without JavaScript."""
    min_bio_length = c.Type(int, default=Settings.min_bio_length)
    """The fewest characters a bio may have."""
    imported_profiles = c.Type(str, default=Settings.imported_profiles)
    """'show' imported profiles not yet confirmed, marked as such, or 'hide' them until confirmed."""


class MentorDirectoryPlugin(BasePlugin[MentorDirectoryConfig]):
    command = "build"  # `mkdocs serve` gets no service worker: it would cache the live-reload requests
    built: Built | None = None  # from on_files on

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        # Reproducible builds: MkDocs' own dates (sitemap, footer) follow the same day as ours.
        if not os.environ.get("SOURCE_DATE_EPOCH") and (epoch := clock.commit_epoch(root)):
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        self.settings = self._settings(config, clock.build_date(root))
        self.profiles_dir = root / self.config.profiles
        # The profiles load (for a large directory, in a forked process) while MkDocs reads the
        # theme; on_files collects them.
        self.finish_build = start(self.profiles_dir, self.settings)
        self.built = None
        self.shell_html = None
        # Lowest priority: a project's own overrides/ can still replace the page layout.
        config.theme.dirs.append(str(Path(__file__).parent / "theme"))
        config.extra_css.append("assets/mentor-directory/directory.css")
        config.extra_javascript.append(SETTINGS_SCRIPT)
        config.extra_javascript.append("assets/mentor-directory/directory.js")
        # Reading offline and on paper (generator/offline/, print.css, print.js).
        self.offline_build, self.site_url = _offline_build(config), config.site_url or ""
        config.extra["mentor_directory"] = offline.template_values(
            self.offline_build, self.settings.today, service_worker=self.command != "serve"
        )
        config.extra_css.append("assets/mentor-directory/print.css")
        config.extra_javascript.append("assets/mentor-directory/print.js")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        self.built = self._load()
        self.guidance = [f.url for f in files.documentation_pages() if not f.generated_by]
        for page in self.built.pages:
            # Only the directory is in mkdocs.yml's nav; the browse indexes are linked from it.
            inclusion = InclusionLevel.UNDEFINED if page.path == "mentors/" else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path + "index.md", content=page.markdown(), inclusion=inclusion))
        files.append(
            File.generated(config, shell.PATH + "index.md", content=shell.SOURCE, inclusion=InclusionLevel.NOT_IN_NAV)
        )
        for uri, path in static_files():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        files.append(File.generated(config, "schema/profile.schema.json", abs_src_path=str(SCHEMA)))
        for uri, text in self.built.assets.items():
            files.append(File.generated(config, uri, content=text))
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if "{{" not in markdown:
            return markdown
        prefix = "../" * page.url.count("/")
        notice = offline.notice(self.offline_build, self.settings.today, prefix, self.site_url)
        try:
            return placeholders.fill(
                markdown, placeholders.values(self.settings, self.profiles_dir, notice), page.file.src_uri
            )
        except ValueError as exc:
            raise PluginError(str(exc)) from None

    def on_page_context(self, context, *, page, config, nav):
        if page.file.src_uri == shell.PATH + "index.md":
            page.edit_url = None
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        if page.file.src_uri == shell.PATH + "index.md":
            self.shell_html = output
        return output

    @event_priority(-50)  # after the search plugin writes its index, before offline inlines it
    def on_post_build(self, *, config) -> None:
        site = Path(config.site_dir)
        layout = shell.Shell(self.shell_html, icons=not self.offline_build)
        for path, text in layout.files.items():
            _write(site / path, text.encode("utf-8"))
        # Made in worker processes while MkDocs built the rest of the site, for a large directory.
        generated, search_script = self.built.rest.result()
        for page in generated:
            _write(site / page.path / "index.html", layout.wrap(page).encode("utf-8"))
        _write(site / search_index.DATA_SCRIPT, search_script.encode("utf-8"))
        for mentor_photo in self.built.photos.values():
            for path, data in photos.encode(mentor_photo).items():
                _write(site / path, data)
        _remove_tree(site / shell.PATH)
        _update_search_index(site, generated, self.settings.directory_urls)
        suffix = "" if self.settings.directory_urls else "index.html"
        sitemap.update(site, config.site_url or "", shell.PATH, [page.path + suffix for page in generated])
        if config.extra["mentor_directory"].get("service_worker"):
            _write(site / offline.SERVICE_WORKER, offline.service_worker(site, self.guidance).encode("utf-8"))

    def on_build_error(self, *, error) -> None:
        if self.built is not None:
            self.built.rest.close()

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.profiles_dir))
        return server

    # -- helpers -----------------------------------------------------------------------

    def _settings(self, config, today) -> Settings:
        options = {name: self.config[name] for name in OPTIONS}
        try:
            return from_options(options, today, config.repo_url or "", config.use_directory_urls)
        except ValueError as exc:
            raise PluginError(f"mentor-directory: {exc}") from None

    def _load(self) -> Built:
        try:
            built = self.finish_build()
        except ProfilesInvalid as exc:
            listed = "\n".join(p.text() for p in exc.problems[:20])
            more = f"\n... and {len(exc.problems) - 20} more" if len(exc.problems) > 20 else ""
            raise PluginError(
                f"{len(exc.problems)} problem(s) in the mentor profiles:\n{listed}{more}\n"
                "Run 'mentor-directory check' to see every problem with its fix."
            ) from None
        for notice in built.notices:
            # Someone else's stale profile must not fail a --strict build: say it, at info level.
            log.info(notice.text())
        return built


def _offline_build(config) -> bool:
    """Whether Material's offline plugin is on: a copy for file://, with no service worker or zip link."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.get("enabled", True))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _remove_tree(path: Path) -> None:
    if path.is_dir():
        for child in sorted(path.rglob("*"), reverse=True):
            child.rmdir() if child.is_dir() else child.unlink()
        path.rmdir()


def _update_search_index(site: Path, pages: list[Page], directory_urls: bool = True) -> None:
    """Add each mentor to the site search by name and headline; drop the layout page."""
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index["docs"] = [d for d in index["docs"] if not d["location"].startswith(shell.PATH)]
    for page in pages:
        if page.path.startswith("mentors/"):
            location = page.path if directory_urls else page.path + "index.html"
            # Material shows titles and text as HTML: a mentor's words must arrive as text.
            index["docs"].append(
                {
                    "location": location,
                    "title": escape(page.title, quote=False),
                    "text": escape(page.description, quote=False),
                }
            )
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
