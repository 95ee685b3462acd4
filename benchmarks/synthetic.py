"""Write N realistic, valid, synthetic profiles into a folder, for benchmarks.

python benchmarks/synthetic.py 10000 /tmp/mentors-10k

Six mentors in ten have a photo of their own: an 800x800 JPEG of about 100 KB, as a phone
photo cropped square and saved by an editor is. Each is made here (a colour gradient under
a random texture), so every one is different and nothing is downloaded.
"""

from __future__ import annotations

import io
import random
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = [
    "Ada",
    "Bilal",
    "Chen",
    "Dana",
    "Efua",
    "Femi",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Lars",
    "Maya",
    "Nuno",
    "Olga",
    "Priya",
    "Quentin",
    "Rosa",
    "Sami",
    "Tariq",
    "Uma",
    "Vera",
    "Wanjiru",
    "Xin",
    "Yusuf",
    "Zara",
    "José",
    "Søren",
    "Thandeka",
    "Олена",
    "王",
    "Ngozi",
    "Ana",
    "Kofi",
    "Leila",
    "Mateo",
]
LAST = [
    "Okafor",
    "Haddad",
    "Wei",
    "Levi",
    "Mensah",
    "Adeyemi",
    "Kim",
    "Tanaka",
    "Silva",
    "Berg",
    "Afolabi",
    "Nilsen",
    "Patel",
    "Costa",
    "Ivanova",
    "Sharma",
    "Moreau",
    "Diaz",
    "Nasser",
    "Ali",
    "Rao",
    "Novak",
    "Kamau",
    "Li",
    "Demir",
    "Khan",
    "Núñez",
    "Ødegård",
    "Mokoena",
    "Коваленко",
    "芳",
    "Eze",
    "Souza",
    "Boateng",
    "Rahimi",
    "Rojas",
]
ROLES = [
    "Programme manager",
    "Policy adviser",
    "Research fellow",
    "Data analyst",
    "Country director",
    "Evaluation specialist",
    "Founder",
    "Consultant",
    "Lecturer",
    "Communications lead",
]
ORGS = [
    "Example Foundation",
    "Sample Trust",
    "Demo University",
    "Test Ministry",
    "Placeholder Partners",
    "Illustrative NGO",
    "Fictional Bank",
    "Model Institute",
]
COUNTRIES = [
    "KE",
    "NG",
    "GH",
    "ZA",
    "ET",
    "SN",
    "IN",
    "CN",
    "KR",
    "JP",
    "ID",
    "VN",
    "GB",
    "NO",
    "DE",
    "FR",
    "PL",
    "UA",
    "US",
    "CA",
    "MX",
    "BR",
    "CO",
    "PE",
    "CL",
    "AU",
    "NZ",
    "FJ",
    "EG",
    "BD",
]
LANGUAGES = ["en", "fr", "es", "pt", "sw", "ar", "zh", "hi", "de", "no", "uk", "ko", "ja", "yo", "am", "id"]


def _words() -> tuple[list[str], list[float]]:
    """Bio vocabulary: the words of the guidance pages, weighted by Zipf's law as real prose is."""
    import re
    from collections import Counter

    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "guidance").rglob("*.md")))
    counts = Counter(w.lower() for w in re.findall(r"[A-Za-z]{3,}", text))
    words = [w for w, _ in counts.most_common()]
    return words, [1 / rank for rank in range(1, len(words) + 1)]


WORDS, WEIGHTS = _words()


def vocabulary_slugs() -> tuple[list[str], list[str]]:
    import yaml

    data = yaml.safe_load((ROOT / "mentors" / "_vocabulary.yml").read_text(encoding="utf-8"))
    return list(data["topics"]), list(data["sectors"])


def bio_words(rng: random.Random) -> int:
    """How many words a bio has: log-normal, as lengths of free text written to a form are.

    Over 1,000 profiles: median about 430 characters, one in twenty over 1,000, the shortest
    about 100, as real profiles range from a line or two to nearly the 1,500-character limit.
    """
    return min(200, max(14, round(rng.lognormvariate(4.3, 0.6))))


PHOTO_SHARE = 0.6  # mentors with a photo
PHOTO_SIDE = 800


def photo(seed: int) -> bytes:
    """A unique 800x800 JPEG of 88-108 KB: a gradient between two colours, blended with coarse noise."""
    from PIL import Image, ImageOps

    rng = random.Random(seed)
    dark, light = (tuple(rng.randrange(256) for _ in range(3)) for _ in range(2))
    gradient = ImageOps.colorize(Image.linear_gradient("L").rotate(rng.uniform(0, 360)), dark, light)
    base = gradient.resize((PHOTO_SIDE, PHOTO_SIDE), Image.Resampling.BILINEAR)
    # Noise drawn at a fifth of the size and scaled up compresses as a photo's texture does.
    grain = Image.frombytes("RGB", (160, 160), rng.randbytes(160 * 160 * 3))
    texture = grain.resize((PHOTO_SIDE, PHOTO_SIDE), Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    Image.blend(base, texture, rng.uniform(0.16, 0.24)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _write_photos(folder: Path, seeds: list[int]) -> None:
    for seed in seeds:
        (folder / f"mentor-{seed:05d}.jpg").write_bytes(photo(seed))


def profile(i: int, rng: random.Random, topics: list[str], sectors: list[str], photo_file: str = "") -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    bio = " ".join(rng.choices(WORDS, WEIGHTS, k=bio_words(rng)))
    bio = "\n  ".join(bio[j : j + 80] for j in range(0, len(bio), 80))
    lines = [
        f'name: "{first} {last} {i}"',
        f"email: mentor{i}@example.org",
        f"headline: {rng.choice(ROLES)} at {rng.choice(ORGS)}",
        "bio: |",
        f"  I have worked on {bio}.",
        "topics:",
        *[f"  - {t}" for t in rng.sample(topics, rng.randint(1, 5))],
        "sectors:",
        *[f"  - {s}" for s in rng.sample(sectors, rng.randint(1, 2))],
        f'country: "{rng.choice(COUNTRIES)}"',
        "languages:",
        *[f'  - "{lang}"' for lang in rng.sample(LANGUAGES, rng.randint(1, 3))],
        f"graduation_year: {rng.randint(1975, 2025)}",
        f"availability: {rng.choices(['open', 'limited', 'paused'], [8, 2, 1])[0]}",
        "formats:",
        "  - video",
        *([f"photo: {photo_file}"] if photo_file else []),
        f"last_confirmed: 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
    ]
    return "\n".join(lines) + "\n"


def write(count: int, folder: Path, seed: int = 1, photos: bool = True) -> Path:
    """Fill folder with count profiles plus the real vocabulary, and their photos; return the folder."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "photos").mkdir(parents=True)
    shutil.copy(ROOT / "mentors" / "_vocabulary.yml", folder)
    rng = random.Random(seed)
    chooser = random.Random(seed + 1)  # its own stream: the profiles stay the same with or without photos
    topics, sectors = vocabulary_slugs()
    with_photo = []
    for i in range(count):
        has_photo = chooser.random() < PHOTO_SHARE and photos
        text = profile(i, rng, topics, sectors, f"mentor-{i:05d}.jpg" if has_photo else "")
        (folder / f"mentor-{i:05d}.yml").write_text(text, encoding="utf-8")
        with_photo += [i] if has_photo else []
    # Photos take most of the time: make them on every core.
    with ProcessPoolExecutor() as pool:
        list(pool.map(_write_photos, [folder / "photos"] * 8, [with_photo[k::8] for k in range(8)]))
    return folder


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
