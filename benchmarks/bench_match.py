"""The matcher alone (match.js in Node, no browser): CPU time per keystroke, this tree against a git revision.

    python benchmarks/bench_match.py [--count 10000] [--compare REV] [--visits 20] [--data FILE]

Builds the search data of synthetic mentors (or reads FILE, a mentors-data.js), then plays the
keystrokes of bench_search.py's typed words, each visit with a fresh matcher as a page load has,
alternating this tree's match.js with REV's. CPU time (process.cpuUsage) is far steadier than
wall time on a shared machine. Every keystroke's results are compared: they must be the same.
The browser's whole keystroke (filters, cards, layout) is bench_search.py's to measure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from bench_search import TYPED, first_two_letters  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "generator" / "site" / "assets"
PLAY = r"""
const fs = require("fs"), vm = require("vm");
const [lunrFile, dataFile, visits, typed, ...matchFiles] = process.argv.slice(2);
const data = fs.readFileSync(dataFile, "utf8"), queries = JSON.parse(typed);
const pages = matchFiles.map((file) => {
  const page = vm.createContext({}); page.window = page;
  vm.runInContext(fs.readFileSync(lunrFile, "utf8"), page);
  vm.runInContext(fs.readFileSync(file, "utf8"), page);
  vm.runInContext(data, page);
  return page;
});
const micros = matchFiles.map(() => queries.map(() => [])), differ = new Set();
for (let visit = 0; visit < +visits; visit++) {
  const order = visit % 2 ? [...pages.keys()].reverse() : [...pages.keys()];
  const answers = [];
  for (const p of order) {
    const page = pages[p], d = page.mentorDirectoryData, n = d.records.length;
    const matcher = page.mentorDirectoryMatcher(d.search);
    ["ab", "abc de", "abcdefgh"].forEach((q) => matcher.find(q, n));  // search.js's warm-up
    answers[p] = queries.map((q, i) => {
      const start = process.cpuUsage();
      const found = matcher.find(q.trim().toLowerCase(), n);
      const used = process.cpuUsage(start);
      micros[p][i].push(used.user + used.system);
      return JSON.stringify(found);
    });
  }
  queries.forEach((q, i) => { if (answers.some((a) => a[i] !== answers[0][i])) differ.add(q); });
}
console.log(JSON.stringify({ micros, differ: [...differ] }));
"""


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def data_file(count: int, folder: Path) -> Path:
    from generator.settings import Settings
    from generator.site import search_index
    from generator.site.build import build

    mentors = synthetic.write(count, folder / "mentors", photos=False)
    built = build(mentors, Settings(today=dt.date(2026, 11, 18)))
    path = folder / "mentors-data.js"
    path.write_text(built.everything()[1][search_index.DATA_SCRIPT], encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--compare", default="80b40c6", help="git revision whose match.js is measured beside")
    parser.add_argument("--visits", type=int, default=20, help="fresh matchers per version, alternated")
    parser.add_argument("--data", default="", help="a mentors-data.js to search instead of making one")
    args = parser.parse_args()
    node = shutil.which("node") or sys.exit("Node.js is needed: install Debian's nodejs")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = Path(args.data) if args.data else data_file(args.count, folder)
        old = folder / "match-old.js"
        shown = subprocess.run(["git", "show", f"{args.compare}:generator/site/assets/match.js"], cwd=ROOT,
                               capture_output=True, check=True)  # fmt: skip
        old.write_bytes(shown.stdout)
        lunr = next((ASSETS / "vendor").glob("lunr-*.min.js"))
        play = folder / "play.js"
        play.write_text(PLAY, encoding="utf-8")
        argv = [node, str(play), str(lunr), str(data), str(args.visits), json.dumps(TYPED)]
        done = subprocess.run(argv + [str(ASSETS / "match.js"), str(old)], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(done.stderr[-3000:])
    result = json.loads(done.stdout)
    print(f"match.js find(), CPU time per keystroke: {len(TYPED)} keystrokes x {args.visits} fresh matchers each, "
          f"alternated ({'data file ' + args.data if args.data else f'{args.count:,} synthetic mentors'})")  # fmt: skip
    print("| match.js | keystroke median | p95 | a word's first two letters: median | p95 | slowest |")
    print("|---|---|---|---|---|---|")
    for label, micros in zip(("this tree", args.compare), result["micros"], strict=True):
        every = [m / 1000 for per in micros for m in per]
        two = [m / 1000 for q, per in zip(TYPED, micros, strict=True) if first_two_letters(q) for m in per]
        print(f"| {label} | {median(every):.2f} ms | {percentile(every, 95):.2f} ms | {median(two):.2f} ms "
              f"| {percentile(two, 95):.2f} ms | {max(every):.2f} ms |")  # fmt: skip
    print(f"keystrokes whose results differ between the two: {result['differ'] or 'none'}")


if __name__ == "__main__":
    main()
