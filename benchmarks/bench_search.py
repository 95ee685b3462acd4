"""Search side by side: this directory, Material's header search and Pagefind, over the same sites.

    pip install "pagefind[bin]"   # for this benchmark only; the site does not use it
    python benchmarks/bench_search.py [--counts 1000 10000] [--rounds 3] [--compare REV] [--data DIR]

Relevance: the query set of the relevance tests (tests/fixtures/relevance: 40 profiles, 111
queries written from the student's side), recall and precision over the mentors each query
means. Speed: sites of synthetic mentors (benchmarks/synthetic.py), each search measured on
the same site in the same headless Chromium, the three alternated round by round:

- bytes: what the search downloads (gzip, as a static host serves it) until its first results;
- ready: from asking for the search to the first results (loading and, for Material, indexing);
- keystroke: from a key to its results, while typing words letter by letter, typos included;
- keystroke CPU (this directory only): the browser's main-thread CPU time for the same keystrokes,
  read from a Chromium trace in a visit of its own (the input event, styling, layout). Unlike the
  wall-clock times it does not count the time the machine gave to other programs: on a shared,
  busy machine it is the figure to compare.

With --compare REV (a git revision), the directory is measured a second time on the same site
with the browser scripts (match.js, cards.js, search.js) and the stylesheet (directory.css) of that
revision, alternated with the others: a change to them, before and after, in the same run. The speed
table also gives the keystrokes that type a word's first two letters on their own (they match much
of the index: the slowest).

Material's search is given every mentor page's whole text (our build keeps mentors out of its
index): that is what a site would do with Material alone. Its times are its web worker's
answers, before it draws them. Pagefind indexes the built pages as they are.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import synthetic  # noqa: E402
from bench_browser import CHROMIUM_ARGS, chromium, percentile  # noqa: E402
from bench_build import build, real_project  # noqa: E402

from tests import relevance  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = ("directory", "material", "pagefind")
WORDS = ["climate", "enviroment", "health policy", "Kovalenco", "fundrasing", "evaluation", "migration"]
TYPED = [word[:i] for word in WORDS for i in range(1, len(word) + 1)]
RELEVANCE_EPOCH = "1795345600"  # 22 November 2026, as tests/browser/conftest.py
SHOWN = 5  # results a person sees first: Pagefind loads each one's text, so it pays for these

# Each script runs in two steps: "ready" (to the first results) and "type" (the keystrokes).
DIRECTORY = """async ([step, queries, all]) => {
  if (step === 'ready') return window.mentorDirectorySearch.timings.readyAt;  // since the page was asked for
  const box = document.getElementById('mdir-q');
  const times = [], found = [];
  for (const q of queries) {
    performance.mark('mdir-key');  // for the trace (keystroke_cpu)
    const t = performance.now();
    box.value = q;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    document.getElementById('mdir-list').offsetHeight;
    times.push(performance.now() - t);
    performance.mark('mdir-keyed');
    if (all) {
      const more = document.querySelector('.mdir-search__more');
      while (!more.hidden) more.click();
      found.push([...document.querySelectorAll('#mdir-list .mdir-card__name a')].map(a => a.getAttribute('href')));
    }
    await new Promise(r => setTimeout(r, 0));
  }
  return {times, found};
}"""
MATERIAL = """async ([step, queries, all]) => {
  if (step === 'ready') {
    const config = JSON.parse(document.getElementById('__config').textContent);
    const base = new URL(config.base + '/', location.href);
    const start = performance.now();
    const index = await (await fetch(new URL('search/search_index.json', base))).json();
    const worker = new Worker(new URL(config.search, base));
    const ask = (message) => new Promise(resolve => {
      worker.onmessage = (event) => resolve(event.data);
      worker.postMessage(message);
    });
    await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
    await ask({type: 2, data: queries[0]});
    window.benchAsk = ask;
    return performance.now() - start;
  }
  const times = [], found = [];
  for (const q of queries) {
    const t = performance.now();
    const answer = await window.benchAsk({type: 2, data: q});
    times.push(performance.now() - t);
    if (all) found.push(answer.data.items.flat().map(d => d.location));
  }
  return {times, found};
}"""
PAGEFIND = """async ([step, queries, all, shown]) => {
  if (step === 'ready') {
    const start = performance.now();
    const base = JSON.parse(document.getElementById('__config').textContent).base;
    const pagefind = await import(new URL(base + '/pagefind/pagefind.js', location.href).href);
    await pagefind.init();
    const first = await pagefind.search(queries[0]);
    await Promise.all(first.results.slice(0, shown).map(r => r.data()));
    window.benchPagefind = pagefind;
    return performance.now() - start;
  }
  const times = [], found = [];
  for (const q of queries) {
    const t = performance.now();
    const answer = await window.benchPagefind.search(q);
    const data = await Promise.all(answer.results.slice(0, all ? undefined : shown).map(r => r.data()));
    times.push(performance.now() - t);
    if (all) found.push(data.map(d => d.url));
  }
  return {times, found};
}"""
SCRIPTS = {"directory": DIRECTORY, "material": MATERIAL, "pagefind": PAGEFIND}
# The files each search downloads for itself.
OWN = {
    "directory": re.compile(r"/assets/mentor-directory/(mentors-data|match|cards|search)\.js|/lunr-[\d.]+\.min\.js"),
    "material": re.compile(r"/search/search_index\.json|/workers/search\.[^/]*\.js"),
    "pagefind": re.compile(r"/pagefind/"),
}


class _Gzipping(http.server.SimpleHTTPRequestHandler):
    """Serves text gzipped, as a static host does; Pagefind's files are compressed already."""

    cache: dict[str, bytes] = {}

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        if not re.search(r"\.(html|js|json|css|svg)$", path) or not Path(path).is_file():
            return super().send_head()
        if path not in self.cache:
            self.cache[path] = gzip.compress(Path(path).read_bytes(), 6)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzipping, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def with_material_mentors(site: Path) -> Path:
    """A copy of the site (hard links) whose Material index has every mentor page's whole text."""
    copy = site.with_name(site.name + "-material")
    shutil.copytree(site, copy, copy_function=os.link)
    index_file = copy / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index_file.unlink()  # a hard link: writing through it would change the original too
    for page in sorted((site / "mentors").glob("*/index.html")):
        if page.parent.name.startswith("_"):
            continue
        text = page.read_text(encoding="utf-8")
        article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.S)
        words = html.unescape(re.sub(r"<[^>]+>", " ", article.group(1) if article else ""))
        title = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1)))
        location = f"mentors/{page.parent.name}/"
        index["docs"].append({"location": location, "title": title, "text": " ".join(words.split())})
    index_file.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    return copy


