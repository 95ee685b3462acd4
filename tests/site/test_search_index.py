"""The directory's search data: compact, complete, ranked, and free of email addresses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.profiles import bio
from generator.profiles.loader import load
from generator.profiles.validate import Rules
from generator.settings import Settings
from generator.site import search_index, search_terms
from generator.site.directory import build as build_directory
from generator.site.render import hue
from tests.helpers import needs_two_cpus

ROOT = Path(__file__).resolve().parents[2]
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


def decode(search: dict) -> dict[str, dict[int, int]]:
    """The index's postings as {stem: {record position: tier}}, read as the browser reads them."""
    width = len(search["tiers"])
    out = {}
    for stem, postings in zip(search["stems"], search["postings"], strict=True):
        ref, found = 0, {}
        for value in postings:
            ref += value // width
            found[ref] = value % width
        out[stem] = found
    return out


def _tier(data, slug: str, word: str) -> str | None:
    """Where a word is found for a mentor (name, label, headline, details, bio), or None."""
    refs = [r[data["record"].index("slug")] for r in data["records"]]
    search = data["search"]
    found = decode(search).get(search_terms.stem(word), {}).get(refs.index(slug))
    return None if found is None else search["tiers"][found]


def test_each_word_is_indexed_where_a_student_sees_it(sample) -> None:
    _, data = sample
    assert _tier(data, "wanjiru-kamau", "wanjiru") == "name"
    assert _tier(data, "olena-kovalenko", "коваленко") == "name"
    assert _tier(data, "olena-kovalenko", "kovalenko") == "name"  # name_latin
    assert _tier(data, "kim-minjun", "grants") == "label"  # a topic's label
    assert _tier(data, "kim-minjun", "edtech") == "label"  # a topic's synonym
    assert _tier(data, "genevieve-tremblay", "secretariat") == "headline"
    assert _tier(data, "genevieve-tremblay", "montreal") == "details"  # the city, without its accent
    assert _tier(data, "genevieve-tremblay", "canada") == "details"
    assert _tier(data, "genevieve-tremblay", "america") == "details"  # the region, Northern America
    assert _tier(data, "genevieve-tremblay", "francai") == "details"  # French, in French
    assert _tier(data, "genevieve-tremblay", "2005") == "details"
    assert _tier(data, "kim-minjun", "japan") == "bio"


def test_whole_bios_are_indexed(sample) -> None:
    directory, data = sample
    mentor = next(m for m in directory.mentors if m.slug == "kim-minjun")
    text = bio.plain(mentor.bio, len(mentor.bio))
    assert text.index("senior leadership") > 600  # the bio's last sentence
    assert _tier(data, "kim-minjun", "senior") == "bio"
    assert _tier(data, "kim-minjun", "leadership") == "bio"


def test_names_in_other_scripts_get_a_latin_form() -> None:
    assert search_index.latin("王芳") == "Wang Fang"
    assert search_index.latin("김민준") == "Gim Min Jun"
    assert search_index.latin("ნინო ბერიძე") == "nino beridze"
    assert search_index.latin("José Núñez") == ""  # already Latin: folding is enough
    assert search_index.language_names("es") == ("Spanish", "español")


def test_zero_mentors_give_valid_empty_search_data() -> None:
    loaded = load([ROOT / "mentors"], Rules(today=TODAY))
    settings = Settings(today=TODAY)
    directory = build_directory([], loaded.vocabulary, settings)
    data = search_index.data(directory, loaded.vocabulary, settings, {}, hue)
    assert data["records"] == [] and data["search"]["words"] == [] and data["search"]["postings"] == []
    text = search_index.script(data)
    assert json.loads(text[len("window.mentorDirectoryData=") : -2])["search"]["stems"] == []


