"""Reading a content file: its metadata lines (with line numbers) and its body.

The format is the one Python-Markdown's `meta` extension reads: `Key: value` lines at the
top, optionally indented continuation lines, ended by a blank line. We parse it ourselves
so that every problem can name the line it is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+)[ \t]*:\s*(?P<value>.*)$")
# A line that looks like a field wherever it is (in the text, or indented into a field).
FIELD_LIKE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9_-]*)[ \t]*:")
# Line breaks some programs write (Word's Shift+Enter is a vertical tab): a new line in the
# text, a space inside a field.
LINE_BREAKS = str.maketrans({"\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
# Other control characters are invisible and never belong in a post (escape codes among them).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")
YAML_FENCE = re.compile(r"^-{3}\s*$")
YAML_END = re.compile(r"^(-{3}|\.{3})\s*$")

MAX_FILE_BYTES = 200_000  # about 30,000 words: far more than any post


@dataclass(frozen=True)
class HeaderField:
    key: str  # as the contributor wrote it
    value: str
    line: int

    @property
    def name(self) -> str:
        """The key in canonical form: lower case, with '-' and '_' the same."""
        return canonical_key(self.key)


@dataclass
class SourceFile:
    path: Path
    fields: dict[str, HeaderField] = field(default_factory=dict)
    repeated: list[HeaderField] = field(default_factory=list)
    body: str = ""
    body_line: int = 1  # the line number of the first body line
    unreadable: str = ""  # why the file could not be read, in plain English
    unreadable_fix: str = "save it again as UTF-8 text (in most editors: Save as, Encoding: UTF-8)."
    stray_line: int = 0  # a line inside the metadata block that is not `Key: value`
    # Lines that look like fields but are not read as fields: (line, key as written), below
    # the blank line that ends the fields, or indented into the field above.
    field_like_in_body: list[tuple[int, str]] = field(default_factory=list)
    field_like_indented: list[tuple[int, str]] = field(default_factory=list)
    control_characters: list[tuple[int, str]] = field(default_factory=list)  # (line, char)

    def get(self, name: str) -> str:
        found = self.fields.get(name)
        return found.value.strip() if found else ""

    def line_of(self, name: str) -> int:
        found = self.fields.get(name)
        return found.line if found else 1


def canonical_key(key: str) -> str:
    return key.strip().lower().replace("-", "_")


def read_source(path: Path) -> SourceFile:
    """Read a file into its header fields and body; never raises for bad content."""
    source = SourceFile(path=path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            source.unreadable = (
                f"the file is {size // 1000} KB, more than the {MAX_FILE_BYTES // 1000} KB "
                "a post may be"
            )
            source.unreadable_fix = (
                "split it into several posts, or remove what does not belong in it."
            )
            return source
        raw = path.read_bytes()
    except OSError as error:
        source.unreadable = f"the file could not be opened ({error.strerror or error})"
        return source
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        source.unreadable = f"line {line} has characters that are not UTF-8 text"
        return source
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        source.unreadable = f"line {line} contains a NUL character, which text files never have"
        return source
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line_text in enumerate(text.split("\n"), start=1):
        for match in CONTROL.finditer(line_text):
            source.control_characters.append((number, match[0]))
    parse_text(text, source)
    return source


def parse_text(text: str, source: SourceFile) -> None:
    lines = text.split("\n")  # a vertical tab in a line is one of its characters here
    index = 0
    if lines and YAML_FENCE.match(lines[0]):
        index = 1
    current: HeaderField | None = None
    while index < len(lines):
        line = lines[index]
        if not line.strip() or (index > 0 and YAML_END.match(line)):
            index += 1
            break
        key_match = KEY_LINE.match(line)
        if key_match:
            value = key_match["value"].translate(LINE_BREAKS).replace("\n", " ").strip()
            current = HeaderField(key_match["key"], value, index + 1)
            if current.name in source.fields:
                source.repeated.append(current)
            else:
                source.fields[current.name] = current
        elif current is not None and CONTINUATION.match(line):
            extra = CONTINUATION.match(line)["value"].strip()  # type: ignore[index]
            indented = FIELD_LIKE.match(extra)
            if indented:
                source.field_like_indented.append((index + 1, indented["key"]))
            current = HeaderField(current.key, f"{current.value} {extra}".strip(), current.line)
            source.fields[current.name] = current
        else:
            if current is not None:
                source.stray_line = index + 1
            break
        index += 1
    source.body = "\n".join(lines[index:]).translate(LINE_BREAKS)
    source.body_line = index + 1
    fenced = False
    for offset, line in enumerate(source.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else FIELD_LIKE.match(line)
        if match:
            source.field_like_in_body.append((source.body_line + offset, match["key"]))
