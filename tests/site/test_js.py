"""The browser scripts' own logic, tested in Node without a browser: `node --test tests/js/`, run from here.

The JavaScript tests search the relevance fixture's mentors with match.js; the data they search
is made here once, as the build makes it (tests/js/search_data.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

JS_TESTS = ROOT / "tests" / "js"


def test_node_test_passes_on_the_javascript_tests(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        message = "Node.js is not installed: the JavaScript tests in tests/js/ did not run (.ci/run installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    data = tmp_path / "mentors-data.js"
    made = subprocess.run([sys.executable, str(JS_TESTS / "search_data.py")], capture_output=True, text=True, cwd=ROOT)
    assert made.returncode == 0, made.stderr[-3000:]
    data.write_text(made.stdout, encoding="utf-8")
    env = dict(os.environ, MENTOR_DIRECTORY_SEARCH_DATA=str(data), PYTHON=sys.executable)
    done = subprocess.run(
        [node, "--test", str(JS_TESTS)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=600
    )
    assert done.returncode == 0, f"node --test tests/js/ failed:\n{done.stdout[-6000:]}\n{done.stderr[-2000:]}"
    # Every test written ran and passed: none skipped, none lost with a file that stopped loading.
    written = sum(path.read_text(encoding="utf-8").count("\ntest(") for path in JS_TESTS.glob("*.test.js"))
    assert written >= 9
    assert f"# pass {written}\n" in done.stdout and "# skipped 0" in done.stdout, done.stdout[-3000:]
