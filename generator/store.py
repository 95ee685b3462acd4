"""What earlier builds worked out, kept on disk under a key of everything it was made from.

A build checks, renders and indexes a profile again only when something that went into the
result has changed: the profile's file, its photo's verdict, the vocabulary, the settings,
the day, this package's own code, or the version of a library it uses. Each entry ends in a
checksum (Store): one cut short or damaged is ignored and made again. A folder that
cannot be made or written to leaves the build as it would be without it, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import secrets
import shutil
import struct
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

FOLDER = ".cache/mentor-directory"  # in the project, beside mkdocs.yml; git-ignored
# The libraries whose output ends up in a kept result: a new version makes every entry anew.
LIBRARIES = ("anyascii", "babel", "email-validator", "fastjsonschema", "idna", "jinja2", "markdown-it-py")
LIBRARIES += ("markupsafe", "nh3", "pillow", "pyyaml", "tzdata")
_DIGEST = 32  # a sha256 of everything before it ends each record
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


def write_plain(path: Path, data: bytes) -> None:
    """Write a file whole or not at all, as a new file (a link to the old one keeps it); OSError if it cannot be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace(path, lambda temporary: temporary.write_bytes(data))


def _replace(path: Path, make: Callable[[Path], object]) -> None:
    """Put a file at `path` whole or not at all: `make` it under a temporary name, then rename it over `path`."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        make(temporary)
        os.replace(temporary, path)  # never a half-written file
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def write_new(path: Path, data: bytes) -> None:
    """Write a file as a new one, never through a link to another: one already there is unlinked first.

    OSError if it cannot be written; a file cut short by an error is left for its writer to report.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY
    try:
        file = os.open(path, flags, 0o644)
    except FileExistsError:
        path.unlink()  # a site that was not emptied first (mkdocs build --dirty): its file may be a link
        file = os.open(path, flags, 0o644)
    with open(file, "wb", closefd=True) as written:
        written.write(data)


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
    """Entries of one kind made in one context, in `folder/<context>`, packed many to a file.

    `context` is a digest of what every entry depends on besides its own input (the code, the
    settings, the day): a new context starts an empty folder, and the folders of other contexts
    not written to for a day are removed.

    A build keeps thousands of small entries, and creating a file costs far more than writing its
    bytes (on the machine the benchmarks run on, 0.1-0.4 ms a file, a few microseconds to append a
    record): so each process appends what it keeps to a pack file of its own (`*.pack`), one
    record per entry, each record ending in a checksum of everything before it. A record cut short
    or damaged is ignored, and its entry made again. Once a folder holds more than MOST_PACKS
    packs, the next writer merges those nothing has written to for a minute into its own. Files
    kept as they are (`put_plain`, for linking into a site) lie beside the packs, one file each.
    """

    def __init__(self, folder: Path | None, context: str) -> None:
        self.parent = folder
        self.folder = folder / context[:32] if folder is not None else None
        self._reset()

    def _reset(self) -> None:
        self._pruned = False
        self._lock = threading.Lock()
        self._index: dict[str, tuple[int, int, int]] | None = None  # name -> (file, offset, size)
        self._own: tuple[int, int] | None = None  # (process, file) of the pack this process appends to
        self._unwritable = False
        self._files: list[int] = []  # every pack file open here, closed with the store
        weakref.finalize(self, _close, self._files)

    def __getstate__(self) -> tuple[Path | None, Path | None]:
        return self.parent, self.folder  # to a worker process: it opens the packs itself

    def __setstate__(self, state: tuple[Path | None, Path | None]) -> None:
        self.parent, self.folder = state
        self._reset()

    def get(self, name: str) -> bytes | None:
        """The body of an entry, or None if there is none or it is damaged."""
        if self.folder is None:
            return None
        with self._lock:
            found = self._entries().get(name)
            if found is None:
                return None
            try:
                record = _read_at(*found)
            except OSError:
                return None
        return _body(record, name)

    def __contains__(self, name: str) -> bool:
        """Whether there is an entry of that name (whole or not: `get` checks it)."""
        if self.folder is None:
            return False
        with self._lock:
            return name in self._entries()

    def empty(self) -> bool:
        """Whether it holds no entry at all, as before a first build: nothing in it to look up."""
        if self.folder is None:
            return True
        with self._lock:
            return not self._entries()

    def put(self, name: str, body: bytes) -> None:
        """Keep an entry, whole or not at all."""
        if self.folder is None or self._unwritable:
            return
        self._prune()
        record = _record(name, body)
        with self._lock:
            try:
                file = self._pack()
                end = _append(file, record)
            except OSError:
                self._unwritable = True  # the build goes on as it would without a folder
                return
            self._entries()[name] = (file, end - len(record), len(record))

    def put_plain(self, name: str, data: bytes) -> None:
        """Keep a file as it is, with no checksum (the caller checks it); OSError if it cannot be written."""
        if self.folder is None:
            raise OSError("no folder to keep it in")
        self._prune()
        write_plain(self.folder / name, data)

    def put_link(self, name: str, source: Path) -> None:
        """Keep a file written elsewhere by a link to it (in place of one of that name); OSError if it cannot be.

        Where a build writes a file into its site anyway, a link keeps it for the next build at
        the cost of a directory entry, not of a second file. The entry is replaced, never
        written through, as `put_plain`'s are.
        """
        if self.folder is None:
            raise OSError("no folder to keep it in")
        self._prune()
        target = self.folder / name
        try:
            os.link(source, target)
        except FileNotFoundError:
            self.folder.mkdir(parents=True, exist_ok=True)  # the first entry
            os.link(source, target)
        except FileExistsError:
            _replace(target, lambda temporary: os.link(source, temporary))

    def _entries(self) -> dict[str, tuple[int, int, int]]:
        """Where each entry is, from every pack in the folder: read once, the first time it is needed."""
        if self._index is None:
            self._index = {}
            for path in _packs(self.folder):
                try:
                    file = os.open(path, os.O_RDONLY | _BINARY)
                except OSError:
                    continue
                self._files.append(file)
                for name, offset, size in entries(path):
                    self._index[name] = (file, offset, size)
        return self._index

    def _pack(self) -> int:
        """This process's pack, made on its first entry (a forked worker makes its own)."""
        if self._own is None or self._own[0] != os.getpid():
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"{os.getpid()}-{time.time_ns()}-{secrets.token_hex(4)}.pack"
            file = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_APPEND | _BINARY, 0o644)
            self._files.append(file)
            self._own = os.getpid(), file
            _append(file, _MAGIC)
        return self._own[1]

    def _prune(self) -> None:
        """On the first write: remove the folders of other contexts that nothing has written to for a day.

        And if this folder holds more than MOST_PACKS packs, merge those no one is writing to.
        """
        with self._lock:  # threads keeping their first entries at once: one of them prunes
            if self._pruned:
                return
            self._pruned = True
        with contextlib.suppress(OSError):
            for other in self.parent.iterdir():
                if other != self.folder and other.is_dir() and time.time() - other.stat().st_mtime > _STALE_AFTER:
                    shutil.rmtree(other, ignore_errors=True)
        packs = _packs(self.folder)
        if len(packs) > MOST_PACKS:
            self._merge([p for p in packs if _idle(p)])

    def _merge(self, packs: list[Path]) -> None:
        """Copy the sound records of these packs into this process's own, each entry once, and remove them."""
        copied: set[str] = set()
        with self._lock:
            try:
                file = self._pack()
                for path in packs:
                    with open(path, "rb") as pack:
                        for name, offset, size in entries(path):
                            pack.seek(offset)
                            record = pack.read(size)
                            if name not in copied and _body(record, name) is not None:
                                _append(file, record)
                                copied.add(name)
            except OSError:
                return  # the packs stay as they were; so does what was copied
            for path in packs:
                with contextlib.suppress(OSError):
                    path.unlink()
            own = self._own[1]
            _close([file for file in self._files if file != own])  # the packs read before: some are gone
            self._files[:] = [own]
            self._index = None  # read again, from what is left


