"""What earlier builds worked out, kept on disk under a key of everything it was made from.

A build checks, renders and indexes a profile again only when something that went into the
result has changed: the profile's file, its photo's verdict, the vocabulary, the settings,
the day, this package's own code, or the version of a library it uses. Each entry ends in a
checksum of its body: one cut short or damaged is ignored and made again. A folder that
cannot be made or written to leaves the build as it would be without it, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import shutil
import sys
import threading
import time
from functools import lru_cache
from pathlib import Path

FOLDER = ".cache/mentor-directory"  # in the project, beside mkdocs.yml; git-ignored
# The libraries whose output ends up in a kept result: a new version makes every entry anew.
LIBRARIES = ("anyascii", "babel", "email-validator", "fastjsonschema", "idna", "jinja2", "markdown-it-py")
LIBRARIES += ("markupsafe", "nh3", "pillow", "pyyaml", "tzdata")
_DIGEST = 32  # a sha256 of the entry's body ends each entry
_STALE_AFTER = 24 * 3600  # seconds: the kept results of another context (an earlier day, say) go after this


@lru_cache(maxsize=1)
def code() -> str:
    """A digest of this package's own files, Python's version and the libraries' versions."""
    root = Path(__file__).parent
    digest = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        digest.update(f"\0{name} {importlib.metadata.version(name)}".encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(b"\0" + path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def key(*parts: str | bytes) -> str:
    """A key for an entry, from everything it depends on."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def read(entry: Path) -> bytes | None:
    """The body of an entry file, or None if there is none, it cannot be read, or its checksum fails."""
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    body = blob[:-_DIGEST]
    if len(blob) < _DIGEST or hashlib.sha256(body).digest() != blob[-_DIGEST:]:
        return None
    return body


def write(entry: Path, body: bytes) -> None:
    """Write an entry file, its checksum after its body, whole or not at all; OSError if it cannot be."""
    write_plain(entry, body + hashlib.sha256(body).digest())


def write_plain(path: Path, data: bytes) -> None:
    """Write a file whole or not at all, as a new file (a link to the old one keeps it); OSError if it cannot be."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)  # never a half-written file
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def link(kept: Path, target: Path) -> bool:
    """Hard-link `target` to a kept file (replacing what is there); False where the file system cannot.

    A link costs a directory entry where writing the bytes again costs a new file: on the
    virtual machine the benchmarks run on, 0.03 ms against 0.4 ms.
    """
    try:
        os.link(kept, target)
        return True
    except FileExistsError:
        with contextlib.suppress(OSError):
            target.unlink()  # a site that was not emptied first (mkdocs build --dirty)
            os.link(kept, target)
            return True
    except OSError:
        pass  # another file system, or one without hard links
    return False


class Store:
    """Entries of one kind made in one context, in `folder/<context>`.

    `context` is a digest of what every entry depends on besides its own input (the code, the
    settings, the day): a new context starts an empty folder, and the folders of other contexts
    not written to for a day are removed.
    """

    def __init__(self, folder: Path | None, context: str) -> None:
        self.parent = folder
        self.folder = folder / context[:32] if folder is not None else None
        self._pruned = False

    def get(self, name: str) -> bytes | None:
        """The body of an entry, or None if there is none or it is damaged."""
        return read(self.folder / name) if self.folder is not None else None

    def put(self, name: str, body: bytes) -> None:
        """Keep an entry, whole or not at all."""
        if self.folder is None:
            return
        self._prune()
        with contextlib.suppress(OSError):
            write(self.folder / name, body)

    def put_plain(self, name: str, data: bytes) -> None:
        """Keep a file as it is, with no checksum (the caller checks it); OSError if it cannot be written."""
        if self.folder is None:
            raise OSError("no folder to keep it in")
        self._prune()
        write_plain(self.folder / name, data)

    def _prune(self) -> None:
        """On the first write: remove the folders of other contexts that nothing has written to for a day."""
        if self._pruned:
            return
        self._pruned = True
        with contextlib.suppress(OSError):
            for other in self.parent.iterdir():
                if other != self.folder and other.is_dir() and time.time() - other.stat().st_mtime > _STALE_AFTER:
                    shutil.rmtree(other, ignore_errors=True)
