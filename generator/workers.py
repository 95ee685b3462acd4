"""Worker processes for the work that grows with the directory: loading and indexing."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

# Below these sizes a second process costs more than it saves (measured with the benchmarks).
PARALLEL_FROM = 2000  # loading profiles
INDEX_APART_FROM = 500  # building the search index beside the pages
# Workers that cannot start (a main module they cannot import, no semaphores) raise these:
# the caller then does the work itself.
FAILURES = (BrokenProcessPool, OSError)


def count() -> int:
    """How many processes are worth starting on this machine."""
    return min(os.cpu_count() or 1, 4)


def pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers start from a clean process: safe even when the caller has threads."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["generator.loader", "generator.search_index"])
    return ProcessPoolExecutor(workers, mp_context=context)
