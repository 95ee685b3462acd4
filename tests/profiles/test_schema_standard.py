"""The published profile schema as editors and standard validators read it, not only as our checker does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "generator" / "schema" / "profile.schema.json"
SAMPLES = sorted(p for p in (ROOT / "mentors").glob("*.yml") if not p.name.startswith("_"))
PROFILE = """\
name: Ada Okafor
email: {email}
headline: Evaluation adviser
bio: I spent ten years in monitoring and evaluation across East Africa. Ask me about moving into analysis.
topics: [data-and-evidence]
country: KE
languages: [en]
{dated}
"""


def check_jsonschema(*args: str | Path) -> subprocess.CompletedProcess:
    """The check-jsonschema command, as a contributor or an editor's plugin runs it."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def test_the_schema_is_valid_against_its_metaschema_with_formats_asserted() -> None:
    result = check_jsonschema("--check-metaschema", SCHEMA)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_sample_profile_passes_the_schema_as_an_editor_checks_it() -> None:
    result = check_jsonschema("--schemafile", SCHEMA, *SAMPLES)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("email", "dated", "passes"),
    [
        ("ada@example.org", "last_confirmed: 2026-05-01", True),
        ("ada@example.org", "imported: 2026-03-02", True),  # imported, not yet confirmed
        ("ada@example.org", "", False),  # neither date
        ("'ada\"@example.org'", "last_confirmed: 2026-05-01", False),
        ('"ada\'o@example.org"', "last_confirmed: 2026-05-01", False),
        ("ada@example.org?cc=x@evil.example", "last_confirmed: 2026-05-01", False),
        ("ada@exa mple.org", "last_confirmed: 2026-05-01", False),
    ],
)
def test_a_standard_validator_accepts_and_refuses_what_our_checker_does(
    tmp_path: Path, email: str, dated: str, passes: bool
) -> None:
    path = tmp_path / "ada-okafor.yml"
    path.write_text(PROFILE.format(email=email, dated=dated), encoding="utf-8")
    result = check_jsonschema("--schemafile", SCHEMA, path)
    assert (result.returncode == 0) is passes, result.stdout + result.stderr


def patterns(node: object) -> list[str]:
    """Every regular expression in the schema: `pattern` values and `patternProperties` keys."""
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        found += list(node.get("patternProperties", {}))
        return found + [p for value in node.values() for p in patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in patterns(value)]
    return []


def test_every_pattern_compiles_as_a_unicode_ecma_262_regex() -> None:
    """Editors compile patterns with `new RegExp(p, "u")`, where `\\"` is an invalid escape."""
    node = shutil.which("node") or "/usr/bin/node"
    if not Path(node).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js is needed to compile the schema's patterns as a browser does (.ci/run installs it)")
        pytest.skip("Node.js is not installed: the schema's patterns are not compiled as a browser does")
    found = patterns(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert len(found) >= 10
    script = (
        "const ps = JSON.parse(require('fs').readFileSync(0, 'utf8')); const bad = [];"
        "for (const p of ps) { try { new RegExp(p, 'u'); } catch (e) { bad.push(p + ': ' + e.message); } }"
        "console.log(JSON.stringify(bad));"
    )
    result = subprocess.run([node, "-e", script], input=json.dumps(found), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_the_node_check_catches_the_escape_editors_reject() -> None:
    """The check above is not vacuous: the old email pattern fails it."""
    node = shutil.which("node") or "/usr/bin/node"
    if not Path(node).exists():
        pytest.skip("Node.js is not installed")
    old = "^[^\\s?&,;%#<>\\\"'()\\[\\]\\\\]+@[^\\s]+$"
    result = subprocess.run(
        [node, "-e", "new RegExp(process.argv[1], 'u')", old], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "Invalid escape" in result.stderr