def prepare(site: Path) -> tuple[Path, float]:
    """Index the site for Pagefind, and make Material's copy; the copy and Pagefind's seconds."""
    import time

    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"], check=True)
    seconds = time.perf_counter() - start
    return with_material_mentors(site), seconds


def run(browser, urls: dict[str, str], search: str, queries: list[str], all_results: bool, url: str = "") -> dict:
    """One visit: open the page, bring a search to its first results, then type its queries."""
    page = browser.new_page()  # a new context each time: nothing is cached from the last visit
    sizes: dict[str, int] = {}  # bytes sent, by address: the server's Content-Length (gzip where it gzips)
    # Responses to the page's web workers (Material's, Pagefind's) are reported here too.
    page.on("response", lambda r: sizes.setdefault(r.url, int(r.headers.get("content-length") or 0)))
    url = url or urls[search]
    page.goto(url + ("mentors/?search=" + queries[0] if search == "directory" else "guide/schemes/"))
    if search == "directory":
        page.wait_for_function("window.mentorDirectorySearch && window.mentorDirectorySearch.ready")
    ready = page.evaluate(SCRIPTS[search], ["ready", queries, all_results, SHOWN])
    first = sum(size for name, size in dict(sizes).items() if OWN[search].search(name))
    result = page.evaluate(SCRIPTS[search], ["type", queries, all_results, SHOWN])
    page.close()
    return dict(result, ready=ready, bytes=first)


# Main-thread work a keystroke causes, as Chromium's trace names it; its thread time (tdur) is CPU time.
KEYSTROKE_WORK = {"EventDispatch", "UpdateLayoutTree", "Layout"}


