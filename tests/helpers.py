"""Helpers shared by test modules: one place, so no test module imports another."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
