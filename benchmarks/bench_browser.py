"""The "Find a mentor" page in headless Chromium: time to ready, keystroke and filter latency.

    python benchmarks/bench_browser.py [--count 10000] [--data-size 1000]

Builds the site from synthetic mentors, serves it on 127.0.0.1 and drives Debian's Chromium
(or the browser named by MENTOR_DIRECTORY_CHROMIUM). Beside the prebuilt word index it times the
naive alternative: building a lunr index in the browser on every visit (of names, headlines and
topics only, a lower bound: the records carry no bios, which the prebuilt index holds whole).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import os
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from bench_build import build, real_project  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
QUERIES = ["h", "he", "hea", "heal", "healt", "health", "health p", "health po", "health pol", "data", "climate",
           "evaluation", "monitoring", "finance", "fieldwork", "ana", "leadership", "migration"]  # fmt: skip

# Typing: set the box and fire 'input' as a keystroke does; the handler updates the results
# synchronously, and reading a layout property makes the browser lay them out too.
TYPE = """async (queries) => {
  const box = document.getElementById('mdir-q');
  const times = [];
  for (const q of queries) {
    const start = performance.now();
    box.value = q;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    document.getElementById('mdir-list').offsetHeight;
    times.push(performance.now() - start);
    await new Promise(r => setTimeout(r, 0));
  }
  return times;
}"""
FILTER = """async () => {
  const boxes = [...document.querySelectorAll('input[name=facet]')];
  const times = [];
  for (let round = 0; round < 3; round++) {
    for (const box of boxes.filter((_, i) => i % 7 === round)) {
      const start = performance.now();
      box.click();
      document.getElementById('mdir-list').offsetHeight;
      times.push(performance.now() - start);
      box.click();
      await new Promise(r => setTimeout(r, 0));
    }
  }
  return times;
}"""
NAIVE = """() => {
  const data = window.mentorDirectoryData, f = {};
  data.record.forEach((name, i) => f[name] = i);
  const start = performance.now();
  lunr(function () {
    this.ref('ref');
    this.field('name', {boost: 10}); this.field('topics', {boost: 6});
    this.field('headline', {boost: 3});
    data.records.forEach((r, i) => this.add({ref: String(i), name: r[f.name], headline: r[f.headline],
      topics: r[f.topics].map(t => data.labels.topics[t]).join(' ')}));
  });
  return performance.now() - start;
}"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def chromium() -> str:
    path = os.environ.get("MENTOR_DIRECTORY_CHROMIUM") or "/usr/bin/chromium"
    if not Path(path).exists():
        sys.exit(f"no browser at {path}: install Debian's chromium or set MENTOR_DIRECTORY_CHROMIUM")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def data_size(count: int) -> tuple[int, int]:
    """Raw and gzipped bytes of the directory data for `count` mentors."""
    from generator.settings import Settings
    from generator.site import search_index
    from generator.site.build import build as build_core

    with tempfile.TemporaryDirectory() as tmp:
        folder = synthetic.write(count, Path(tmp) / "mentors")
        built = build_core(folder, Settings(today=dt.date(2026, 11, 18)))
        raw = built.everything()[1][search_index.DATA_SCRIPT].encode("utf-8")
    return len(raw), len(gzip.compress(raw, 9))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--data-size", type=int, default=1000, help="also report the data size at this many")
    parser.add_argument("--visits", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "project"
        mentors = synthetic.write(args.count, Path(tmp) / "mentors")
        build(real_project(folder, mentors), folder / "site", keep=True)
        data_file = folder / "site" / "assets" / "mentor-directory" / "mentors-data.js"
        raw = data_file.read_bytes()
        server, url = serve(folder / "site")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
                loads, readies, naive = [], [], []
                for _ in range(args.visits):
                    page = browser.new_page()
                    page.goto(url + "mentors/")
                    page.wait_for_function("window.mentorDirectorySearch && window.mentorDirectorySearch.ready")
                    timings = page.evaluate("window.mentorDirectorySearch.timings")
                    loads.append(timings["load"])
                    readies.append(timings["ready"])
                    naive.append(page.evaluate(NAIVE))
                    page.close()
                keys, filters = [], []
                for _ in range(3):  # a fresh page each round: no query is answered from the cache
                    page = browser.new_page()
                    page.goto(url + "mentors/")
                    page.wait_for_function("window.mentorDirectorySearch && window.mentorDirectorySearch.ready")
                    keys += page.evaluate(TYPE, QUERIES)
                    page.evaluate(TYPE, [""])
                    filters += page.evaluate(FILTER)
                    page.close()
                browser.close()
        finally:
            server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    small_raw, small_gz = data_size(args.data_size)
    print(f"| measure ({args.count:,} mentors, headless Chromium) | median | 95th percentile |")
    print("|---|---|---|")
    for label, values in (
        ("data and word index ready to search", loads),
        ("ready: filters built, first results shown", readies),
        ("naive: build a lunr index in the browser (no bios)", naive),
        (f"keystroke to results ({len(keys)} keystrokes)", keys),
        (f"filter change to results ({len(filters)} changes)", filters),
    ):
        print(f"| {label} | {statistics.median(values):.1f} ms | {percentile(values, 95):.1f} ms |")
    print()
    big_gz = len(gzip.compress(raw, 9))
    print(f"directory data at {args.count:,} mentors: {len(raw) / 1024:.0f} KB, {big_gz / 1024:.0f} KB gzipped")
    print(f"directory data at {args.data_size:,} mentors: {small_raw / 1024:.0f} KB, {small_gz / 1024:.0f} KB gzipped")
    print(f"naive / prebuilt time to a usable index: x{statistics.median(naive) / statistics.median(loads):.1f}")


if __name__ == "__main__":
    main()
