"""Turn the rows of an existing mentor list into profile files, each checked by the same rules as any profile.

Nothing is made up: a value is kept, translated to the vocabulary's slug or an ISO code, or left out
with a note. A row that cannot become a valid profile is reported with the checker's messages and
not written. Profiles carry `imported:` instead of `last_confirmed:` until the mentor has checked them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..profiles import loader, schema, vocabulary, yaml_strict
from ..profiles.problems import ProfileError
from ..profiles.validate import Rules, profile
from ..wording import say
from . import newprofile
from .importing import Row

LISTS = {"topics", "sectors", "languages", "schemes", "formats"}
EMPTY = {"n/a", "na", "none", "-", "\u2014", "nil", "null", "no answer"}
_CONSENTED = re.compile(r"^(yes|y|true|1|checked|agreed?|i agree|i consent|consent given)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9][0-9]|20[0-9]{2})\b")


@dataclass
class Outcome:
    """What became of one row: the file written, or why none was."""

    line: int
    name: str
    path: Path | None = None
    errors: list[str] = field(default_factory=list)
    attention: list[str] = field(default_factory=list)


def convert(row: Row, cols: dict[str, str], vocab: vocabulary.Vocabulary) -> tuple[dict, list[str]]:
    """The profile's fields from one row, in the schema's order, and notes on what was left out."""
    cell = {f: _clean(row.cells.get(h, "")) for f, h in cols.items()}
    notes: list[str] = []
    found: dict = {}
    name = cell.get("name") or " ".join(filter(None, (cell.get("first_name"), cell.get("last_name"))))
    title, org = cell.get("headline", ""), cell.get("organisation", "")
    found |= {"name": name, "headline": f"{title} at {org}" if title and org else title or org}
    if cell.get("location") and not cell.get("country"):
        *place, last = [p.strip() for p in cell["location"].split(",")]
        code = vocabulary.country_code(last)
        if code:
            found |= {"country": code, "city": ", ".join(place)}
        else:
            notes.append(f"location '{cell['location']}' names no country the import recognises: add 'country'.")
    for key, value in cell.items():
        if not value or key in ("name", "headline", "organisation", "first_name", "last_name", "location", "consent"):
            continue
        if key in LISTS:
            found[key] = _terms(key, value, vocab, notes)
        elif key == "country":
            found[key] = vocabulary.country_code(value) or value
        elif key == "email":
            found[key] = re.sub(r"^mailto:", "", value, flags=re.IGNORECASE).strip()
        elif key == "graduation_year":
            years = _YEAR.findall(value)
            found[key] = years[0] if len(years) == 1 else value
        elif key.startswith("links."):
            link = value if "://" in value or " " in value else f"https://{value}"
            found.setdefault("links", {})[key[6:]] = link
        else:
            found[key] = value if key == "bio" else " ".join(value.split())
    order = schema.fields()
    return {k: found[k] for k in sorted(found, key=order.index) if found[k]}, notes


def consented(row: Row, cols: dict[str, str]) -> bool:
    """True unless a consent column is mapped and this row's answer is not a yes."""
    return "consent" not in cols or bool(_CONSENTED.match(row.cells.get(cols["consent"], "").strip()))


# Characters YAML also reads as line breaks: one inside a bio would end its block.
_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")


def _clean(value: str) -> str:
    value = _BREAKS.sub("\n", value).strip()
    return "" if value.lower() in EMPTY else re.sub(r"\n{3,}", "\n\n", value)


