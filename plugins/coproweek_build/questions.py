"""The scaffold's questions for each kind of file (`./kit new-quote`, `new-post`,
`new-event`, and the GitHub forms, whose question ids are these keys), and which of them a
given set of answers makes pointless to ask."""

from __future__ import annotations

from dataclasses import dataclass

from coproweek_content.event_fields import ACCESS, EVENT_FIELDS, NO_BOOKING, Attendance
from coproweek_content.fields import BLOG_FIELDS, QUOTE_FIELDS, Field

POSTS = ("quote", "blog")


@dataclass(frozen=True)
class Question:
    key: str  # the option (--key) and the field's name
    text: str
    default: str = ""
    kinds: tuple[str, ...] = POSTS
    one_line: bool = True  # a field; the words of the post are the only answers of many lines
    asked: bool = True  # False: only given (an option, a form), never asked on the terminal


EVENT = ("event",)
QUESTIONS = (
    Question("title", "Title of the blog post", kinds=("blog",)),
    Question("speaker", "Name of the person who said it", kinds=("quote",)),
    Question("author", "Name of the person who wrote it", kinds=("blog",)),
    Question(
        "naming",
        "How they agreed to be named (full name / first name / first name and place / anonymous / group)",
        "first name",
    ),
    Question("place", "The town or area they agreed to (only for first name and place)"),
    Question("role", "Their role, for example Peer Researcher"),
    Question("organisation", "Organisation (leave empty if none)"),
    Question("consent", "Consent register id, for example C-2024-017"),
    Question(
        "channels",
        "Where they agreed their words can go (web, social, newsletter)",
        "web, social, newsletter",
    ),
    Question("date", "The day to publish it (year-month-day)"),
    Question("summary", "One or two sentences about the post", kinds=("blog",)),
    Question("quote", "The quote itself, in their own words", kinds=("quote",), one_line=False),
    Question(
        "excerpt",
        "For a long quote: the sentence or two for its card, word for word",
        kinds=("quote",),
    ),
    Question("source", "A link to a longer piece, if there is one (https://...)", kinds=("quote",)),
    Question(
        "original",
        "If the post first appeared elsewhere, its address (https://...)",
        kinds=("blog",),
    ),
    Question("tags", "Tags, separated by commas"),
    Question(
        "language",
        "The language of the words, only when it is not the site's main language: "
        "cy (Welsh) or en (English)",
        asked=False,
    ),
    Question(
        "translation_key",
        "Only for a translation: the key it shares with the post it translates",
        asked=False,
    ),
    Question("text", "The blog post itself", kinds=("blog",), one_line=False, asked=False),
    # An event names no people, so it asks nothing about a person or their consent.
    Question("title", "Name of the event", kinds=EVENT),
    Question("summary", "One or two sentences about it (plain text)", kinds=EVENT),
    Question("date", "The day to announce it (year-month-day)", kinds=EVENT),
    Question(
        "starts",
        "When it starts: the day and the 24-hour time, for example 2025-07-03 14:00 "
        "(only the day for an all-day event)",
        kinds=EVENT,
    ),
    Question("ends", "When it ends, written the same way", kinds=EVENT),
    Question(
        "time_zone",
        "Its time zone, only for an event outside the UK, for example Europe/Dublin",
        kinds=EVENT,
    ),
    Question(
        "attendance",
        f"How people take part ({' / '.join(mode.value for mode in Attendance)})",
        kinds=EVENT,
    ),
    Question("venue", "The name of the place", kinds=EVENT),
    Question("address", "Its street and town", kinds=EVENT),
    Question("map", "A link to a map of the place, if you have one (https://...)", kinds=EVENT),
    Question("online_link", "The address to join online, only if it may be public", kinds=EVENT),
    Question("booking", f"The booking page (https://...), or: {NO_BOOKING}", kinds=EVENT),
    Question("cost", "What it costs, for example Free or £5", "Free", kinds=EVENT),
    Question("access", f"Access, any of: {', '.join(ACCESS)} (commas between)", kinds=EVENT),
    Question("access_other", "Anything else about access, in your own words", kinds=EVENT),
    Question("organiser", "The organisation running it", kinds=EVENT),
    Question("tags", "Tags, separated by commas", kinds=EVENT),
    Question("text", "What happens, who it is for", kinds=EVENT, one_line=False, asked=False),
)
FIELDS: dict[str, dict[str, Field]] = {
    "quote": QUOTE_FIELDS,
    "blog": BLOG_FIELDS,
    "event": EVENT_FIELDS,
}
LABELS = {key: spec.label for fields in FIELDS.values() for key, spec in fields.items()}
IN_PERSON_ONLY = ("venue", "address", "map")


def questions_for(kind: str) -> list[Question]:
    return [question for question in QUESTIONS if kind in question.kinds]


def order_of(kind: str) -> list[str]:
    """The fields of a new file of `kind`, in the order they are written."""
    return [question.key for question in questions_for(kind) if question.one_line]


def pointless(question: Question, answers: dict[str, str]) -> bool:
    """A question the answers so far make pointless to ask (its default stands)."""
    key, naming = question.key, answers.get("naming")
    attendance = " ".join(answers.get("attendance", "").lower().replace("-", " ").split())
    return (
        (key == "place" and naming != "first name and place")
        or (key == "consent" and naming in ("anonymous", "group"))
        or (key == "excerpt" and len(answers.get("quote", "")) <= 280)
        or (key in IN_PERSON_ONLY and attendance == Attendance.ONLINE.value)
        or (key == "online_link" and attendance == Attendance.IN_PERSON.value)
    )
