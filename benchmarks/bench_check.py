"""How long `mentor-directory check` takes over synthetic profiles.

python benchmarks/bench_check.py [--count 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = synthetic.write(args.count, Path(tmp) / "mentors")
        command = [sys.executable, "-m", "generator", "check", str(folder), "--today", "2026-11-22"]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                sys.exit(f"check failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    print(
        f"check  profiles={args.count}  median={statistics.median(times):.2f} s  "
        f"best={min(times):.2f} s  runs={args.runs}  per-profile={statistics.median(times) / args.count * 1e3:.3f} ms"
    )


if __name__ == "__main__":
    main()
