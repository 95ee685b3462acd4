"""The generated pages and the search data: made by worker processes (a large directory, a first build) or here."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

from .. import workers
from . import kept, publish, search_index
from .render import Page, Renderer, hue
from .shell import Shell

# What a crew forked with its work finds here, not sent: (directory, vocabulary, settings, photos, cache).
_inherited: tuple | None = None


class Rest:
    """The generated pages and the search data: made by worker processes if there are any, else on demand.

    `helpers` are workers started earlier, which are sent the work's inputs and send back every
    page. A `crew` of forked processes (Crew) is handed the inputs, or with `fork` is forked
    now and inherits them: each keeps the pages it made until told what to do with them, which
    for a build is to lay them out and write them itself (`publish`), so the pages never travel
    back to this process.
    """

    def __init__(
        self,
        args: tuple,
        helpers: ProcessPoolExecutor | None = None,
        fork: bool = False,
        crew: Crew | None = None,
    ) -> None:
        self._args = args
        self._jobs: list[Future] = []
        self._crew = crew
        self._done: tuple[list[Page], str] | None = None
        self._helpers = helpers
        try:
            if crew is not None:
                crew.hand(args)
            elif fork:
                self._crew = Crew.fork(workers.count(), args)
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
                if self._crew is not None:
                    search, parts = self._crew.ask(("return",))
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
        if self._crew is not None and self._done is None:
            try:
                search, parts = self._crew.ask(("write", site, layout))
                return workers.unstripe(parts), search
            except workers.FAILURES:
                pass  # a worker died: do the work here instead, writing every page again
            finally:
                self.close()
        pages, search = self.result()
        return publish.write(site, pages, layout, self._args[4]), search

    def close(self) -> None:
        """Stop the worker processes; work not collected yet is dropped."""
        if self._crew is not None:
            self._crew.close()
            self._crew = None
        if self._helpers is not None:
            self._helpers.shutdown(cancel_futures=True)
            self._helpers = None
            if self._done is None:
                self._jobs = []


class Crew:
    """Processes forked from this one: one makes the search data, each of the others every `parts`-th page.

    Forked with the work's inputs (`fork`), they inherit them and begin at once. Forked ahead
    of them (`ahead`), while this process has no other thread and before the inputs exist,
    each waits to be handed them (`hand`): a first build forks its crew before its photo
    processes start their threads, and so renders its pages and search data beside the site
    engine's work instead of after it. The processes are daemons: none outlives the build.
    """

    def __init__(self, members: list[tuple[multiprocessing.Process, Connection]]) -> None:
        self._members = members

    @classmethod
    def fork(cls, parts: int, args: tuple | None = None) -> Crew:
        """A crew working on `args`, inherited; with none, waiting to be handed its work."""
        global _inherited
        _inherited = args
        context = multiprocessing.get_context("fork")
        members: list[tuple[multiprocessing.Process, Connection]] = []
        try:
            for job, part in [("search", 0)] + [("pages", part) for part in range(parts)]:
                mine, theirs = context.Pipe()
                others = [connection for _, connection in members]
                process = context.Process(target=_member, args=(job, part, parts, theirs, others), daemon=True)
                process.start()
                members.append((process, mine))
                theirs.close()  # theirs alone now: the pipe ends when the process does
        except BaseException:
            cls(members).close()
            raise
        finally:
            _inherited = None  # the crew has it; this process has no more use for it
        return cls(members)

    @classmethod
    def ahead(cls) -> Crew | None:
        """A crew of two (the search data, the pages) waiting for its work; None where forking is unsafe or fails."""
        if workers.count() < 2 or not workers.can_fork():
            return None
        try:
            return cls.fork(1)
        except workers.FAILURES:
            return None

    def hand(self, args: tuple) -> None:
        """Give a crew forked ahead its work: pickled once, sent to each. FAILURES if a member died."""
        work = ForkingPickler.dumps(("work", args))
        for _, connection in self._members:
            connection.send_bytes(work)

    def ask(self, order: tuple) -> tuple[str, list[list]]:
        """Tell the page makers `order`; the search data and each maker's answer. FAILURES if one died."""
        for _, connection in self._members[1:]:
            connection.send(order)
        answers = [_answer(connection) for _, connection in self._members]
        return answers[0], answers[1:]

    def close(self) -> None:
        """Stop the processes; work not collected yet is dropped."""
        for process, connection in self._members:
            process.terminate()  # a no-op for one that has finished
            process.join()
            connection.close()
        self._members = []


def _answer(connection: Connection):
    """A crew member's answer; EOFError if it died, its own error if it failed."""
    outcome, value = connection.recv()
    if outcome == "failed":
        raise value
    return value


def _member(job: str, part: int, parts: int, connection: Connection, others: list[Connection]) -> None:
    """A crew member's life: make its share; page makers then wait for the order (see Crew.ask) and carry it out."""
    for other in others:
        other.close()  # the others' pipes: so that each ends with its own process
    parent = os.getppid()
    try:
        args = _inherited
        if args is None:
            args = _receive(connection, parent, "work")
        made = _work(job, part, parts, args)
        if job == "pages":
            order = _receive(connection, parent, "write", "return")
            if order[0] == "write":
                # On its one thread: the crew's other processes keep the other cores busy.
                made = publish.write(order[1], made, order[2], args[4], threads=1)
        connection.send(("done", made))
    except EOFError:
        pass  # the build stopped without a word, or is gone
    except Exception as exc:  # noqa: BLE001 - any error goes back to the build, which raises it
        with contextlib.suppress(Exception):
            connection.send(("failed", exc))


def _receive(connection: Connection, parent: int, *expected: str):
    """The next message from the build: for a "work" message its inputs, else the order. EOFError if the build is gone.

    Other processes forked from the build may hold its end of the pipe open after it ends:
    its process id is watched as well.
    """
    while not connection.poll(1.0):
        if os.getppid() != parent:
            raise EOFError
    message = connection.recv()
    if message[0] not in expected:
        raise EOFError
    return message[1] if message[0] == "work" else message


def _work(job: str, part: int, parts: int, args: tuple):
    """The search data script (job "search"), or every `parts`-th generated page from `part` on."""
    directory, vocab, settings, planned, cache = args
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
