"""The generated pages and the search data: made in worker processes for a large directory, else here."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path

from .. import workers
from . import kept, publish, search_index
from .render import Page, Renderer, hue
from .shell import Shell

# What forked workers find here instead of being sent it: (directory, vocabulary, settings, photos, cache).
_inherited: tuple | None = None


class Rest:
    """The generated pages and the search data: made by worker processes if there are any, else on demand.

    `helpers` are workers started earlier, which are sent the work's inputs and send back every
    page. With `fork`, a crew of processes is forked now, inheriting the inputs: each keeps the
    pages it made until told what to do with them, which for a build is to lay them out and
    write them itself (`publish`), so the pages never travel back to this process.
    """

    def __init__(self, args: tuple, helpers: ProcessPoolExecutor | None = None, fork: bool = False) -> None:
        global _inherited
        self._args = args
        self._jobs: list[Future] = []
        self._crew: list[tuple[multiprocessing.Process, Connection]] = []
        self._done: tuple[list[Page], str] | None = None
        self._helpers = helpers
        try:
            if fork:
                _inherited = args
                self._fork_crew(workers.count())
            elif helpers is not None:
                parts = workers.count()
                self._jobs.append(helpers.submit(_work, "search", 0, 1, args))
                self._jobs += [helpers.submit(_work, "pages", part, parts, args) for part in range(parts)]
        except workers.FAILURES:
            self.close()

    def result(self) -> tuple[list[Page], str]:
        """The generated pages, in the order the renderer makes them, and the search data script."""
        if self._done is None:
            try:
                if self._crew:
                    search, parts = self._ask(("return",))
                    self._done = workers.unstripe(parts), search
                elif self._jobs:
                    search, *parts = (job.result() for job in self._jobs)
                    self._done = workers.unstripe(parts), search
            except workers.FAILURES:
                pass  # a worker died: do the work here instead
            finally:
                self.close()
            if self._done is None:
                self._done = _work("pages", 0, 1, self._args), _work("search", 0, 1, self._args)
        return self._done

    def publish(self, site: Path, layout: Shell) -> tuple[list[str], str]:
        """Write every generated page into `site` in `layout`: their paths in order, and the search data script.

        Raises publish.Unwritable if a page cannot be written.
        """
        if self._crew and self._done is None:
            try:
                search, parts = self._ask(("write", site, layout))
                return workers.unstripe(parts), search
            except workers.FAILURES:
                pass  # a worker died: do the work here instead, writing every page again
            finally:
                self.close()
        pages, search = self.result()
        return publish.write(site, pages, layout, self._args[4]), search

    def close(self) -> None:
        """Stop the worker processes; work not collected yet is dropped."""
        global _inherited
        _inherited = None
        for process, connection in self._crew:
            process.terminate()  # a no-op for one that has finished
            process.join()
            connection.close()
        self._crew = []
        if self._helpers is not None:
            self._helpers.shutdown(cancel_futures=True)
            self._helpers = None
            if self._done is None:
                self._jobs = []

    def _ask(self, order: tuple) -> tuple[str, list[list]]:
        """Tell the crew's page makers `order`; the search data and each maker's answer. FAILURES if one died."""
        for _, connection in self._crew[1:]:
            connection.send(order)
        answers = [_answer(connection) for _, connection in self._crew]
        return answers[0], answers[1:]

    def _fork_crew(self, parts: int) -> None:
        """One process for the search data, then one for every `parts`-th generated page; daemons: none outlives us."""
        context = multiprocessing.get_context("fork")
        for job, part in [("search", 0)] + [("pages", part) for part in range(parts)]:
            mine, theirs = context.Pipe()
            inherited = [connection for _, connection in self._crew]
            process = context.Process(target=_member, args=(job, part, parts, theirs, inherited), daemon=True)
            process.start()
            self._crew.append((process, mine))
            theirs.close()  # theirs alone now: the pipe ends when the process does


def _answer(connection: Connection):
    """A crew member's answer; EOFError if it died, its own error if it failed."""
    outcome, value = connection.recv()
    if outcome == "failed":
        raise value
    return value


def _member(job: str, part: int, parts: int, connection: Connection, inherited: list[Connection]) -> None:
    """A crew member's life: make its share; page makers then wait for the order (see Rest._ask) and carry it out."""
    for other in inherited:
        other.close()  # the others' pipes: so that each ends with its own process
    parent = os.getppid()
    try:
        made = _work(job, part, parts, None)
        if job == "pages":
            while not connection.poll(1.0):
                if os.getppid() != parent:
                    return  # the build is gone
            order = connection.recv()
            if order[0] == "write":
                made = publish.write(order[1], made, order[2], _inherited[4])
        connection.send(("done", made))
    except EOFError:
        pass  # the build stopped without a word
    except Exception as exc:  # noqa: BLE001 - any error goes back to the build, which raises it
        with contextlib.suppress(Exception):
            connection.send(("failed", exc))


def _work(job: str, part: int, parts: int, args: tuple | None):
    """The search data script (job "search"), or every `parts`-th generated page from `part` on."""
    directory, vocab, settings, planned, cache = args or _inherited
    if job == "search":
        return _search_script(directory, vocab, settings, planned, cache)
    return list(Renderer(directory, vocab, settings, planned, cache).generated_pages(part, parts))


def _search_script(directory, vocab, settings, planned, cache: Path | None) -> str:
    """The search data script; kept whole between builds, so an unchanged directory's is read back as it was.

    It is made from the shown mentors in their order with their photos (the entry's key), the
    vocabulary, the settings and the code (the folder's context); each mentor's words are also
    kept apart (search_index.index), so after one edit only that mentor is indexed again.
    """
    scripts = kept.folder(cache, "search", vocab, settings)
    entry = kept.Keys(planned).listing(directory.mentors, "search data")
    # Kept in a page's shape, under the script's own path.
    if (found := kept.unpack_page(scripts.get(entry))) is not None and found[0] == search_index.DATA_SCRIPT:
        return found[3]
    script = search_index.script(search_index.data(directory, vocab, settings, planned, hue, cache))
    scripts.put(entry, kept.pack_page(search_index.DATA_SCRIPT, "", "", script))
    return script
