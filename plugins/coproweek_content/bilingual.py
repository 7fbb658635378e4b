"""Posts and pages in two languages: translations found by their shared Translation-key,
checked, given one consent, and each edition's view of the site.

One consent for a translation pair, by construction: the two files each carry the person's
consent, and both are published with the stricter of the two (the less full naming, the
channels both allow, the earlier end date; withdrawn in either file is withdrawn in both).
So withdrawing a person in one language removes them in the other too.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .editions import Editions, primary
from .model import Campaign, Consent, Naming, Page, Person, Post, QuotedPerson
from .posts import load_post
from .problems import FileReport, Problem, Severity, display_path

if TYPE_CHECKING:
    from .loader import LoadedSite

# Less is stricter: a pair is shown with the naming of the file that allows less.
NAMING_ORDER = (
    Naming.ANONYMOUS,
    Naming.FIRST_NAME,
    Naming.FIRST_NAME_AND_PLACE,
    Naming.GROUP,
    Naming.FULL_NAME,
)

Entry = Post | Page


def edition_of(entry: Entry | Campaign, editions: Editions) -> str | None:
    return editions.edition_of(entry.language)


def translation_groups(site: LoadedSite) -> dict[str, list[Entry]]:
    """Every Translation-key and the posts and pages that share it, in file order."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    entries: list[Entry] = [*site.posts, *site.pages]
    for entry in entries:
        if entry.translation_key:
            groups[entry.translation_key].append(entry)
    return dict(groups)


def translation_problems(site: LoadedSite) -> list[Problem]:
    """Keys shared by files that cannot be translations of each other, and posts whose
    language this site does not publish."""
    context = site.context
    editions = context.editions
    problems = []

    def where(entry: Entry | Campaign) -> str:
        return display_path(entry.source_path, context.project_root)

    for key, entries in translation_groups(site).items():
        first = entries[0]
        seen: dict[str, Entry] = {}
        for entry in entries:
            language = editions.interface_language(entry.language)
            if _kind(entry) != _kind(first):
                problems.append(
                    Problem(
                        where(entry),
                        1,
                        f'Translation-key "{key}" links this {_kind(entry)} to {where(first)}, '
                        f"which is a {_kind(first)}.",
                        "a translation is the same kind of post as the file it translates: "
                        "correct the key, or move the file to the right folder.",
                    )
                )
            elif language in seen:
                problems.append(
                    Problem(
                        where(entry),
                        1,
                        f'Translation-key "{key}" is also used by {where(seen[language])}, which '
                        "is in the same language.",
                        "give each post and its translation a key of their own, the same in "
                        "both files, and give each file its Language (a file without one is in "
                        f"the site's main language, {_language_name(editions.main)}).",
                    )
                )
            elif (
                isinstance(entry, Post)
                and isinstance(first, Post)
                and entry.campaign_year != first.campaign_year
            ):
                problems.append(
                    Problem(
                        where(entry),
                        1,
                        f'Translation-key "{key}" links this post to {where(first)}, '
                        "which belongs to another campaign year.",
                        "give both files the same Campaign (and Date), or correct the key.",
                    )
                )
            else:
                seen[language] = entry
    everything: list[Entry] = [*site.posts, *site.pages]
    for entry in everything:
        if editions.edition_of(entry.language) is None:
            problems.append(
                Problem(
                    where(entry),
                    1,
                    f"this is in {_language_name(entry.language)}, which this site does not "
                    "publish, so it is left out.",
                    f'to publish it, add "{primary(entry.language)}" to COPROWEEK_LANGUAGES '
                    "in pelicanconf.py (the README explains the three language modes).",
                    Severity.NOTICE,
                )
            )
    return problems


def _kind(entry: Entry) -> str:
    if isinstance(entry, Page):
        return "page"
    return "quote post" if entry.kind == "quote" else "blog post"


def _language_name(tag: str) -> str:
    return {"cy": "Welsh", "en": "English"}.get(primary(tag), tag)


