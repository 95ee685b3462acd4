"""Read untrusted YAML into plain strings, lists and dicts, remembering where each value stood.

This is the only module that touches YAML. It builds values from the parser's event
stream itself, so that nothing is ever converted behind the author's back (``NO``,
``01234``, ``1:30`` and ``yes`` all stay strings) and so that anchors, aliases, tags and
duplicate keys can be refused with the line they are on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import characters
from .problems import ProfileError

Path = tuple[str | int, ...]
Position = tuple[int, int]

_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


@dataclass
class Document:
    """A parsed file: its data, and where each key and value stood (1-based)."""

    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    # Plain scalars whose line goes on with a ' #' comment: where the comment starts.
    cut_by_comment: dict[Path, Position] = field(default_factory=dict)
    end: Position = (1, 1)
    problems: list[tuple[int, int, str]] = field(default_factory=list)

    def where(self, path: Path, at_key: bool = False) -> Position:
        """The best place to point at for a path: a value on its key's line, else the key, else its parent."""
        if at_key and path in self.keys:
            return self.keys[path]
        while path:
            value, key = self.values.get(path), self.keys.get(path)
            if value and (key is None or key[0] == value[0]):
                return value
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.end


def scan_text(text: str) -> list[tuple[int, int, str]]:
    """Problems visible in the raw text: tab indentation and invisible characters."""
    found = []
    for match in _TAB_INDENT.finditer(text):
        line, col = _line_col(text, match.end() - 1)
        found.append((line, col, "This line is indented with a tab: use spaces, not tabs."))
    for index, char, why in characters.refused(text, allowed="\t\n\r"):
        line, col = _line_col(text, index)
        found.append((line, col, characters.describe(char, why)))
    return found


def _line_col(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def parse(text: str) -> Document:
    """Parse one YAML document of untrusted text; raise ProfileError if it cannot be read."""
    loader = _Loader(text)
    try:
        return _Composer(loader, text).document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ProfileError(line, col, _explain_syntax(exc)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - the C parser marks every error
        raise ProfileError(1, 1, f"This is not valid YAML: {exc}") from None
    finally:
        loader.dispose()


def _explain_syntax(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "").strip()
    if "mapping values are not allowed" in problem:
        return (
            "A colon followed by a space starts a new key here. If it is part of the "
            'text, put the whole value in double quotes: key: "text: more text".'
        )
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "YAML could not read this line: check that it is 'key: value' and indented like the lines around it."
    if "found character that cannot start any token" in problem:
        return (
            "This value starts with a character YAML reserves (such as @, ` or %): "
            "put the whole value in double quotes."
        )
    return f"YAML could not read this: {problem}."


class _Composer:
    """Builds plain values from parser events, refusing what profiles must not contain."""

    def __init__(self, loader: Any, text: str) -> None:
        self.loader = loader
        self.lines = text.split("\n")
        self.doc = Document(data=None)

    def _next(self) -> Any:
        return self.loader.get_event()

    def document(self) -> Document:
        self._next()  # StreamStart
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            raise ProfileError(1, 1, "The file is empty: fill in the profile template.")
        root_event = self._next()
        root = self._value(root_event, ())
        if root == "" and isinstance(root_event, yaml.ScalarEvent):
            raise ProfileError(1, 1, "The file is empty: fill in the profile template.")
        end = self._next()  # DocumentEnd
        after = self._next()
        if isinstance(after, yaml.DocumentStartEvent):
            raise ProfileError(
                after.start_mark.line + 1,
                1,
                "A profile holds one YAML document: remove this '---' and everything after it.",
            )
        if not isinstance(root, dict):
            raise ProfileError(
                root_event.start_mark.line + 1,
                root_event.start_mark.column + 1,
                "A profile is a list of 'key: value' lines, such as 'name: Ada Okafor'.",
            )
        self.doc.data = root
        self.doc.end = (end.end_mark.line + 1, 1)
        return self.doc

    def _value(self, event: Any, path: Path) -> Any:
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        self.doc.values[path] = (line, col)
        if isinstance(event, yaml.AliasEvent):
            self._problem(line, col, "YAML aliases ('*name') are not allowed: write the value out.")
            return None
        if event.anchor is not None:
            self._problem(line, col, "YAML anchors ('&name') are not allowed: remove it.")
        if event.tag is not None and event.tag != "!":
            self._problem(line, col, f"YAML tags ({event.tag!r}) are not allowed: remove it.")
        if isinstance(event, yaml.ScalarEvent):
            self._escaped_characters(event, line, col)
            if not event.style:  # plain: the C parser says '', the Python one None
                self._note_comment(event, path)
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(item := self._next(), yaml.SequenceEndEvent):
                items.append(self._value(item, path + (len(items),)))
            return items
        return self._mapping(path)

    def _mapping(self, path: Path) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        while not isinstance(key_event := self._next(), yaml.MappingEndEvent):
            line, col = key_event.start_mark.line + 1, key_event.start_mark.column + 1
            if not isinstance(key_event, yaml.ScalarEvent):
                self._problem(line, col, "A key must be a plain word, such as 'name'.")
                self._value(key_event, path + ("?",))
                self._value(self._next(), path + ("?",))
                continue
            key = key_event.value
            self._escaped_characters(key_event, line, col)
            if key in mapping:
                first = self.doc.keys[path + (key,)][0]
                self._problem(
                    line,
                    col,
                    f"'{key}' appears twice, on line {first} and line {line}: keep one of them.",
                )
                self._value(self._next(), path + (key, "duplicate"))
                continue
            self.doc.keys[path + (key,)] = (line, col)
            mapping[key] = self._value(self._next(), path + (key,))
        return mapping

    def _escaped_characters(self, event: Any, line: int, col: int) -> None:
        # Characters typed into the file are reported where they stand by scan_text; these came
        # from escapes such as "\u202e" or "\x1b", judged on the value YAML made of them.
        source = "\n".join(self.lines[event.start_mark.line : event.end_mark.line + 1])
        for _, char, why in characters.refused(event.value, allowed="\t\n"):
            if char not in source:
                self._problem(line, col, characters.describe(char, why) + " (It was written as an escape.)")
                return

    def _note_comment(self, event: Any, path: Path) -> None:
        line = event.end_mark.line
        if line >= len(self.lines):
            return
        rest = self.lines[line][event.end_mark.column :]
        if rest.lstrip(" ").startswith("#") and rest.startswith(" "):
            col = event.end_mark.column + len(rest) - len(rest.lstrip(" ")) + 1
            self.doc.cut_by_comment[path] = (line + 1, col)

    def _problem(self, line: int, col: int, message: str) -> None:
        self.doc.problems.append((line, col, message))