def _terms(key: str, value: str, vocab: vocabulary.Vocabulary, notes: list[str]) -> list[str]:
    """Items translated to slugs or codes; unknown ones are left out with a note while others remain."""
    pattern = r"[,;/\n]|\s+and\s+|\s*&\s*" if key == "languages" else r"[,;\n]"
    items = [i.strip() for i in re.split(pattern, value) if i.strip() and i.strip().lower() not in EMPTY]
    known, unknown = [], []
    for item in items:
        if key == "languages":
            code = vocabulary.language_code(item)
        elif key in ("topics", "sectors"):
            code = vocab.resolve(key, item)
        else:
            code = item.lower()
        (known if code else unknown).append(code or item)
    if not known or key not in ("topics", "sectors", "languages"):
        return list(dict.fromkeys(known + unknown))  # nothing to keep: the checker says what is wrong
    for item in unknown:
        hint = vocabulary.suggest_language(item) if key == "languages" else vocab.suggest(key, item)
        notes.append(f"left out of '{key}': {hint}")
    return list(dict.fromkeys(known))


def render(values: dict, today: dt.date) -> tuple[str, dict[int, str]]:
    """The profile file's text and, for each line, the field written on it."""
    lines = [
        f"# Imported on {today.isoformat()} from the programme's earlier list. Read it through, then replace",
        "# the 'imported' line with 'last_confirmed: YYYY-MM-DD' (the day you checked it).",
    ]
    owner: dict[int, str] = {}

    def add(key: str, text: str) -> None:
        owner[len(lines) + 1] = key
        lines.append(text)

    for key, value in values.items():
        if key == "bio":
            add(key, "bio: |")
            for part in value.split("\n"):
                add(key, f"  {part.strip()}" if part.strip() else "")
        elif isinstance(value, list):
            add(key, f"{key}:")
            for item in value:
                add(key, f"  - {_quote(item)}")
        elif isinstance(value, dict):
            add(key, f"{key}:")
            for kind, link in value.items():
                add(f"{key}.{kind}", f"  {kind}: {_quote(link)}")
        else:
            add(key, f"{key}: {value if key in ('graduation_year', 'capacity') and value.isdigit() else _quote(value)}")
    add("imported", f"imported: {today.isoformat()}")
    return "\n".join(lines) + "\n", owner


_PLAIN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _quote(value: str) -> str:
    """Slugs and codes as they are; anything else quoted, so 'NO', ': ' and '#' stay text."""
    if _PLAIN.match(value) and value not in _YAML11_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def check(text: str, folder: Path, vocab: vocabulary.Vocabulary, rules: Rules) -> list[tuple[int, str, str]]:
    """(line, severity, message) for the profile text, by the rules every profile is checked by."""
    found = [(line, "error", message) for line, _, message in yaml_strict.scan_text(text)]
    try:
        doc = yaml_strict.parse(text)
    except ProfileError as exc:
        return found + [(exc.line, "error", exc.message)]
    return found + [(line, sev, msg) for line, _, sev, msg in profile(doc, "new", folder / "new.yml", vocab, rules)[1]]


def make(row: Row, cols: dict[str, str], folder: Path, vocab: vocabulary.Vocabulary, rules: Rules) -> Outcome:
    """The row as profile text, with optional fields that fail the checker left out; errors if it still fails."""
    values, notes = convert(row, cols, vocab)
    outcome = Outcome(row.line, values.get("name", ""), attention=notes)
    required = set(schema.schema()["required"])
    while True:
        text, owner = render(values, rules.today)
        found = check(text, folder, vocab, rules)
        errors = [(owner.get(line, ""), msg) for line, sev, msg in found if sev == "error"]
        if not errors:
            break
        if any(key.split(".")[0] in required or not key for key, _ in errors):
            outcome.errors = list(dict.fromkeys(msg for _, msg in errors))
            return outcome
        for key, message in errors:  # only optional fields are wrong: leave them out, and say so
            outcome.attention.append(f"'{key}' left out: {message}")
            top, _, sub = key.partition(".")
            (values[top].pop(sub, None) if sub else values.pop(top, None)) if top in values else None
            if top == "links" and not values.get("links"):
                values.pop("links", None)
    outcome.attention += [msg for _, sev, msg in found if sev == "warning" and "Imported and not yet" not in msg]
    slug = newprofile.free_slug(folder, newprofile.proposed_slug(values["name"], values["email"])[0])
    outcome.path = folder / f"{slug}.yml"
    folder.mkdir(parents=True, exist_ok=True)
    with outcome.path.open("x", encoding="utf-8") as out:
        out.write(text)
    return outcome


