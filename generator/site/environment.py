"""The Jinja environment pages are rendered in: autoescaping, strict about undefined names.

Templates compile once a process: every Renderer of a build (and of each `mkdocs serve`
rebuild) shares the compiled code, checked against the template's source. The theme's own
templates (Material's, about fifty) are also kept compiled between builds (`Kept`).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2
import jinja2.bccache

from .. import store
from ..profiles import vocabulary
from .cards import FORMAT_LABELS

CACHE_DIR = f"{store.FOLDER}/templates"

# What an environment compiles a template's source with: two environments that differ in one
# of these make different code from the same source (Jinja's own key is only the template's name).
_COMPILE_OPTIONS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
)  # fmt: skip


class Kept(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the process and, given a folder, between builds too.

    The package's own environments share one in memory (`make`). The engine makes a new
    environment for each build, so without a folder every build, and every `mkdocs serve`
    rebuild, compiles the theme's templates again: about a quarter of a second.
    An entry is named by the template and by what its code depends on besides its source (the
    environment's settings and extensions, Jinja's and Python's versions); Jinja checks the
    source's checksum on loading, and a damaged entry is compiled again. The templates of an
    environment whose autoescaping depends on the template's name are not kept at all.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.codes: dict[str, tuple[str, object]] = {}
        context = store.key(sys.version, jinja2.__version__)
        self.store = store.Store(folder, context) if folder is not None else None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not (name := _entry(bucket)):
            return
        if name not in self.codes and self.store is not None and (body := self.store.get(name)) is not None:
            bucket.bytecode_from_string(body)  # left empty if the source has changed since
            if bucket.code is not None:
                self.codes[name] = bucket.checksum, bucket.code
            return
        checksum, code = self.codes.get(name, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not (name := _entry(bucket)):
            return
        self.codes[name] = bucket.checksum, bucket.code
        if self.store is not None:
            self.store.put(name, bucket.bytecode_to_string())


def _entry(bucket: jinja2.bccache.Bucket) -> str:
    """An entry's name: the template (Jinja's key) and the environment's compile settings; "" if not keepable."""
    env = bucket.environment
    if callable(env.autoescape):
        return ""
    options = [getattr(env, option) for option in _COMPILE_OPTIONS]
    options += [env.autoescape, env.finalize is not None, sorted(env.extensions), env.code_generator_class.__name__]
    return hashlib.sha256(f"{bucket.key} {options!r}".encode()).hexdigest()


_COMPILED = Kept()  # every Renderer's environment, in this process


def make(**globals_) -> jinja2.Environment:
    """An environment for the package's templates with these globals (the macros among them)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        bytecode_cache=_COMPILED,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        language_name=lambda code: vocabulary.languages()[code],
        format_label=FORMAT_LABELS.__getitem__,
    )
    env.globals.update(globals_)
    # The shared macros, made once: they use only globals, so every page can share them.
    env.globals["macros"] = env.get_template("_macros.html").module
    return env