MOST_PACKS = 16  # in one store's folder, before they are merged
_MAGIC = b"mentor-directory pack 1\n"
_HEAD = struct.Struct(">HI")  # a record: name length, body length, name, body, sha256 of all that
_BINARY = getattr(os, "O_BINARY", 0)  # Windows opens files as text unless told
_IDLE = 60  # seconds without a write before another process may merge a pack away


def entries(pack: Path) -> Iterator[tuple[str, int, int]]:
    """(name, offset, size) of each whole record in a pack file, as far as it can be read.

    Only the lengths are read here; each record's checksum is checked when it is read (`get`).
    """
    try:
        with open(pack, "rb", buffering=1 << 20) as file:
            if file.read(len(_MAGIC)) != _MAGIC:
                return
            length = os.fstat(file.fileno()).st_size
            offset = len(_MAGIC)
            while offset + _HEAD.size <= length:
                name_length, body_length = _HEAD.unpack(file.read(_HEAD.size))
                size = _HEAD.size + name_length + body_length + _DIGEST
                if offset + size > length:
                    return  # cut short: a writer stopped half-way
                try:
                    name = file.read(name_length).decode("utf-8")
                except UnicodeDecodeError:
                    return  # a damaged length: nothing after it can be trusted
                yield name, offset, size
                offset += size
                file.seek(offset)
    except OSError:
        return


def _read_at(file: int, offset: int, size: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(file, size, offset)
    os.lseek(file, offset, os.SEEK_SET)  # where there is no pread (Windows); the caller holds the lock
    return os.read(file, size)


def _append(file: int, data: bytes) -> int:
    """Write at the end of a file opened to append; where the file now ends.

    The end is asked of the file, not counted here: right even if the file was cut short meanwhile.
    """
    if os.write(file, data) != len(data):
        raise OSError("the disk is full")
    return os.lseek(file, 0, os.SEEK_CUR)


def _record(name: str, body: bytes) -> bytes:
    encoded = name.encode("utf-8")
    record = _HEAD.pack(len(encoded), len(body)) + encoded + body
    return record + hashlib.sha256(record).digest()


def _body(record: bytes, name: str) -> bytes | None:
    """The body of a record read back, or None if it is not whole, not this entry's, or damaged."""
    if len(record) < _HEAD.size + _DIGEST or hashlib.sha256(record[:-_DIGEST]).digest() != record[-_DIGEST:]:
        return None
    name_length, body_length = _HEAD.unpack_from(record)
    start = _HEAD.size + name_length
    if record[_HEAD.size : start] != name.encode("utf-8") or start + body_length + _DIGEST != len(record):
        return None
    return record[start : start + body_length]


def _packs(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as found:
            return sorted(Path(entry.path) for entry in found if entry.name.endswith(".pack"))
    except OSError:
        return []


def _idle(pack: Path) -> bool:
    try:
        return time.time() - pack.stat().st_mtime > _IDLE
    except OSError:
        return False


def _close(files: list[int]) -> None:
    for file in files:
        with contextlib.suppress(OSError):
            os.close(file)
    files.clear()
