"""Relevance: the queries a student types find the mentors they mean, by the README's matching contract.

The same queries run in Chromium against the built directory (tests/browser/test_search_relevance.py).
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.profiles.loader import load
from generator.profiles.validate import Rules
from generator.settings import Settings
from generator.site.directory import build as build_directory
from tests import relevance
from tests.search_reference import Reference

TODAY = dt.date(2026, 11, 22)
QUERIES = relevance.queries()


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Reference:
    folder = relevance.write_profiles(tmp_path_factory.mktemp("relevance") / "mentors")
    loaded = load([folder], Rules(today=TODAY, photos_dir=folder / "photos"))
    settings = Settings(today=TODAY)
    directory = build_directory(loaded.mentors, loaded.vocabulary, settings)
    return Reference(directory.mentors, loaded.vocabulary, settings)


def test_the_fixture_is_as_large_and_varied_as_promised(reference) -> None:
    assert len(reference.slugs) >= 40
    assert len(QUERIES) >= 80
    kinds = {q["tests"].split(" (")[0] for q in QUERIES}
    assert len(kinds) >= 10


@pytest.mark.parametrize("case", QUERIES, ids=[q["query"] for q in QUERIES])
def test_query_finds_the_mentors_meant(reference, case) -> None:
    found = reference.search(case["query"])
    assert sorted(found or []) == sorted(case["expect"] + case.get("also", [])), case["tests"]
