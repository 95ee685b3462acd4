"""How long a full `mkdocs build` takes, how much memory and how much output, against the naive ways.

    python benchmarks/bench_build.py [--sizes 100 1000 10000] [--naive 1000] [--repeat 3]

For each size it builds the real site from synthetic profiles, --repeat times, and prints
the median time with the fastest and slowest (a shared machine's speed varies). At the
--naive size it also builds the same mentors as one hand-written Markdown page each with
Material, first in Material's default navigation, then kept out of it, and prints the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1795000000"
# Runs a build and reports its peak memory, counting the worker processes it started.
RUNNER = """
import resource, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(peak)
"""


def build(config: Path, site: Path) -> dict:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(config), str(site)], capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stderr[-3000:]}")
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"seconds": seconds, "peak_mb": int(done.stdout.split()[-1]) / 1024, "bytes": size}


def real_project(folder: Path, count: int) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", folder)
    shutil.copytree(ROOT / "guidance", folder / "guidance")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    synthetic.write(count, folder / "mentors")
    shutil.copy(ROOT / "mentors" / "_template.yml", folder / "mentors")
    return folder / "mkdocs.yml"


def naive_project(folder: Path, count: int, in_nav: bool) -> Path:
    """The same mentors as hand-written Markdown pages, built by Material alone."""
    import yaml

    profiles = synthetic.write(count, folder / "profiles")
    docs = folder / "docs"
    shutil.copytree(ROOT / "guidance", docs)
    (docs / "mentors").mkdir(exist_ok=True)
    for path in sorted(profiles.glob("mentor-*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines = [f"# {data['name']}", "", f"**{data['headline']}**", "", data["bio"], "", "## Details", ""]
        lines += [f"- Topics: {', '.join(data['topics'])}", f"- Country: {data['country']}"]
        lines += [
            f"- Languages: {', '.join(data['languages'])}",
            "",
            f"[Ask for a conversation](mailto:{data['email']})",
        ]
        (docs / "mentors" / f"{path.stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = {"site_name": "Naive", "docs_dir": "docs", "theme": {"name": "material", "font": False}}
    if not in_nav:
        config["nav"] = [{"Home": "index.md"}]
        config["validation"] = {"nav": {"omitted_files": "info"}, "links": {"unrecognized_links": "info"}}
    (folder / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    return folder / "mkdocs.yml"


def repeated(config: Path, folder: Path, times: int) -> dict:
    """The median build of `times`, each into a new site folder, with the fastest and slowest time."""
    runs = sorted((build(config, folder / f"site-{i}") for i in range(times)), key=lambda r: r["seconds"])
    median = dict(runs[len(runs) // 2])
    median["range"] = (runs[0]["seconds"], runs[-1]["seconds"])
    return median


def row(name: str, count: int, result: dict) -> str:
    per = result["bytes"] / count / 1024
    low, high = result.get("range", (result["seconds"], result["seconds"]))
    spread = f" ({low:.2f}-{high:.2f})" if high > low else ""
    return (
        f"| {name} | {count:,} | {result['seconds']:.2f} s{spread} | {result['peak_mb']:.0f} MB | "
        f"{result['bytes'] / 1024 / 1024:.1f} MB | {per:.1f} KB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--naive", type=int, default=1000, help="size for the naive comparisons (0 to skip)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each size; the median is shown")
    args = parser.parse_args()
    print("| build | mentors | time, median (fastest-slowest) | peak memory | output | output per mentor |")
    print("|---|---|---|---|---|---|")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.sizes:
            folder = Path(tmp) / f"real-{count}"
            folder.mkdir()
            results[("real", count)] = result = repeated(real_project(folder, count), folder, args.repeat)
            print(row("this project", count, result), flush=True)
        if args.naive:
            count = args.naive
            for name, in_nav in (("naive, in navigation", True), ("naive, out of navigation", False)):
                folder = Path(tmp) / name.replace(" ", "-").replace(",", "")
                folder.mkdir()
                results[(name, count)] = result = build(naive_project(folder, count, in_nav), folder / "site")
                print(row(name, count, result), flush=True)
    if args.naive and ("real", args.naive) in results:
        real = results[("real", args.naive)]
        print()
        for name in ("naive, in navigation", "naive, out of navigation"):
            other = results[(name, args.naive)]
            print(
                f"{name} / this project at {args.naive:,}: time x{other['seconds'] / real['seconds']:.1f}, "
                f"memory x{other['peak_mb'] / real['peak_mb']:.1f}, output x{other['bytes'] / real['bytes']:.1f}"
            )
    if len(args.sizes) >= 2:
        low, high = sorted(args.sizes)[0], sorted(args.sizes)[-1]
        growth = (results[("real", high)]["bytes"] - results[("real", low)]["bytes"]) / (high - low) / 1024
        print(f"\noutput growth per mentor from {low:,} to {high:,}: {growth:.1f} KB")


if __name__ == "__main__":
    main()