def stricter_consent(consents: Sequence[Consent]) -> Consent:
    """The consent all of `consents` allow (the reference of the first)."""
    ends = [consent.ends for consent in consents if consent.ends is not None]
    return Consent(
        reference=consents[0].reference,
        channels=frozenset.intersection(*(consent.channels for consent in consents)),
        ends=min(ends) if ends else None,
        withdrawn=any(consent.withdrawn for consent in consents),
    )


def stricter_naming(people: Sequence[Person]) -> Naming:
    return min((person.naming for person in people), key=NAMING_ORDER.index)


@dataclass(frozen=True)
class SharedConsent:
    """What a translation pair's files allow together: the speaker's naming and consent,
    and each quoted person's (the stricter of the files, for each)."""

    naming: Naming
    consent: Consent
    quoted: tuple[QuotedPerson, ...]

    def applied(
        self, person: Person, consent: Consent, quoted: list[QuotedPerson]
    ) -> tuple[Person, Consent, list[QuotedPerson]]:
        """A file's own speaker, consent and quoted people, as the pair allows them."""
        shared_quoted = []
        for own in quoted:
            same = next((q for q in self.quoted if _same_person(own, q)), None)
            if same is not None:
                own = dataclasses.replace(
                    own,
                    consent=dataclasses.replace(same.consent, reference=own.consent.reference),
                    person=_named(own.person, same.person.naming),
                )
            shared_quoted.append(own)
        return (
            _named(person, self.naming),
            dataclasses.replace(self.consent, reference=consent.reference),
            shared_quoted,
        )


def _named(person: Person, naming: Naming) -> Person:
    """`person` named as `naming` allows (a place only when this file gives one)."""
    if naming is Naming.FIRST_NAME_AND_PLACE and not person.place:
        naming = Naming.FIRST_NAME
    return dataclasses.replace(person, naming=naming)


def consent_to_share(site: LoadedSite) -> dict[Path, SharedConsent]:
    """The consent each post of a translation pair is published with, when its own file
    allows more than the pair does (by the post's source path)."""
    shared: dict[Path, SharedConsent] = {}
    for entries in translation_groups(site).values():
        posts = [entry for entry in entries if isinstance(entry, Post)]
        if len(posts) < 2:
            continue
        everyone = [q for post in posts for q in post.quoted]
        pair = SharedConsent(
            stricter_naming([post.person for post in posts]),
            stricter_consent([post.consent for post in posts]),
            tuple(_stricter_quoted(q, everyone) for q in everyone),
        )
        for post in posts:
            person, consent, quoted = pair.applied(post.person, post.consent, list(post.quoted))
            if (person, consent, tuple(quoted)) != (post.person, post.consent, post.quoted):
                shared[post.source_path] = pair
    return shared


def _stricter_quoted(quoted: QuotedPerson, everyone: Sequence[QuotedPerson]) -> QuotedPerson:
    same = [other for other in everyone if _same_person(quoted, other)]
    return dataclasses.replace(
        quoted,
        consent=stricter_consent([q.consent for q in same]),
        person=dataclasses.replace(quoted.person, naming=stricter_naming([q.person for q in same])),
    )


def _same_person(one: QuotedPerson, other: QuotedPerson) -> bool:
    if one.consent.reference and other.consent.reference:
        return one.consent.reference == other.consent.reference
    return one.person.name.casefold().split() == other.person.name.casefold().split()


def share_consent(site: LoadedSite) -> None:
    """Read again, with their pair's consent, the posts whose translation allows less:
    names, titles and attributions then follow the stricter file everywhere."""
    context = site.context
    for path, shared in consent_to_share(site).items():
        old = site.post_for(path)
        if old is None:
            continue
        report = FileReport(display_path(path, context.project_root))
        post = load_post(path, old.kind, context, report, shared)
        site.posts = [p for p in site.posts if p is not old] + ([post] if post else [])
        site.problems = [p for p in site.problems if p.path != report.path] + report.problems
    site.posts.sort(key=lambda post: str(post.source_path))
    site._by_path = {}  # noqa: SLF001 (its own cache of the posts by path, now stale)
