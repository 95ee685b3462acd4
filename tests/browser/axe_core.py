"""axe-core, vendored (tests/browser/vendor/), run in a Playwright page with every one of its rules.

Every rule means every rule the engine has, whatever its tags: WCAG A to AAA, best practices,
and the experimental and deprecated ones axe leaves off by default. A rule that is wrong for a
page is not switched off here: the test that meets it says which, and why.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

VERSION = "4.14.1"
VENDOR = Path(__file__).parent / "vendor"
SCRIPT = VENDOR / f"axe-core-{VERSION}.min.js"
# Run every rule: axe.getRules() lists them all, including those axe.run leaves off unless asked.
_RUN = """async (options) => {
  const rules = Object.fromEntries(axe.getRules().map((rule) => [rule.ruleId, {enabled: true}]));
  const results = await axe.run(document, {...options, rules});
  return {version: axe.version, violations: results.violations};
}"""


# content-visibility: auto (the directory's cards) leaves text below the fold unpainted; axe then
# measures its colours against whatever it finds there (1.12:1, black on black, on a phone).
# Painting everything changes no colour or layout that a person sees once they scroll to it.
_PAINT_ALL = "*, *::before, *::after { content-visibility: visible !important; }"


def run_axe(page, options: dict | None = None) -> dict:
    """Inject axe into the page and run every rule; {"version": ..., "violations": [...]}."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(SCRIPT.read_text(encoding="utf-8"))
        page.add_style_tag(content=_PAINT_ALL)
    return page.evaluate(_RUN, {"resultTypes": ["violations"], **(options or {})})


def report(violations: list[dict]) -> str:
    """Each violation as a developer fixes it: rule, impact, help, every target, what to change."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            target = " >> ".join(json.dumps(part) if not isinstance(part, str) else part for part in node["target"])
            lines.append(f"    {target}")
            summary = node.get("failureSummary", "").replace("\n", " ").strip()
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


# Known violations with a fix on the way: (rule, pattern of the element's selector) -> the fix.
# Such a state is reported as an expected failure naming the fix, and only when nothing else
# fails; delete the row once the fix is in. Empty: every rule passes everywhere.
PENDING: dict[tuple[str, str], str] = {}


def _pending(violation: dict, node: dict) -> str | None:
    target = " ".join(map(str, node["target"]))
    for (rule, pattern), fix in PENDING.items():
        if violation["id"] == rule and re.search(pattern, target):
            return fix
    return None


def check(page, where: str) -> None:
    """Fail on any violation; a state whose only violations are PENDING is an expected failure."""
    violations = run_axe(page)["violations"]
    left = [v for v in violations if any(_pending(v, node) is None for node in v["nodes"])]
    assert not left, f"axe: {len(violations)} rule(s) fail on {where}, {page.url}:\n" + report(violations)
    if violations:
        fixes = sorted({_pending(v, node) for v in violations for node in v["nodes"]})
        pytest.xfail("waiting for: " + "; ".join(fixes) + "\n" + report(violations))
