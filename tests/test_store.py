"""What a build keeps for the next: many entries to a pack file, each whole or not at all."""

from __future__ import annotations

import gc
import os
import pickle
import threading
import time
from pathlib import Path

import pytest

from generator import store

CONTEXT = "c" * 64


def bodies(count: int, tag: str = "") -> dict[str, bytes]:
    """Entries of the sizes a build keeps: a profile's few hundred bytes to a page's tens of kilobytes."""
    return {f"{tag}entry-{n}": (f"{tag}{n} ".encode() * (1 + 37 * n % 2000)) for n in range(count)}


def keep(folder: Path, entries: dict[str, bytes]) -> store.Store:
    kept = store.Store(folder, CONTEXT)
    for name, body in entries.items():
        kept.put(name, body)
    return kept


def read_back(folder: Path, names) -> dict[str, bytes | None]:
    kept = store.Store(folder, CONTEXT)  # a later build
    return {name: kept.get(name) for name in names}


def packs(folder: Path) -> list[Path]:
    return sorted((folder / CONTEXT[:32]).glob("*.pack"))


def test_a_build_s_entries_go_to_one_file_and_a_later_build_reads_each_back(tmp_path: Path) -> None:
    entries = bodies(500)
    kept = keep(tmp_path, entries)
    assert len(packs(tmp_path)) == 1
    assert read_back(tmp_path, entries) == entries
    assert {name: kept.get(name) for name in entries} == entries  # and the build itself, after keeping them
    assert store.Store(tmp_path, CONTEXT).get("never-kept") is None


def test_a_store_is_empty_until_a_build_keeps_an_entry_and_not_for_the_next_build(tmp_path: Path) -> None:
    # A first build looks nothing up in an empty store; every later build must still look.
    assert store.Store(tmp_path, CONTEXT).empty()
    kept = store.Store(tmp_path, CONTEXT)
    kept.put("one", b"body")
    assert not kept.empty()
    assert not store.Store(tmp_path, CONTEXT).empty()  # the next build
    assert store.Store(tmp_path, "d" * 64).empty()  # another context keeps its own entries
    assert store.Store(None, CONTEXT).empty()


