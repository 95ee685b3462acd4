"""The Jinja environment pages are rendered in: autoescaping, strict about undefined names.

Templates compile once a process: every Renderer of a build (and of each `mkdocs serve`
rebuild) shares the compiled code, checked against the template's source.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache

from ..profiles import vocabulary
from .cards import FORMAT_LABELS


class _Compiled(jinja2.BytecodeCache):
    """Templates compiled once in a process and shared by every Renderer's environment."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        checksum, code = self.codes.get(bucket.key, (None, None))
        if checksum == bucket.checksum:  # the same template source
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.checksum, bucket.code


_COMPILED = _Compiled()


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
