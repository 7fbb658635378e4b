"""A synthetic corpus for the build benchmark: N posts, a third of them quotes.

Blogs carry pull quotes, posts spread over several campaigns and tags, and some speakers
have names in non-Latin scripts. Everything is invented and seeded, so a corpus of a given
size is the same every time.

Run: .venv/bin/python benchmarks/corpus.py OUTPUT_FOLDER [--posts 2000]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

YEARS = (2022, 2023, 2024, 2025)
THEMES = {
    2022: "The impact of co-production",
    2023: "Co-production in the real world",
    2024: "Co-production: what's missing?",
    2025: "Innovation through co-production",
}
FIRST_NAMES = (
    "Amira",
    "Tomos",
    "Precious",
    "Dafydd",
    "Megan",
    "Kwame",
    "Sian",
    "Farah",
    "Owain",
    "Yasmin",
    "Delroy",
    "Bethan",
    "Idris",
    "Chloe",
    "Marcus",
    "Hannah",
    "সুমাইয়া",
    "ليلى",
    "ਹਰਪ੍ਰੀਤ",
    "美玲",
)
FAMILY_NAMES = (
    "Haddad",
    "Rhys",
    "Okafor",
    "Pryce",
    "Ashcombe",
    "Boateng",
    "Lloyd",
    "Khan",
    "রহমান",
    "حداد",
)
ROLES = (
    "Peer Researcher",
    "Carer",
    "Expert Citizen",
    "Volunteer",
    "Engagement Worker",
    "Administration Apprentice",
    "Occupational Therapist",
    "Service Manager",
)
TAGS = (
    "power",
    "listening",
    "peer research",
    "carers",
    "mental health",
    "housing",
    "youth voice",
    "digital",
    "evaluation",
    "training",
    "transport",
    "food",
    "money",
    "health",
    "art",
)
WORDS = [
    "we",
    "people",
    "time",
    "meetings",
    "papers",
    "listen",
    "power",
    "share",
    "trust",
    "carers",
    "staff",
    "plan",
    "budget",
    "together",
    "ideas",
    "change",
    "voice",
    "equal",
    "partners",
    "decisions",
    "evening",
    "food",
    "travel",
    "paid",
    "plain",
    "english",
    "agenda",
    "notes",
    "interpreters",
    "young",
    "older",
    "community",
    "services",
    "design",
    "review",
    "questions",
    "answers",
    "room",
    "chair",
    "minutes",
    "action",
    "learning",
    "report",
    "survey",
    "group",
    "workshop",
    "week",
    "year",
]
ORGANISATIONS = (
    "Riverside Carers Network",
    "Brookside Tenants Forum",
    "Hillcrest Peer Collective",
    "Northgate Housing Co-operative",
    "Valley Voices",
)


def sentence(chooser: random.Random, low: int, high: int) -> str:
    return (
        " ".join(chooser.choice(WORDS) for _ in range(chooser.randint(low, high))).capitalize()
        + "."
    )


def person(chooser: random.Random) -> tuple[str, str]:
    first = chooser.choice(FIRST_NAMES)
    if chooser.random() < 0.3:
        return f"{first} {chooser.choice(FAMILY_NAMES)}", "full name"
    return first, "first name"


def header(chooser: random.Random, number: int, year: int, name_key: str) -> list[str]:
    name, naming = person(chooser)
    day = 1 + number % 5
    lines = [
        f"{name_key}: {name}",
        f"Naming: {naming}",
        f"Role: {chooser.choice(ROLES)}",
        f"Organisation: {chooser.choice(ORGANISATIONS)}",
        f"Campaign: {year}",
        f"Date: {year}-07-0{day} {number % 24:02d}:{number % 60:02d}",
        f"Tags: {', '.join(chooser.sample(TAGS, 2))}",
        f"Consent: C-{year}-{number:05d}",
        "Channels: web, social, newsletter",
    ]
    return lines


def write_campaigns(content: Path) -> None:
    folder = content / "campaigns"
    folder.mkdir(parents=True, exist_ok=True)
    for year in YEARS:
        (folder / f"{year}.md").write_text(
            f"Year: {year}\nTheme: {THEMES[year]}\nStarts: {year}-07-01\nEnds: {year}-07-05\n"
            "Hashtag: #CoProWeek\nBackground: #FFFFFF\nText-colour: #1B1B1B\nAccent: #5A2A82\n"
            f"Partners: {', '.join(ORGANISATIONS[:3])}\n\nThe {year} campaign, for the benchmark.\n",
            encoding="utf-8",
        )


def write_corpus(content: Path, posts: int) -> None:
    shutil.rmtree(content, ignore_errors=True)
    write_campaigns(content)
    chooser = random.Random(posts)
    for number in range(posts):
        year = YEARS[number % len(YEARS)]
        if number % 3 == 0:
            folder = content / "quotes" / str(year)
            body = sentence(chooser, 10, 28)
            # A title is optional for our quotes; bare Pelican skips a post without one.
            lines = [
                f"Title: {sentence(chooser, 3, 6)[:-1]}",
                *header(chooser, number, year, "Speaker"),
            ]
        else:
            folder = content / "blog" / str(year)
            lines = [
                f"Title: {sentence(chooser, 4, 9)[:-1]}",
                *header(chooser, number, year, "Author"),
                f"Summary: {sentence(chooser, 12, 25)}",
            ]
            paragraphs = [sentence(chooser, 30, 80) for _ in range(6)]
            quoted = person(chooser)[0].split()[0]
            lines += [  # the person quoted, with consent of their own
                f"Quoted: {quoted}",
                f"    Consent: C-{year}-{number:05d}-Q",
                "    Channels: web, social, newsletter",
            ]
            pull = f"> {sentence(chooser, 10, 25)}\n> — {quoted}, {chooser.choice(ROLES)}"
            body = "\n\n".join(paragraphs[:3] + ["## What we learned", pull] + paragraphs[3:])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"post-{number:05d}.md").write_text(
            "\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", type=Path)
    parser.add_argument("--posts", type=int, default=2000)
    arguments = parser.parse_args()
    write_corpus(arguments.output, arguments.posts)
    print(f"Wrote {arguments.posts} posts to {arguments.output}")


if __name__ == "__main__":
    main()