def keystroke_cpu(browser, url: str, queries: list[str]) -> list[float]:
    """Each keystroke's main-thread CPU time in ms, from a trace of one visit to the directory."""
    page = browser.new_page()
    page.goto(url + "mentors/?search=" + queries[0])
    page.wait_for_function("window.mentorDirectorySearch && window.mentorDirectorySearch.ready")
    page.evaluate(DIRECTORY, ["ready", queries, False])
    browser.start_tracing(page=page, categories=["devtools.timeline", "blink.user_timing"])
    page.evaluate(DIRECTORY, ["type", queries, False])
    events = json.loads(browser.stop_tracing())["traceEvents"]
    page.close()
    starts = sorted(e["ts"] for e in events if e["name"] == "mdir-key")
    ends = sorted(e["ts"] for e in events if e["name"] == "mdir-keyed")
    # The page's main thread is the one that handled the input events.
    main = next((e["pid"], e["tid"]) for e in events if e["name"] == "EventDispatch")
    work = sorted(
        (e for e in events if e["name"] in KEYSTROKE_WORK and e.get("ph") == "X" and (e["pid"], e["tid"]) == main),
        key=lambda e: e["ts"],
    )
    times, reach = [0.0] * len(starts), -1.0
    for e in work:
        if e["ts"] < reach:  # inside one already counted (layout forced by the handler)
            continue
        reach = e["ts"] + e["dur"]
        k = next((k for k, (a, b) in enumerate(zip(starts, ends, strict=True)) if a <= e["ts"] <= b), None)
        if k is not None:
            times[k] += e.get("tdur", e["dur"]) / 1000
    return times


def serve_both(site: Path, material: Path) -> tuple[list, dict[str, str]]:
    """The site for the directory and Pagefind, and Material's copy, each on its own port."""
    (one, url), (two, material_url) = serve(site), serve(material)
    return [one, two], {"directory": url, "pagefind": url, "material": material_url}


SCRIPTS_COMPARED = ("match.js", "cards.js", "search.js", "directory.css")  # the stylesheet: styling is in a keystroke


def with_scripts_of(site: Path, revision: str) -> Path:
    """A copy of the site (hard links) whose directory scripts and stylesheet are those of a git revision."""
    verify = ["git", "rev-parse", "--verify", f"{revision}^{{commit}}"]
    subprocess.run(verify, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # a revision that is not there stops here
    copy = site.with_name(f"{site.name}-{revision}")
    shutil.copytree(site, copy, copy_function=os.link)
    for name in SCRIPTS_COMPARED:
        at = f"{revision}:generator/site/assets/{name}"
        shown = subprocess.run(["git", "show", at], cwd=ROOT, capture_output=True)
        target = copy / "assets" / "mentor-directory" / name
        target.unlink()  # a hard link: writing through it would change the original too
        # A script the revision did not have is left out: its own pages would not load it.
        if shown.returncode == 0:
            target.write_bytes(shown.stdout)
    return copy


def first_two_letters(query: str) -> bool:
    """Whether a keystroke typed a word's second letter (its first to search with)."""
    return len(query.split(" ")[-1]) == 2


def relevance_table(browser, folder: Path) -> list[str]:
    project = folder / "relevance"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "guidance", project / "guidance")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    relevance.write_profiles(project / "mentors")
    shutil.copy(ROOT / "mentors" / "_template.yml", project / "mentors")
    # Built for the day the relevance tests use: no sample profile is confirmed after it.
    env = dict(os.environ, SOURCE_DATE_EPOCH=RELEVANCE_EPOCH, NO_MKDOCS_2_WARNING="1")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")]
    mkdocs += ["-d", str(project / "site")]
    subprocess.run(mkdocs, check=True, env=env)
    material, _ = prepare(project / "site")
    servers, urls = serve_both(project / "site", material)
    cases = relevance.queries()
    lines = ["| search | recall | precision | queries answered exactly |", "|---|---|---|---|"]
    try:
        for search in SEARCHES:
            found = run(browser, urls, search, [c["query"] for c in cases], True)["found"]
            hits = wanted = returned = exact = 0
            for case, links in zip(cases, found, strict=True):
                slugs = {m.group(1) for m in (re.search(r"mentors/([^/]+)/", link) for link in links) if m}
                meant = set(case["expect"])
                hits, wanted, returned = hits + len(slugs & meant), wanted + len(meant), returned + len(slugs)
                exact += slugs == meant | set(case.get("also", []))
            lines.append(
                f"| {search} | {hits / wanted:.1%} ({hits}/{wanted}) | {hits / max(returned, 1):.1%} "
                f"({hits}/{returned}) | {exact}/{len(cases)} |"
            )
    finally:
        for server in servers:
            server.shutdown()
    return lines


