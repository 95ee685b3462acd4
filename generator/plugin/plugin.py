"""The MkDocs plugin `mentor-directory`: its hooks, in the one package that imports MkDocs.

Each hook hands the work to the engine-free core: load and validate the profiles, render the
pages, and let MkDocs and Material lay out the few pages that belong in the navigation.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import clean_directory

from .. import clock, store
from ..offline import archive as offline
from ..profiles import SCHEMA_FILE as SCHEMA
from ..settings import OPTIONS, SITE_KEYS, Settings, from_options
from ..site import environment, photos, placeholders, publish, search_index, shell
from ..site.build import Built, ProfilesInvalid, start, static_files
from ..site.render import SETTINGS_SCRIPT, Renderer
from . import sitemap
from .config import MentorDirectoryConfig

log = logging.getLogger("mkdocs.plugins.mentor_directory")


class MentorDirectoryPlugin(BasePlugin[MentorDirectoryConfig]):
    """Builds the mentor directory into the site; each hook hands the work to the engine-free core."""

    command = "build"  # `mkdocs serve` gets no service worker: it would cache the live-reload requests
    dirty = False  # a build that keeps the site's earlier files (--dirty): see on_post_build
    built: Built | None = None  # from on_files on
    photo_cache: photos.Cache | None = None  # kept across the rebuilds of `mkdocs serve`
    compiled: environment.Kept | None = None  # the theme's compiled templates; kept across rebuilds too
    publisher: photos.Publisher | None = None  # from on_files to on_post_build

    def on_startup(self, *, command, dirty) -> None:
        """Remember the command (`serve` gets no service worker) and --dirty. Default priority: it only records."""
        self.command, self.dirty = command, dirty

    def on_config(self, config):
        """Read the options into Settings, start loading the profiles, and add the theme folder and assets.

        Default priority: it only appends to lists (theme folders, CSS, scripts) that MkDocs reads
        after every plugin's on_config, so its order among plugins does not matter.
        """
        root = Path(config.config_file_path).parent
        # Reproducible builds: MkDocs' own dates (sitemap, footer) follow the same day as ours.
        if not os.environ.get("SOURCE_DATE_EPOCH") and (epoch := clock.commit_epoch(root)):
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        self.settings = self._settings(config, clock.build_date(root))
        self.profiles_dir = root / self.config.profiles
        if self.photo_cache is None or self.photo_cache.folder != root / photos.CACHE_DIR:
            self.photo_cache = photos.Cache(root / photos.CACHE_DIR)
        if self.compiled is None or self.compiled.folder != root / environment.CACHE_DIR:
            self.compiled = environment.Kept(root / environment.CACHE_DIR)
        # The profiles load (for a large directory, in a forked process) while MkDocs reads the
        # theme; on_files collects them.
        # A new photo's decoding is confirmed once the site is written (on_post_build): only a
        # site emptied at the build's start can be emptied again if one fails.
        early = None if self.dirty else self.photo_cache
        self.finish_build = start(self.profiles_dir, self.settings, root / store.FOLDER, early)
        self.built = None
        self.shell_html = None
        # Lowest priority: a project's own overrides/ can still replace the page layout.
        config.theme.dirs.append(str(Path(__file__).parent / "theme"))
        config.extra_css.append("assets/mentor-directory/directory.css")
        config.extra_javascript.append(SETTINGS_SCRIPT)
        config.extra_javascript.append("assets/mentor-directory/directory.js")
        config.extra_javascript.append("assets/mentor-directory/header-search.js")  # mentors in the header search
        # Reading offline and on paper (generator/offline/, print.css, print.js).
        self.offline_build, self.site_url = _offline_build(config), config.site_url or ""
        if self.offline_build:  # Material's offline plugin would fetch its search shim from unpkg.com
            config.extra["polyfills"] = offline.polyfills(config.extra.get("polyfills", []))
        config.extra["mentor_directory"] = offline.template_values(
            self.offline_build, self.settings.today, service_worker=self.command != "serve"
        )
        config.extra_css.append("assets/mentor-directory/print.css")
        config.extra_javascript.append("assets/mentor-directory/print.js")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        """Add the directory's navigation pages, the layout page, assets and schema as generated files.

        Default priority: it only appends files; the search and offline plugins read them later.
        Stops the build with every problem listed when a profile has an error.
        """
        self.built = self._load()
        # Photos are written (from the cache, or encoded) while MkDocs builds the pages.
        self.publisher = photos.Publisher(
            self.built.photos.values(), Path(config.site_dir), self.photo_cache, self.built.early
        )
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

    @event_priority(-100)
    def on_env(self, env, *, config, files):
        """Keep the theme's templates compiled between builds (environment.Kept).

        Lowest priority: any plugin that adds an extension to the environment has done so by
        now (an entry is named by the environment's extensions among other things).
        """
        env.bytecode_cache = self.compiled
        return env

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """Fill the guidance's {{ placeholders }} (programme, scheme, contact, counts, offline notice).

        Default priority: the placeholders are plain text that no other plugin reads or writes.
        """
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
        """Drop "Edit this page" from the layout page; give Find a mentor the table of contents' column.

        Default priority. Find a mentor has no headings of its own, so the theme's contents column
        would stand empty beside it: the filters take that room instead (directory.css).
        """
        if page.file.src_uri == shell.PATH + "index.md":
            page.edit_url = None
        if page.file.src_uri == Renderer.directory_path(1) + "index.md":
            page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        """Keep the layout page's HTML, as the engine rendered it, for the generated pages.

        Default priority: it reads the page after the theme, and changes nothing.
        """
        if page.file.src_uri == shell.PATH + "index.md":
            self.shell_html = output
        return output

    @event_priority(-50)
    def on_post_build(self, *, config) -> None:
        """Write what the engine did not render: the generated pages, photos, sitemap and search entries.

        Priority -50: after the search plugin writes its index (priority 0), which this extends
        with every mentor, and before Material's offline plugin (-100) inlines that index.
        """
        site = Path(config.site_dir)
        generated = self._write_generated_pages(site)
        self._wait_for_photos(site)
        _remove_layout_page(site)
        _update_search_index(site, self.settings.directory_urls)
        self._update_sitemap(site, config, generated)
        self._write_service_worker(site, config)

    def on_build_error(self, *, error) -> None:
        """Stop the worker processes of a build that failed. Default priority."""
        if self.built is not None:
            self.built.close()
        elif (started := getattr(self, "finish_build", None)) is not None:
            started.close()  # the build stopped before the profiles were collected
        if self.publisher is not None:
            self.publisher.close()

    def on_serve(self, server, *, config, builder):
        """Rebuild on `mkdocs serve` when a profile, photo or the vocabulary changes. Default priority."""
        server.watch(str(self.profiles_dir))
        return server

    # -- the steps of on_post_build -----------------------------------------------------

    def _write_generated_pages(self, site: Path) -> list[str]:
        """Every generated page in the engine's layout, and the layout's shared icons and scripts: the pages' paths."""
        layout = shell.Shell(self.shell_html, icons=not self.offline_build)
        for name in layout.unmatched:
            # Loud, so that `--strict` fails: the theme's HTML changed under the layout code.
            log.warning(
                "mentor-directory: the theme's page no longer has %s where the layout code looks for it; "
                "generated pages still build, without that part. This is likely a bug: please report it "
                "with your mkdocs-material version.",
                name,
            )
        for path, text in layout.files.items():
            _write(site / path, text.encode("utf-8"))
        # For a large directory, worker processes made the pages while MkDocs built the rest of
        # the site, and now lay out and write them themselves.
        try:
            generated, search_script = self.built.rest.publish(site, layout)
        except publish.Unwritable as exc:
            raise PluginError(f"mentor-directory: {exc}") from None
        _write(site / search_index.DATA_SCRIPT, search_script.encode("utf-8"))
        return generated

    def _wait_for_photos(self, site: Path) -> None:
        """Photos were written from the cache, or encoded, on threads while the engine built the pages.

        If a new photo could not be decoded after all (Built.confirm), the build stops and leaves
        the site empty, as a profile's error does: MkDocs emptied it at the build's start (in a
        --dirty build each profile waits for its new photo's whole check instead), so all there
        is in it now is this build's.
        """
        try:
            self.built.confirm()
        except ProfilesInvalid as exc:
            self.publisher.close()  # no photo is written after this
            clean_directory(str(site))
            raise _invalid(exc) from None
        encoded, reused = self.publisher.wait()
        log.info(f"mentor-directory: photos: {encoded} encoded, {reused} from the cache")

    def _update_sitemap(self, site: Path, config, generated: list[str]) -> None:
        """The generated pages (their paths) in the sitemap, the layout page out of it."""
        suffix = "" if self.settings.directory_urls else "index.html"
        sitemap.update(site, config.site_url or "", shell.PATH, [path + suffix for path in generated])

    def _write_service_worker(self, site: Path, config) -> None:
        """The service worker that keeps the guidance for reading offline (not for `serve` or the offline copy)."""
        if config.extra["mentor_directory"].get("service_worker"):
            _write(site / offline.SERVICE_WORKER, offline.service_worker(site, self.guidance).encode("utf-8"))

    # -- helpers -----------------------------------------------------------------------

    def _settings(self, config, today) -> Settings:
        options = {name: self.config[name] for name in OPTIONS}
        try:
            return from_options(options, today, {key: config[key] for key in SITE_KEYS})
        except ValueError as exc:
            raise PluginError(f"mentor-directory: {exc}") from None

    def _load(self) -> Built:
        try:
            built = self.finish_build()
        except ProfilesInvalid as exc:
            raise _invalid(exc) from None
        for notice in built.notices:
            # Someone else's stale profile must not fail a --strict build: say it, at info level.
            log.info(notice.text())
        return built


def _invalid(exc: ProfilesInvalid) -> PluginError:
    """The error that stops a build whose profiles have errors: the first twenty, and how to see them all."""
    listed = "\n".join(p.text() for p in exc.problems[:20])
    more = f"\n... and {len(exc.problems) - 20} more" if len(exc.problems) > 20 else ""
    return PluginError(f"{exc}:\n{listed}{more}\nRun 'mentor-directory check' to see every problem with its fix.")


def _offline_build(config) -> bool:
    """Whether Material's offline plugin is on: a copy for file://, with no service worker or zip link."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.get("enabled", True))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _remove_layout_page(site: Path) -> None:
    """The layout page served its purpose; it is not a page of the site."""
    if (site / shell.PATH).is_dir():
        shutil.rmtree(site / shell.PATH)


def _update_search_index(site: Path, directory_urls: bool = True) -> None:
    """Keep the site search to the guidance: mentors come from the directory's own matcher (header-search.js).

    The directory page keeps its title and first paragraph, not its list of cards.
    """
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    first = Renderer.directory_path(1)
    directory = first if directory_urls else first + "index.html"
    docs = []
    for doc in index["docs"]:
        if doc["location"].startswith(shell.PATH) or doc["location"].startswith(directory + "#"):
            continue
        if doc["location"] == directory:
            doc = dict(doc, text=doc["text"].split("</p>", 1)[0] + "</p>")
        docs.append(doc)
    index["docs"] = docs
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
