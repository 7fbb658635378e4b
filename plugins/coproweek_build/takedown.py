"""What must be taken down by hand after a build: everything shared earlier of a post that
is no longer on the site, whatever took it off (its person's consent, or the file deleted or
renamed), a withdrawn event, and the quotes of people who withdrew from a post that stays.

The list covers the whole site, every edition at once: a withdrawn Welsh post is listed
with its address in the Welsh edition (/cy/2025/...), and a withdrawn event, shown in
every edition, with its address in each.

The addresses each build published are kept in the cache (`published.json`), so a post that
was deleted is still known to the next build, which lists it once."""

from __future__ import annotations

import json
import os
from pathlib import Path

from coproweek_content.editions import Editions
from coproweek_content.loader import LoadedSite, post_url
from coproweek_content.model import Post
from coproweek_content.problems import display_path

RECORD = "published.json"


def address_of(post: Post, editions: Editions) -> str | None:
    """A post's address within the site, its edition's folder included ("cy/2025/x/");
    None for a post in a language the site does not publish (never on the site)."""
    edition = editions.edition_of(post.language)
    return None if edition is None else editions.prefix(edition) + post_url(post)


def takedown_lines(
    site: LoadedSite, site_url: str, cache: Path, editions: Editions | None = None
) -> list[str]:
    """The lines to print. `site` is the whole site's model (every edition's posts),
    `site_url` the address of the main edition (the site's root)."""
    chosen = editions or Editions()
    root = site.context.project_root
    today = site.context.today
    lines = []
    for post in sorted(site.taken_down, key=lambda p: str(p.source_path)):
        address = address_of(post, chosen)
        if address is None:
            continue
        if post.consent.withdrawn:
            why = "consent withdrawn"
        elif post.consent.expired_on(today):
            why = f"consent ended on {post.consent.ends:%Y-%m-%d}"
        else:
            why = "not agreed for the website (Channels has no web)"
        path = display_path(post.source_path, root)
        lines.append(f"{path}: {why}; remove anything already shared from {site_url}/{address}")
    for event in sorted(site.events, key=lambda e: str(e.source_path)):
        if event.withdrawn:
            path = display_path(event.source_path, root)
            addresses = " and ".join(
                f"{site_url}/{chosen.prefix(language)}{event.url}" for language in chosen.languages
            )
            lines.append(f"{path}: withdrawn; remove anything already shared from {addresses}")
    for post in sorted(site.published, key=lambda p: str(p.source_path)):
        address = address_of(post, chosen)
        if address is None:
            continue
        for quote in post.withdrawn_quotes(today):
            path = display_path(post.source_path, root)
            lines.append(
                f"{path}: the quote of {quote.speaker} (line {quote.line}) is off the site by "
                f"their consent; remove it from anything shared from {site_url}/{address}"
            )
    return lines + _removed_since_last_build(site, site_url, cache, chosen)


def _removed_since_last_build(
    site: LoadedSite, site_url: str, cache: Path, editions: Editions
) -> list[str]:
    """Posts published by the last build whose files are gone (deleted or renamed)."""
    record = cache / RECORD
    try:
        before = json.loads(record.read_text(encoding="utf-8"))
        before = before if isinstance(before, dict) else {}
    except (OSError, ValueError):
        before = {}
    root = site.context.project_root
    now = {}
    for post in site.published:
        address = address_of(post, editions)
        if address is not None:
            now[display_path(post.source_path, root)] = address
    known = {display_path(post.source_path, root) for post in site.posts}
    lines = [
        f"{source}: deleted or renamed since the last build; remove anything already shared "
        f"from {site_url}/{address}"
        for source, address in sorted(before.items())
        if source not in known and isinstance(address, str)
    ]
    cache.mkdir(parents=True, exist_ok=True)
    partial = record.with_name(f".{RECORD}.{os.getpid()}")
    partial.write_text(json.dumps(now, indent=1, sort_keys=True), encoding="utf-8")
    partial.replace(record)
    return lines