def cpu_cells(times: list[float] | None) -> str:
    """The two CPU cells of a row: all keystrokes, then a word's first two letters (none for the others)."""
    if not times:
        return "– | –"
    two = [t for q, t in zip(TYPED * (len(times) // len(TYPED)), times, strict=True) if first_two_letters(q)]
    return (
        f"{statistics.median(times):.1f} ms, {percentile(times, 95):.1f} ms "
        f"| {statistics.median(two):.1f} ms, {percentile(two, 95):.1f} ms"
    )


def speed_table(browser, folder: Path, count: int, rounds: int, compare: str = "", data: str = "") -> list[str]:
    project = folder / f"synthetic-{count}"
    # As bench_build.py: mentors kept in --data are made once and read again by later runs.
    mentors = Path(data) / f"n{count}" if data else folder / f"mentors-{count}"
    if not (mentors / "_vocabulary.yml").exists():
        synthetic.write(count, mentors)
    build(real_project(project, mentors), project / "site", keep=True)
    material, seconds = prepare(project / "site")
    data = (project / "site" / "assets" / "mentor-directory" / "mentors-data.js").read_bytes()
    servers, urls = serve_both(project / "site", material)
    searches = list(SEARCHES)
    if compare:
        server, urls[f"directory@{compare}"] = serve(with_scripts_of(project / "site", compare))
        servers.append(server)
        searches.insert(1, f"directory@{compare}")
    results: dict[str, list[dict]] = {s: [] for s in searches}
    cpu: dict[str, list[float]] = {s: [] for s in searches if s.startswith("directory")}
    try:
        for _ in range(rounds):  # alternated: the machine's speed drifts
            for search in searches:
                results[search].append(run(browser, urls, search.split("@")[0], TYPED, False, urls[search]))
            for search in cpu:  # traced in visits of their own: tracing slows the wall clock
                cpu[search] += keystroke_cpu(browser, urls[search], TYPED)
    finally:
        for server in servers:
            server.shutdown()
    lines = [
        f"| {count:,} mentors | bytes to first results | ready: first results | keystroke median | keystroke p95 "
        "| a word's first two letters: median, p95 | keystroke CPU: median, p95 "
        "| first two letters, CPU: median, p95 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for search in searches:
        runs = results[search]
        keys = [t for r in runs for t in r["times"]]
        two = [t for r in runs for q, t in zip(TYPED, r["times"], strict=True) if first_two_letters(q)]
        readies = sorted(r["ready"] for r in runs)
        lines.append(
            f"| {search} | {statistics.median(r['bytes'] for r in runs) / 1024:,.0f} KB "
            f"| {statistics.median(readies):,.0f} ms ({readies[0]:,.0f}–{readies[-1]:,.0f}) "
            f"| {statistics.median(keys):.1f} ms | {percentile(keys, 95):.1f} ms "
            f"| {statistics.median(two):.1f} ms, {percentile(two, 95):.1f} ms | {cpu_cells(cpu.get(search))} |"
        )
    lines.append("")
    lines.append(
        f"directory data: {len(data) / 1024:,.0f} KB, {len(gzip.compress(data, 9)) / 1024:,.0f} KB gzipped; "
        f"Pagefind indexing took {seconds:.1f} s; {len(TYPED)} keystrokes x {rounds} rounds"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", type=int, nargs="*", default=[1000, 10_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compare", default="", help="also time the directory with the scripts of this git revision")
    parser.add_argument("--no-relevance", action="store_true", help="skip the relevance table")
    parser.add_argument("--data", default="", help="keep the synthetic mentors in this folder, and reuse them")
    args = parser.parse_args()
    if subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True).returncode != 0:
        sys.exit('Pagefind is measured beside this directory: install it first with pip install "pagefind[bin]"')
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}", flush=True)
        if not args.no_relevance:
            print("\n".join(relevance_table(browser, Path(tmp))), end="\n\n", flush=True)
        for count in args.counts:
            table = speed_table(browser, Path(tmp), count, args.rounds, args.compare, args.data)
            print("\n".join(table), end="\n\n", flush=True)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        browser.close()


if __name__ == "__main__":
    main()