def test_data_script_is_a_classic_script_that_cannot_break_out_of_html(sample) -> None:
    _, data = sample
    poisoned = dict(data, records=data["records"] + [["x", "</script><script>alert(1)</script>\u2028"]])
    text = search_index.script(poisoned)
    assert text.startswith("window.mentorDirectoryData=") and text.endswith(";\n")
    assert "</script>" not in text and "\u2028" not in text
    assert json.loads(text[len("window.mentorDirectoryData=") : -2])["records"][-1][1].startswith("</script>")


def test_words_are_sorted_as_the_browser_compares_them(sample) -> None:
    _, data = sample
    words = data["search"]["words"]
    assert words == sorted(words, key=lambda w: w.encode("utf-16-be")) and len(set(words)) == len(words)
    stems = data["search"]["stems"]
    assert all(stems[s] == search_terms.stem(w) for w, s in zip(words, data["search"]["wordStem"], strict=True))


@pytest.mark.parametrize("count", [0, 300])
def test_index_holds_every_word_at_its_best_tier(sample, tmp_path, count) -> None:
    """Decoded, the postings are exactly each mentor's words at the best place each was found."""
    import sys

    if count:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import synthetic

        loaded = load([synthetic.write(count, tmp_path / "mentors")], Rules(today=TODAY))
        directory = build_directory(loaded.mentors, loaded.vocabulary, Settings(today=TODAY))
        vocab = loaded.vocabulary
    else:
        directory, vocab = sample[0], load([ROOT / "mentors"], Rules(today=TODAY)).vocabulary
    settings = Settings(today=TODAY)
    expected: dict[str, dict[int, int]] = {}
    for ref, m in enumerate(directory.mentors):
        for tier, word in search_index.searchable(m, vocab, settings):
            found = expected.setdefault(search_terms.stem(word), {})
            found[ref] = min(tier, found.get(ref, tier))
    assert decode(search_index.index(directory.mentors, vocab, settings)) == expected


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
    if fork:
        assert parallel.rest._crew, "the pages and the index were not handed to forked worker processes"
    else:
        assert parallel.rest._jobs, "the pages and the index were not handed to worker processes"
        assert parallel.rest._helpers._mp_context.get_start_method() != "fork"
    assert parallel.everything() == serial.everything()
    assert len(serial.everything()[0]) > len(serial.pages) > 1


def test_the_browser_benchmark_measures_the_data_the_site_ships() -> None:
    """The benchmarks use the core's API too: a change to it must not leave them broken."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_browser

    raw, gzipped = bench_browser.data_size(40)
    assert 0 < gzipped < raw


def test_name_latin_is_optional_checked_and_searchable(tmp_path) -> None:
    import shutil

    folder = tmp_path / "mentors"
    folder.mkdir()
    shutil.copy(ROOT / "mentors" / "_vocabulary.yml", folder)
    text = (ROOT / "mentors" / "kim-minjun.yml").read_text(encoding="utf-8")
    (folder / "kim-minjun.yml").write_text(text.replace("name_latin: Kim Min-jun", "name_latin: Minjoon Kim"), "utf-8")
    (folder / "no-latin.yml").write_text(text.replace("name_latin: Kim Min-jun\n", ""), "utf-8")
    (folder / "bad-latin.yml").write_text(text.replace("name_latin: Kim Min-jun", "name_latin: [Kim]"), "utf-8")
    loaded = load([folder], Rules(today=TODAY))
    assert [(Path(p.path).name, p.line, p.severity) for p in loaded.problems] == [("bad-latin.yml", 3, "error")]
    mentors = {m.slug: m for m in loaded.mentors}
    assert mentors["kim-minjun"].name_latin == "Minjoon Kim" and mentors["no-latin"].name_latin is None
    settings = Settings(today=TODAY)
    directory = build_directory(loaded.mentors, loaded.vocabulary, settings)
    data = search_index.data(directory, loaded.vocabulary, settings, {}, hue)
    assert _tier(data, "kim-minjun", "minjoon") == "name"  # the profile's own Latin form
    assert _tier(data, "kim-minjun", "gim") is None  # and not a transliteration beside it
    assert _tier(data, "no-latin", "gim") == "name"  # without one, the transliteration
