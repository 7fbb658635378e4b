"""Reading a content file: its fields (each with its line number) and its body.

Two ways to write the fields, both read into the same HeaderFields:
- `Key: value` lines at the top, ended by a blank line (Python-Markdown's `meta` format).
  A long value may go on indented lines below it. Under `Quoted:`, indented `Key: value`
  lines are the quoted person's own fields.
- YAML between `---` lines, as git-based editors write it: lists become comma lists, and a
  `quoted:` list of mappings gives the quoted people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+)[ \t]*:\s*(?P<value>.*)$")
# A line that looks like a field wherever it is (in the text, or indented into a field).
FIELD_LIKE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9_-]*)[ \t]*:(?!//)")
# Line breaks some programs write (Word's Shift+Enter is a vertical tab): a new line in the
# text, a space inside a field.
LINE_BREAKS = str.maketrans({"\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
# Other control characters are invisible and never belong in a post (escape codes among them).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
CONTINUATION = re.compile(r"^(?:[ ]{4,}|\t)(?P<value>.*)$")
YAML_FENCE = re.compile(r"^-{3}\s*$")
YAML_END = re.compile(r"^(-{3}|\.{3})\s*$")
# Fields that open a block: the indented fields below them belong to the block.
BLOCK_FIELDS = frozenset({"quoted"})

MAX_FILE_BYTES = 200_000  # about 30,000 words: far more than any post


def canonical_key(key: str) -> str:
    return key.strip().lower().replace("-", "_")


@dataclass
class HeaderField:
    key: str  # as the contributor wrote it
    value: str
    line: int
    children: dict[str, HeaderField] = field(default_factory=dict)  # a block's own fields
    repeated: list[HeaderField] = field(default_factory=list)  # a block's fields given twice

    @property
    def name(self) -> str:
        """The key in canonical form: lower case, with '-' and '_' the same."""
        return canonical_key(self.key)


@dataclass
class SourceFile:
    path: Path
    fields: dict[str, HeaderField] = field(default_factory=dict)
    repeated: list[HeaderField] = field(default_factory=list)
    blocks: list[HeaderField] = field(default_factory=list)  # Quoted: ... with children
    body: str = ""
    body_line: int = 1  # the line number of the first body line
    unreadable: str = ""  # why the file could not be read, in plain English
    unreadable_fix: str = "save it again as UTF-8 text (in most editors: Save as, Encoding: UTF-8)."
    stray_line: int = 0  # a line inside the fields at the top that is not `Key: value`
    yaml_problem: tuple[int, str] | None = None  # (line, what is wrong) in YAML fields
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

    def add(self, header: HeaderField) -> None:
        if header.name in BLOCK_FIELDS:
            self.blocks.append(header)
        elif header.name in self.fields:
            self.repeated.append(header)
        else:
            self.fields[header.name] = header


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
    if lines and YAML_FENCE.match(lines[0]):
        end = next((i for i in range(1, len(lines)) if YAML_END.match(lines[i])), None)
        if end is not None:
            _read_yaml("\n".join(lines[1:end]), source)
            _set_body(lines, end + 1, source)
            return
    index = 0
    current: HeaderField | None = None
    block: HeaderField | None = None
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            break
        key_match = KEY_LINE.match(line)
        continuation = CONTINUATION.match(line)
        if key_match and not continuation:
            current = HeaderField(key_match["key"], _one_line(key_match["value"]), index + 1)
            source.add(current)
            block = current if current.name in BLOCK_FIELDS else None
        elif current is not None and continuation:
            extra = continuation["value"].strip()
            inner = KEY_LINE.match(extra)
            if block is not None and inner:
                child = HeaderField(inner["key"], _one_line(inner["value"]), index + 1)
                if child.name in block.children:
                    block.repeated.append(child)
                else:
                    block.children[child.name] = child
                current = child
            else:
                indented = FIELD_LIKE.match(extra)
                if indented:
                    source.field_like_indented.append((index + 1, indented["key"]))
                current.value = f"{current.value} {_one_line(extra)}".strip()
        else:
            if current is not None:
                source.stray_line = index + 1
            break
        index += 1
    _set_body(lines, index, source)


def _one_line(value: str) -> str:
    return value.translate(LINE_BREAKS).replace("\n", " ").strip()


def _set_body(lines: list[str], index: int, source: SourceFile) -> None:
    source.body = "\n".join(lines[index:]).translate(LINE_BREAKS)
    source.body_line = index + 1
    # Every line, code blocks too: a field missed there would be a consent missed.
    for offset, line in enumerate(source.body.split("\n")):
        match = FIELD_LIKE.match(line)
        if match:
            source.field_like_in_body.append((source.body_line + offset, match["key"]))


class _NoAliases(yaml.SafeLoader):
    """YAML without anchors and aliases: an alias can make a small file huge in memory."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 (PyYAML's API)
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem="uses a YAML alias (*name), which posts may not use",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


def _read_yaml(text: str, source: SourceFile) -> None:
    """The fields of a YAML block (below the first `---`, so its lines count from 2)."""
    try:
        root = yaml.compose(text, Loader=_NoAliases)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        what = getattr(error, "problem", None) or "it cannot be read"
        source.yaml_problem = (
            line,
            f"the fields between the --- lines are not written right here ({what})",
        )
        return
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode):
        source.yaml_problem = (2, "the fields at the top are not written as field: value lines")
        return
    for key_node, value_node in root.value:
        key = str(getattr(key_node, "value", ""))
        if canonical_key(key) in BLOCK_FIELDS and isinstance(value_node, yaml.SequenceNode):
            for item in value_node.value:
                source.add(_yaml_block(key, item, source))
            continue
        header = _yaml_field(key_node, value_node, source)
        if header is not None:
            source.add(header)


def _yaml_field(key_node: Any, value_node: Any, source: SourceFile) -> HeaderField | None:
    line = key_node.start_mark.line + 2
    if not isinstance(key_node, yaml.ScalarNode):
        source.yaml_problem = (line, "a field's name is not a plain word")
        return None
    return HeaderField(str(key_node.value), _yaml_text(value_node, source), line)


def _yaml_text(node: Any, source: SourceFile) -> str:
    """A YAML value as the text a `Key: value` line would hold."""
    if isinstance(node, yaml.SequenceNode):
        return ", ".join(_yaml_text(item, source) for item in node.value)
    if isinstance(node, yaml.MappingNode):
        source.yaml_problem = (node.start_mark.line + 2, "this field holds a list of fields")
        return ""
    text = str(node.value)
    if node.tag == "tag:yaml.org,2002:null":
        return ""
    if node.tag == "tag:yaml.org,2002:bool":  # yes, true, on (YAML's words for yes)
        return "yes" if text.lower() in ("yes", "y", "true", "on") else "no"
    return _one_line(text)


def _yaml_block(key: str, node: Any, source: SourceFile) -> HeaderField:
    block = HeaderField(key, "", node.start_mark.line + 2)
    if not isinstance(node, yaml.MappingNode):
        block.value = _yaml_text(node, source)
        return block
    for key_node, value_node in node.value:
        child = _yaml_field(key_node, value_node, source)
        if child is None:
            continue
        if child.name == "name":
            block.value, block.line = child.value, child.line
        elif child.name in block.children:
            block.repeated.append(child)
        else:
            block.children[child.name] = child
    return block
