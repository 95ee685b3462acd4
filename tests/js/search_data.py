"""Print the directory's search data for the relevance fixture's 40 mentors, as the build writes it.

The JavaScript tests (tests/js/) search it: `python tests/js/search_data.py > data.js`.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.settings import Settings  # noqa: E402
from generator.site import search_index  # noqa: E402
from generator.site.build import build  # noqa: E402
from tests import relevance  # noqa: E402

TODAY = dt.date(2026, 11, 22)  # the relevance tests' day: every sample profile is current


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        built = build(relevance.write_profiles(Path(tmp) / "mentors"), Settings(today=TODAY))
        sys.stdout.write(built.everything()[1][search_index.DATA_SCRIPT])


if __name__ == "__main__":
    main()
