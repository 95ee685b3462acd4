"""The layout's picture holds in code: import-linter's contracts, kept and covering every package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _contracts() -> list[dict]:
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS), "--config", "pyproject.toml", "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _layered() -> set[str]:
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    return {name.strip() for layer in layers["layers"] for name in layer.split("|")}


def test_every_module_sits_in_a_layer() -> None:
    """A new package or top-level module cannot dodge the layers by not being named."""
    present = {
        f"generator.{p.stem if p.is_file() else p.name}"
        for p in (ROOT / "generator").iterdir()
        if (p.suffix == ".py" and p.stem not in ("__init__", "__main__")) or (p / "__init__.py").is_file()
    }
    assert present == _layered()


def test_everything_but_the_plugin_is_kept_from_the_site_engine() -> None:
    (forbidden,) = [c for c in _contracts() if c["type"] == "forbidden"]
    assert set(forbidden["forbidden_modules"]) == {"mkdocs", "material", "properdocs"}
    assert set(forbidden["source_modules"]) == _layered() - {"generator.plugin"}