def test_a_damaged_entry_is_not_read_and_the_others_are(tmp_path: Path) -> None:
    entries = bodies(50)
    keep(tmp_path, entries)
    [pack] = packs(tmp_path)
    found = {name: (offset, size) for name, offset, size in store.entries(pack)}
    offset, size = found["entry-20"]
    data = bytearray(pack.read_bytes())
    data[offset + size // 2] ^= 0x01  # one bit of one entry
    pack.write_bytes(bytes(data))
    back = read_back(tmp_path, entries)
    assert back.pop("entry-20") is None
    assert back == {name: body for name, body in entries.items() if name != "entry-20"}


def test_a_pack_cut_short_keeps_every_entry_before_the_cut(tmp_path: Path) -> None:
    entries = bodies(30)
    keep(tmp_path, entries)
    [pack] = packs(tmp_path)
    *_, (last, offset, size) = store.entries(pack)
    os.truncate(pack, offset + size - 1)
    back = read_back(tmp_path, entries)
    assert back.pop(last) is None
    assert back == {name: body for name, body in entries.items() if name != last}


def test_a_damaged_length_loses_what_follows_but_never_gives_a_wrong_body(tmp_path: Path) -> None:
    entries = bodies(30)
    keep(tmp_path, entries)
    [pack] = packs(tmp_path)
    found = {name: offset for name, offset, _ in store.entries(pack)}
    data = bytearray(pack.read_bytes())
    data[found["entry-10"] + 3] ^= 0x04  # the body's length
    pack.write_bytes(bytes(data))
    back = read_back(tmp_path, entries)
    assert all(back[f"entry-{n}"] == entries[f"entry-{n}"] for n in range(10))
    assert all(body is None or body == entries[name] for name, body in back.items())


def test_threads_keeping_entries_at_once_lose_none(tmp_path: Path) -> None:
    kept = store.Store(tmp_path, CONTEXT)
    parts = [bodies(150, tag=f"t{n}-") for n in range(6)]
    threads = [threading.Thread(target=lambda part=part: [kept.put(k, v) for k, v in part.items()]) for part in parts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = {name: body for part in parts for name, body in part.items()}
    assert read_back(tmp_path, everything) == everything


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers are a Linux matter")
def test_a_forked_worker_keeps_its_entries_in_a_pack_of_its_own(tmp_path: Path) -> None:
    parent, child = bodies(40, "parent-"), bodies(40, "child-")
    kept = keep(tmp_path, dict(list(parent.items())[:20]))
    pid = os.fork()
    if pid == 0:  # the worker: it inherits the store, as a forked pool's workers do
        try:
            for name, body in child.items():
                kept.put(name, body)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    for name, body in list(parent.items())[20:]:
        kept.put(name, body)
    assert len(packs(tmp_path)) == 2
    assert read_back(tmp_path, parent | child) == parent | child


def test_a_store_sent_to_a_worker_process_reads_and_keeps(tmp_path: Path) -> None:
    entries = bodies(10)
    kept = keep(tmp_path, entries)
    sent = pickle.loads(pickle.dumps(kept))
    assert {name: sent.get(name) for name in entries} == entries
    sent.put("from-the-worker", b"made there")
    assert read_back(tmp_path, ["from-the-worker"]) == {"from-the-worker": b"made there"}


def test_many_packs_are_merged_into_one_and_nothing_is_lost(tmp_path: Path) -> None:
    """Each build (each `mkdocs serve` rebuild) that keeps something adds a pack: they do not pile up."""
    builds = [bodies(5, tag=f"b{n}-") for n in range(store.MOST_PACKS + 3)]
    for entries in builds:
        keep(tmp_path, entries)
    assert len(packs(tmp_path)) == store.MOST_PACKS + 3
    long_ago = time.time() - 3600
    for pack in packs(tmp_path)[:-1]:
        os.utime(pack, (long_ago, long_ago))
    keep(tmp_path, {"after": b"the next build"})
    assert len(packs(tmp_path)) == 2  # the newest, still being written, is left to its writer
    everything = {name: body for entries in builds for name, body in entries.items()} | {"after": b"the next build"}
    assert read_back(tmp_path, everything) == everything


def test_files_that_are_not_packs_are_ignored(tmp_path: Path) -> None:
    entries = bodies(5)
    keep(tmp_path, entries)
    folder = tmp_path / CONTEXT[:32]
    (folder / "stray.pack").write_bytes(b"not a pack at all" * 10)
    (folder / "notes.txt").write_text("hello", encoding="utf-8")
    assert read_back(tmp_path, entries) == entries


def test_a_folder_that_cannot_be_written_keeps_nothing_and_raises_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would go", encoding="utf-8")
    kept = keep(blocker, bodies(3))
    assert kept.get("entry-1") is None
    assert read_back(blocker, ["entry-1"]) == {"entry-1": None}


def test_a_long_running_build_reads_back_what_it_kept_after_its_pack_was_cut_short(tmp_path: Path) -> None:
    """`mkdocs serve` keeps one store for hours: a pack cut short meanwhile must not mislead it."""
    kept = keep(tmp_path, bodies(10))
    [pack] = packs(tmp_path)
    os.truncate(pack, pack.stat().st_size - 50)
    kept.put("later", b"kept after the cut")
    assert kept.get("later") == b"kept after the cut"
    assert kept.get("entry-1") == bodies(10)["entry-1"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files through /proc")
def test_hours_of_rebuilds_leave_no_pack_open(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds for hours in one process: each rebuild's stores close what they opened."""
    before = len(os.listdir("/proc/self/fd"))
    long_ago = time.time() - 3600
    everything: dict[str, bytes] = {}
    for n in range(3 * store.MOST_PACKS):
        entries = bodies(3, tag=f"rebuild-{n}-")
        kept = keep(tmp_path, entries)
        assert {name: kept.get(name) for name in everything} == everything  # reads, and merges some
        everything |= entries
        for pack in packs(tmp_path):
            os.utime(pack, (long_ago, long_ago))
        del kept
        gc.collect()
    assert len(os.listdir("/proc/self/fd")) <= before
    assert len(packs(tmp_path)) <= store.MOST_PACKS + 1
    assert read_back(tmp_path, everything) == everything


def test_where_the_system_has_no_positioned_read_entries_read_back_the_same(tmp_path: Path, monkeypatch) -> None:
    """Windows has no os.pread: a seek and a read under the store's lock instead, threads and all."""
    monkeypatch.delattr(os, "pread")
    entries = bodies(200)
    keep(tmp_path, entries)
    kept = store.Store(tmp_path, CONTEXT)
    names = list(entries)
    found: dict[str, bytes | None] = {}
    threads = [
        threading.Thread(target=lambda part=part: found.update((n, kept.get(n)) for n in part))
        for part in (names[::2], names[1::2])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == entries
