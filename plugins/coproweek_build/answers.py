"""What one answer to the scaffold's questions (or a form's) may be, whatever its field:
one line, of a sensible length, and never a file path where a name or title belongs. Each
field's own parser (coproweek_content.fields) checks the rest."""

from __future__ import annotations

import re

from coproweek_content.fields import FieldError

# A line break or another control character in a field's answer would start a line of its
# own in the file: a second field the person never saw (Save_as, Channels...).
NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_FIELD_CHARS = 1000  # a field is a name, a role, a title or a sentence or two


# Answers the file's name is made from: a path in them is someone trying to choose where
# the file goes (the site does that itself, and keeps every post in its folder anyway).
PATH_LIKE = re.compile(r"\.\.[\\/]|[\\/]\.\.|^[~\\/]|\\")
NAMES = ("speaker", "author")


def path_problem(key: str, value: str) -> FieldError | None:
    if (key in NAMES and re.search(r"[\\/]", value)) or (
        key in ("title", "slug") and PATH_LIKE.search(value)
    ):
        return FieldError(
            "this answer looks like a file path (it has / or \\ or ..), but the site decides "
            "where each post goes itself.",
            "write the name or title as words only.",
        )
    return None


def one_line_problem(value: str) -> FieldError | None:
    if NOT_ONE_LINE.search(value):
        return FieldError(
            "this answer has a line break or an invisible control character in it, but a "
            "field is one line of text.",
            "write the answer on one line, typing it again if it was pasted.",
        )
    if len(value) > MAX_FIELD_CHARS:
        return FieldError(
            f"this answer is {len(value):,} characters long, more than the "
            f"{MAX_FIELD_CHARS:,} a field may hold.",
            "keep it to a sentence or two; longer words belong in the text of the post.",
        )
    return None
