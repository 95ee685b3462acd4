"""Worker processes for the work that grows with the directory: loading, rendering and indexing."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

# Below these sizes a second process costs more than it saves: at 1,000 mentors (600 photos)
# builds without them were as fast or faster, at 10,000 with them faster (benchmarks/bench_build.py --serial).
PARALLEL_FROM = 2000  # loading profiles
APART_FROM = 2000  # rendering pages and the search index while the site engine does its own part
# Workers that cannot start (a main module they cannot import, no semaphores) or that die raise
# these: the caller then does the work itself.
FAILURES = (BrokenProcessPool, OSError, EOFError)


def count() -> int:
    """How many processes (or threads) are worth starting: MENTOR_DIRECTORY_WORKERS, else up to 4 cores."""
    chosen = os.environ.get("MENTOR_DIRECTORY_WORKERS", "")
    return max(1, int(chosen)) if chosen.isdigit() else min(os.cpu_count() or 1, 4)


def unstripe(parts: list[list]) -> list:
    """Items striped over n parts (part i holds items i, i + n, ...) back in one list, in their order."""
    whole: list = [None] * sum(len(part) for part in parts)
    for i, part in enumerate(parts):
        whole[i :: len(parts)] = part
    return whole


def pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers start from a clean process: safe even when the caller has threads."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # "__main__" (the mkdocs command, say) is imported once by the server, not once per worker.
        context.set_forkserver_preload(
            ["__main__", "generator.profiles.loader", "generator.site.render", "generator.site.search_index"]
        )
    return ProcessPoolExecutor(workers, mp_context=context)


def can_fork() -> bool:
    """Whether workers may be forked from this process: on Linux, with no other thread running.

    A forked worker starts at once, with every module and object this process has; but it
    copies the locks other threads may be holding, so only a single-threaded process forks.
    """
    return sys.platform == "linux" and threading.active_count() == 1


def forked(workers: int) -> ProcessPoolExecutor:
    """A pool of processes forked from this one at the first job, before the pool starts any thread."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def started(workers: int) -> ProcessPoolExecutor:
    """A pool whose processes start in the background: the caller goes on while they import.

    Starting blocks for as long as the first process takes to import the preloaded modules,
    a fifth of a second; the work meanwhile (loading profiles) needs only this process.
    Jobs submitted before the processes are up wait for them.
    """
    executor = pool(workers)
    threading.Thread(target=_start, args=(executor, workers), daemon=True).start()
    return executor


def _start(executor: ProcessPoolExecutor, workers: int) -> None:
    try:
        for _ in range(workers):
            executor.submit(int)  # a no-op that makes the pool start a process
    except (*FAILURES, RuntimeError):
        pass  # the caller's first real job reports the failure, or finds the pool shut down
