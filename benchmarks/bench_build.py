"""How long `mkdocs build` takes on realistic data, cold and warm, beside the bare Material pipeline.

    python benchmarks/bench_build.py [--sizes 1000 10000] [--rounds 3] [--serial]

For each size it writes synthetic mentors (six in ten with their own 800x800 JPEG of about
100 KB) and builds, in rounds, one after the other so that a shared machine's changing load
falls on all of them alike:

- bare Material: the same mentors as one Markdown page each, showing the photo as uploaded,
  out of the navigation (Material's default navigation lists every page on every page);
- this project, cold: nothing kept (`.cache/mentor-directory` removed before the build);
- this project, warm: what the previous build kept (photos, checked profiles, pages);
- with --serial, the same two with MENTOR_DIRECTORY_WORKERS=1: no worker processes or threads;
- with --warm-only, the cold build is measured once, as the first build, not in every round;
- with --compare DIR [DIR ...], a cold and a warm build with the `generator` package found in
  each DIR (an earlier version, say from `git archive REV generator | tar -x -C DIR`, or the
  same code with a setting changed), to measure a change before and after in the same rounds
  (each builds once before the rounds: the code is part of what its kept results are keyed on).

It prints the median of the rounds with the fastest and slowest, each build's ratio to bare
Material in the same round, the CPU time of all its processes (less disturbed than the time
by other work on the machine), the peak memory of the largest process and the output size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1795000000"
CACHE = ".cache/mentor-directory"
# Runs a build and reports its peak memory: the largest of this process and its workers.
RUNNER = """
import resource, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(peak)
"""


def build(config: Path, site: Path, env: dict[str, str] | None = None, keep: bool = False) -> dict:
    """Build in a fresh process: time, CPU, peak memory and output size; the site is removed unless kept."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1", **(env or {}))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(config), str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stderr[-3000:]}")
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    if not keep:
        shutil.rmtree(site)
    return {"seconds": seconds, "cpu": cpu, "peak_mb": int(done.stdout.split()[-1]) / 1024, "bytes": size}


def real_project(folder: Path, mentors: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder)
    shutil.copytree(ROOT / "guidance", folder / "guidance")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    shutil.copytree(mentors, folder / "mentors")
    shutil.copy(ROOT / "mentors" / "_template.yml", folder / "mentors")
    return folder / "mkdocs.yml"