def existing_emails(folder: Path) -> dict[str, str]:
    """Email address (lowercased) to file name, for the profiles already in the folder."""
    found = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        if path.name.startswith("_"):
            continue
        try:
            data = yaml_strict.parse(loader.read_text(path)).data
        except ProfileError:
            continue
        if isinstance(data, dict) and isinstance(data.get("email"), str):
            found[data["email"].strip().lower()] = path.name
    return found


def run(source: Path, out: Path, map_path: Path | None, config: Path, today: dt.date) -> int:
    """The `import` command: 0 if every row became a profile, 1 if some did not, 2 if nothing could be read."""
    from .. import settings
    from ..profiles.validate import rules_for
    from . import importing

    try:
        programme, profiles_dir = settings.load(config, today)
        headers, rows = importing.read(source)
        mapping = importing.read_map(map_path, headers) if map_path else {}
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if out.exists() and not out.is_dir():
        print(f"error: {out} is a file: give the profiles folder, such as mentors.", file=sys.stderr)
        return 2
    files = (out / loader.VOCABULARY_FILE, profiles_dir / loader.VOCABULARY_FILE)
    vocab_file = next((p for p in files if p.is_file()), None)
    if vocab_file is None:
        print(f"error: no {loader.VOCABULARY_FILE} in {out} or {profiles_dir}: write one first.", file=sys.stderr)
        return 2
    vocab, vocab_problems = loader.load_vocabulary(vocab_file)
    if vocab_problems:
        print("\n".join(p.text() for p in vocab_problems), file=sys.stderr)
        return 2
    cols, unused = importing.columns(headers, mapping)
    print(f"Reading {source}: {say('rows', len(rows))}.")
    print("Columns: " + ", ".join(f"'{h}' \u2192 {f}" for f, h in cols.items()))
    if unused:
        print("Not imported (no field recognised; name one with --map): " + ", ".join(f"'{h}'" for h in unused))
    rules = Rules(**{**rules_for(programme).__dict__, "photos_dir": out / "photos"})
    seen = existing_emails(out)
    outcomes = []
    for row in rows:
        email = _clean(row.cells.get(cols.get("email", ""), "")).lower()
        if not consented(row, cols):
            outcome = Outcome(row.line, "", errors=[f"no consent to publish ('{cols['consent']}' is not a yes)"])
        elif email and email in seen:
            outcome = Outcome(row.line, "", errors=[f"the same email address as {seen[email]}: compare the two"])
        else:
            outcome = make(row, cols, out, vocab, rules)
            if outcome.path:
                seen[email] = f"{outcome.path.name} (line {row.line})"
        outcomes.append(outcome)
    return _report(source, out, outcomes, programme.imported_profiles, today)


def _report(source: Path, out: Path, outcomes: list[Outcome], shown: str, today: dt.date) -> int:
    refused = [o for o in outcomes if not o.path]
    for o in refused:
        print(f"{source}:{o.line}: not imported{f' ({o.name})' if o.name else ''}:")
        print("\n".join(f"  - {message}" for message in o.errors))
    written = [o for o in outcomes if o.path]
    print(
        f"Imported {len(written)} of {say('rows', len(outcomes))} into {out}/"
        + (f"; {len(refused)} not (above)." if refused else ".")
    )
    needing = [o for o in written if o.attention]
    if needing:
        print("What needs each mentor's attention:")
        for o in needing:
            print(f"  {o.path} (line {o.line}):")
            print("\n".join(f"    - {note}" for note in o.attention))
    if written:
        state = "shown marked 'Imported, not yet confirmed'" if shown == "show" else "hidden until confirmed"
        print(
            f"Every imported profile says 'imported: {today.isoformat()}' and is {state} "
            "(imported_profiles in mkdocs.yml). Ask each mentor to read theirs and replace that line "
            "with 'last_confirmed: YYYY-MM-DD'."
        )
    return 1 if refused else 0
