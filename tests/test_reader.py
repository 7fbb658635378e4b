"""The Markdown reader's shortcut for one-line summaries gives what Markdown gives."""

from __future__ import annotations

from coproweek_content.markdown_setup import PLAIN_LINE, make_markdown, render, render_line
from hypothesis import given, settings
from hypothesis import strategies as st

# Letters of several scripts, digits, the punctuation the shortcut allows, and characters
# Markdown treats specially (so both paths are taken).
ALPHABET = "aZŵŷ৳সুليلى美玲09 ,.;:?!'’‘“”\"()%/–—-_*#>[]<&`\\|~+=\t"


PLAIN = "aZŵŷ৳সুليلى美玲09 ,.;:?!'’‘“”\"()%/–—-"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
def test_one_line_shortcut_matches_markdown(text: str) -> None:
    md = make_markdown()
    assert render_line(md, text) == render(md, text)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from("aZŵ৳ل美"), st.text(alphabet=PLAIN, max_size=60))
def test_plain_lines_take_the_shortcut_and_match_markdown(first: str, rest: str) -> None:
    text = first + rest
    md = make_markdown()
    assert render_line(md, text) == render(md, text)


def test_the_shortcut_is_taken_for_plain_sentences_only() -> None:
    assert PLAIN_LINE.match("Peer researchers told us what was missing: time, and money.")
    assert PLAIN_LINE.match("Trust is built slowly (and lost fast) — “listen first”.")
    for marked_up in ("*Bold* claim", "1. First", "- item", "# Heading", "A <b>tag</b>", "R&D"):
        assert not PLAIN_LINE.match(marked_up)
