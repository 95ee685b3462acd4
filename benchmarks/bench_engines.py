"""The same site built by each engine: MkDocs 1.6, ProperDocs, and Zensical through the export.

    python benchmarks/bench_engines.py [--mentors 1000] [--repeat 3]

Each round builds the site once with every engine, in turn, so a shared machine's drift falls on
all of them alike; it prints each engine's median with the fastest and slowest. The Zensical time
is the export (`mentor-directory zensical`) plus `zensical build`; it is left out where Zensical
is not installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from bench_build import EPOCH, real_project  # noqa: E402


def run(command: list[str], cwd: Path) -> float:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def rounds(project: Path, engines: list[str]) -> dict[str, float]:
    times = {}
    for engine in engines:
        shutil.rmtree(project / "site", ignore_errors=True)
        if engine == "zensical":
            out = project.parent / "zensical-project"
            shutil.rmtree(out, ignore_errors=True)
            export = [sys.executable, "-m", "generator", "zensical", "--out", str(out), "--config", "mkdocs.yml"]
            times[engine] = run(export, project) + run([sys.executable, "-m", "zensical", "build"], out)
        else:
            times[engine] = run([sys.executable, "-m", engine, "build", "-f", "mkdocs.yml"], project)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentors", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engines = [e for e in ("mkdocs", "properdocs", "zensical") if importlib.util.find_spec(e)]
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "site-source"
        real_project(project, synthetic.write(args.mentors, Path(tmp) / "mentors"))
        results: dict[str, list[float]] = {e: [] for e in engines}
        for _ in range(args.repeat):
            for engine, seconds in rounds(project, engines).items():
                results[engine].append(seconds)
    print(f"{args.mentors} mentors, {args.repeat} rounds, engines in turn within each round")
    for engine, times in results.items():
        print(f"  {engine:<11} median {statistics.median(times):.2f} s ({min(times):.2f}–{max(times):.2f})")


if __name__ == "__main__":
    main()
