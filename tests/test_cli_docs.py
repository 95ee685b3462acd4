"""Every command and option of `mentor-directory` is documented in the README's "Commands" section."""

from __future__ import annotations

import argparse
import re

import pytest

from generator.cli import _parser
from tests.helpers import ROOT


def _commands() -> dict[str, list[str]]:
    """Each command with its long options, as the parser knows them."""
    (sub,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return {
        name: [s for action in parser._actions for s in action.option_strings if s.startswith("--") and s != "--help"]
        for name, parser in sub.choices.items()
    }


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]


def _rows() -> dict[str, str]:
    """The Commands table's row for each command, keyed by the command's name."""
    rows = re.findall(r"^(\| `mentor-directory ([a-z-]+).*)$", _section(), re.M)
    return {name: line for line, name in rows}


def _shared() -> dict[str, str]:
    """The shared-options table: each option with the cell naming its commands."""
    found = {}
    for options, commands in re.findall(r"^\| (`--[^|]+) \| ([^|]+) \|", _section(), re.M):
        for option in re.findall(r"`(--[a-z-]+)", options):
            found[option] = commands
    return found


CASES = [(name, option) for name, options in _commands().items() for option in [None, *options]]


@pytest.mark.parametrize("command, option", CASES, ids=[f"{c} {o or ''}".strip() for c, o in CASES])
def test_documented(command: str, option: str | None) -> None:
    rows = _rows()
    assert command in rows, f"the README's Commands table has no row for `mentor-directory {command}`"
    if option is None:
        return
    in_row = re.search(rf"(?<![\w-]){re.escape(option)}\b", rows[command])
    in_shared = f"`{command}`" in _shared().get(option, "")
    assert in_row or in_shared, f"`mentor-directory {command} {option}` is not in the README's Commands section"


def test_no_documented_command_is_missing_from_the_parser() -> None:
    assert set(_rows()) <= set(_commands())
