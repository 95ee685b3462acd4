"""What alumni write and how it is checked: strict YAML, the schema, the vocabulary and the rules."""

from __future__ import annotations

from pathlib import Path

# Outside this package on purpose: every profile's first line points editors at this path.
SCHEMA_FILE = Path(__file__).parent.parent / "schema" / "profile.schema.json"