def bare_project(folder: Path, mentors: Path) -> Path:
    """The same mentors as hand-written Markdown pages with their photos as uploaded, built by Material alone."""
    import yaml

    docs = folder / "docs"
    shutil.copytree(ROOT / "guidance", docs)
    shutil.copytree(mentors / "photos", docs / "mentors" / "photos")
    for path in sorted(mentors.glob("mentor-*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines = [f"# {data['name']}", ""]
        if "photo" in data:
            lines += [f"![{data['name']}](photos/{data['photo']}){{ width=160 }}", ""]
        lines += [f"**{data['headline']}**", "", data["bio"], "", "## Details", ""]
        lines += [f"- Topics: {', '.join(data['topics'])}", f"- Country: {data['country']}"]
        lines += [f"- Languages: {', '.join(data['languages'])}", ""]
        lines += [f"[Ask for a conversation](mailto:{data['email']})"]
        (docs / "mentors" / f"{path.stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = {
        "site_name": "Bare",
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["attr_list"],
        "nav": [{"Home": "index.md"}],
        "validation": {"nav": {"omitted_files": "info"}, "links": {"unrecognized_links": "info"}},
    }
    (folder / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    return folder / "mkdocs.yml"


def variants(folder: Path, serial: bool, compare: list[str] | None = None) -> dict:
    """name -> (config, environment, whether to empty the photo cache first)."""
    real = folder / "real" / "mkdocs.yml"
    found = {
        "bare Material": (folder / "bare" / "mkdocs.yml", {}, False),
        "this project, cold": (real, {}, True),
        "this project, warm": (real, {}, False),
    }
    if serial:
        one = {"MENTOR_DIRECTORY_WORKERS": "1"}
        found |= {"serial, cold": (real, one, True), "serial, warm": (real, one, False)}
    for other in compare or []:
        found[f"{Path(other).name}, cold"] = (real, {"PYTHONPATH": other}, True)
        found[f"{Path(other).name}, warm"] = (real, {"PYTHONPATH": other}, False)
    return found


def measure(count: int, args: argparse.Namespace, tmp: Path) -> dict[str, list[dict]]:
    folder = tmp / f"n{count}"
    data = Path(args.data) / f"n{count}" if args.data else folder / "data"
    mentors = data if (data / "_vocabulary.yml").exists() else synthetic.write(count, data)
    real_project(folder / "real", mentors)
    bare_project(folder / "bare", mentors)
    runs = variants(folder, args.serial, args.compare)
    results: dict[str, list[dict]] = {name: [] for name in runs}
    # The first build, with imports and the OS's file cache cold too.
    first = build(runs["this project, cold"][0], folder / "site")
    for name, (config, env, _) in runs.items():
        if name.endswith(", warm") and "PYTHONPATH" in env:
            build(config, folder / "site", env)  # other code keeps its own results (store.py): made once, first
    if args.warm_only:
        runs = {name: run for name, run in runs.items() if not run[2]}
        results = {"this project, cold (first build only)": [first]} | {name: [] for name in runs}
    for i in range(args.rounds):
        for name, (config, env, cold) in runs.items():
            if cold:
                shutil.rmtree(config.parent / CACHE, ignore_errors=True)
            results[name].append(build(config, folder / "site", env))
            print(f"  round {i + 1}: {name}: {results[name][-1]['seconds']:.2f} s", file=sys.stderr, flush=True)
    shutil.rmtree(folder)
    return results


def report(count: int, results: dict[str, list[dict]]) -> None:
    bare = results["bare Material"]
    for name, runs in results.items():
        times = spread([r["seconds"] for r in runs], " s")
        # Against bare Material in the same round; a build made once, against their median.
        if len(runs) == len(bare):
            ratios = spread([r["seconds"] / b["seconds"] for r, b in zip(runs, bare, strict=True)], "")
        else:
            ratios = spread([runs[0]["seconds"] / statistics.median(b["seconds"] for b in bare)], "")
        cpu = spread([r["cpu"] for r in runs], " s")
        peak = max(r["peak_mb"] for r in runs)
        output = statistics.median(r["bytes"] for r in runs) / 2**20
        ratio = "" if name == "bare Material" else ratios
        print(f"| {name} | {count:,} | {times} | {ratio} | {cpu} | {peak:.0f} MB | {output:.1f} MB |", flush=True)


def spread(values: list[float], unit: str) -> str:
    """The median, with the lowest and highest."""
    return f"{statistics.median(values):.2f}{unit} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3, help="builds of each kind, alternated; the median is shown")
    parser.add_argument("--serial", action="store_true", help="also build without worker processes or threads")
    parser.add_argument("--compare", nargs="*", default=[], help="also build with the generator package in each folder")
    parser.add_argument("--warm-only", action="store_true", help="measure the cold build once, not every round")
    parser.add_argument("--data", default="", help="keep the synthetic mentors in this folder, and reuse them")
    args = parser.parse_args()
    args.compare = [str(Path(folder).resolve()) for folder in args.compare]
    before = cpu_ticks()
    print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}")
    print("| build | mentors | time, median (range) | x bare Material, same round | CPU time | peak memory | output |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.sizes:
            report(count, measure(count, args, Path(tmp)))
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if before and (after := cpu_ticks()) and after[0] > before[0]:
        share = (after[1] - before[1]) / (after[0] - before[0])
        # A virtual machine's host gives its cores to other guests too: every build waits alike.
        print(f"CPU time taken by the host for other guests (steal): {share:.0%}; above a few %, compare within rounds")


def cpu_ticks() -> tuple[int, int] | None:
    """The machine's CPU time so far, all of it and the part its host took for other guests (Linux)."""
    try:
        fields = [int(field) for field in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    return (sum(fields), fields[7]) if len(fields) == 8 else None


if __name__ == "__main__":
    main()
