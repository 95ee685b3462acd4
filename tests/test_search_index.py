"""The directory's search data: compact, complete, ranked, and free of email addresses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lunr.index import Index

from generator.profiles.loader import load
from generator.profiles.validate import Rules
from generator.settings import Settings
from generator.site import search_index
from generator.site.directory import build as build_directory
from generator.site.render import hue
from tests.helpers import needs_two_cpus

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 18)


@pytest.fixture(scope="module")
def sample():
    loaded = load([ROOT / "mentors"], Rules(today=TODAY))
    settings = Settings(today=TODAY)
    directory = build_directory(loaded.mentors, loaded.vocabulary, settings)
    return directory, search_index.data(directory, loaded.vocabulary, settings, {}, hue)


def test_one_record_per_visible_mentor_in_directory_order(sample) -> None:
    directory, data = sample
    slug = data["record"].index("slug")
    assert [r[slug] for r in data["records"]] == [m.slug for m in directory.mentors]


def test_no_email_address_in_the_data(sample) -> None:
    directory, data = sample
    text = search_index.script(data)
    for mentor in directory.mentors:
        assert mentor.email not in text
        assert mentor.email.split("@")[0] + "@" not in text


def test_records_decode_to_the_profile(sample) -> None:
    directory, data = sample
    field = {name: i for i, name in enumerate(data["record"])}
    labels = data["labels"]
    by_slug = {r[field["slug"]]: r for r in data["records"]}
    mentor = next(m for m in directory.mentors if m.slug == "soren-odegard")
    record = by_slug["soren-odegard"]
    assert record[field["name"]] == mentor.name
    assert [labels["topicSlugs"][i] for i in record[field["topics"]]] == list(mentor.topics)
    assert labels["countryCodes"][record[field["country"]]] == "NO"
    assert labels["regions"][record[field["country"]]] == "Europe"
    assert [labels["languageCodes"][i] for i in record[field["languages"]]] == list(mentor.languages)
    assert labels["statuses"][record[field["status"]]] == mentor.status(TODAY)


def _search(data, query: str) -> list[str]:
    index = Index.load(data["index"])
    slug = data["record"].index("slug")
    return [data["records"][int(hit["ref"])][slug] for hit in index.search(query)]


def test_index_loads_and_ranks_name_matches_first(sample) -> None:
    _, data = sample
    assert _search(data, "Wanjiru")[0] == "wanjiru-kamau"
    assert _search(data, "Коваленко")[0] == "olena-kovalenko"


def test_topic_label_matches_rank_above_bio_mentions(sample) -> None:
    directory, data = sample
    hits = _search(data, "humanitarian")
    tagged = {m.slug for m in directory.mentors if "humanitarian-response" in m.topics}
    assert tagged and set(hits[: len(tagged)]) == tagged


def test_data_script_is_a_classic_script_that_cannot_break_out_of_html(sample) -> None:
    _, data = sample
    poisoned = dict(data, records=data["records"] + [["x", "</script><script>alert(1)</script>\u2028"]])
    text = search_index.script(poisoned)
    assert text.startswith("window.mentorDirectoryData=") and text.endswith(";\n")
    assert "</script>" not in text and "\u2028" not in text
    assert json.loads(text[len("window.mentorDirectoryData=") : -2])["records"][-1][1].startswith("</script>")


def test_index_serialises_for_lunr_js_2_3_9(sample) -> None:
    _, data = sample
    assert data["index"]["version"] == "2.3.9"
    assert list(data["index"]["fields"]) == [f["field_name"] for f in search_index.FIELDS]


@pytest.mark.parametrize("count", [0, 300])
def test_index_is_the_one_lunr_itself_builds(sample, tmp_path, count) -> None:
    """The fast builder must give lunr.js exactly the index lunr's own builder gives, from the raw text."""
    import sys

    from lunr import lunr

    from generator.profiles import bio, vocabulary

    if count:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import synthetic

        loaded = load([synthetic.write(count, tmp_path / "mentors")], Rules(today=TODAY))
        directory = build_directory(loaded.mentors, loaded.vocabulary, Settings(today=TODAY))
        vocab = loaded.vocabulary
    else:
        directory, vocab = sample[0], load([ROOT / "mentors"], Rules(today=TODAY)).vocabulary
    documents = [
        {
            "ref": str(i),
            "name": m.name,
            "topics": " ".join(vocab.topics[t].label for t in m.topics),
            "headline": m.headline,
            "place": f"{m.city or ''} {vocabulary.countries()[m.country]}",
            "bio": bio.plain(m.bio, search_index.BIO_INDEXED),
        }
        for i, m in enumerate(directory.mentors)
    ]
    stock = lunr(ref="ref", fields=search_index.FIELDS, documents=documents).serialize()
    assert search_index.index(directory, vocab) == stock


@needs_two_cpus
@pytest.mark.parametrize("fork", [True, False], ids=["forked workers", "workers from a clean process"])
def test_parallel_build_matches_serial_build(monkeypatch, fork) -> None:
    from generator import workers
    from generator.site.build import build

    settings = Settings(today=TODAY)
    serial = build(ROOT / "mentors", settings)
    assert serial.rest._helpers is None
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    monkeypatch.setattr(workers, "APART_FROM", 2)
    monkeypatch.setattr(workers, "can_fork", lambda: fork)
    parallel = build(ROOT / "mentors", settings)
    assert parallel.rest._jobs, "the pages and the index were not handed to worker processes"
    method = parallel.rest._helpers._mp_context.get_start_method()
    assert method == "fork" if fork else method != "fork"
    assert parallel.everything() == serial.everything()
    assert len(serial.everything()[0]) > len(serial.pages) > 1


def test_the_browser_benchmark_measures_the_data_the_site_ships() -> None:
    """The benchmarks use the core's API too: a change to it must not leave them broken."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_browser

    raw, gzipped = bench_browser.data_size(40)
    assert 0 < gzipped < raw
