"""Turning the content folder into the model, collecting every problem on the way."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .addresses import Addresses
from .bilingual import share_consent, translation_problems
from .editions import Editions
from .event_files import load_event
from .events import Event
from .images import PhotoSizes
from .inventory import take_inventory
from .memo import Memo
from .model import Campaign, Image, Page, Post
from .others import (
    add_campaign_text,
    featured_problems,
    is_campaign_translation,
    load_campaign,
    load_page,
)
from .pool import default_workers, process_pool
from .posts import load_post
from .problems import Problem, Severity, display_path
from .render import Renderer
from .settings import IMAGES_DIR
from .source import MAX_FILE_BYTES
from .values import FileReport


@dataclass
class SiteContext:
    content_root: Path
    project_root: Path
    today: date
    card_max_chars: int = 280
    site_url: str = ""  # site-absolute links and photos get it in front
    photo_sizes: PhotoSizes = field(default_factory=PhotoSizes)
    campaigns: dict[int, Campaign] = field(default_factory=dict)
    events_time_zone: str = "Europe/London"  # an event's own Time-zone, when it gives none
    site_organisation: str = ""  # an organiser events may name besides partners
    editions: Editions = field(default_factory=Editions)
    _renderer: Renderer | None = field(default=None, repr=False, compare=False)

    @property
    def renderer(self) -> Renderer:
        """The build's one Markdown set-up (made on first use, in each process)."""
        if self._renderer is None:
            self._renderer = Renderer(self.content_root, self.site_url, self.photo_sizes)
        return self._renderer

    def surroundings(self) -> list[Any]:
        """Everything besides a file itself that reading it depends on (see memo.py)."""
        return [
            str(self.content_root),
            str(self.project_root),
            self.card_max_chars,
            self.site_url,
            self.photo_sizes,
            sorted(self.campaigns),
            self.editions,
        ]


@dataclass
class LoadedSite:
    context: SiteContext
    posts: list[Post] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Which version of each post's file was read (a hash; empty when not known), so that
    # later steps can keep their own results per post version.
    source_keys: dict[str, str] = field(default_factory=dict, repr=False)
    _by_path: dict[str, Post | Page] = field(default_factory=dict, repr=False)

    @property
    def published(self) -> list[Post]:
        return [post for post in self.posts if post.is_published(self.context.today)]

    @property
    def taken_down(self) -> list[Post]:
        """Posts off the site because of consent (withdrawn, ended, not for the web)."""
        return [post for post in self.posts if post.is_taken_down(self.context.today)]

    @property
    def scheduled(self) -> list[Post]:
        today = self.context.today
        return [p for p in self.posts if not p.is_taken_down(today) and p.is_scheduled(today)]

    @property
    def published_images(self) -> list[Image]:
        """Every photo a published post, a page or a campaign shows."""
        found = [image for post in self.published for image in post.images]
        found += [image for page in self.pages for image in page.images]
        found += [image for c in self.context.campaigns.values() for image in c.images]
        found += [image for event in self.published_events for image in event.images]
        return found

    @property
    def published_events(self) -> list[Event]:
        """Events the site shows (cancelled ones too: they say so); never a withdrawn event,
        nor one announced after today."""
        return [event for event in self.events if event.is_published(self.context.today)]

    def source_key(self, post: Post) -> str:
        return self.source_keys.get(os.path.abspath(post.source_path), "")

    def _entry(self, path: Path | str) -> Post | Page | None:
        if len(self._by_path) != len(self.posts) + len(self.pages):
            entries: list[Post | Page] = [*self.posts, *self.pages]
            self._by_path = {os.path.abspath(entry.source_path): entry for entry in entries}
        return self._by_path.get(os.path.abspath(path))

    def post_for(self, path: Path | str) -> Post | None:
        """The post read from `path` (exactly as the checks named it)."""
        found = self._entry(path)
        return found if isinstance(found, Post) else None

    def page_for(self, path: Path | str) -> Page | None:
        found = self._entry(path)
        return found if isinstance(found, Page) else None


def post_url(post: Post) -> str:
    return f"{post.date:%Y}/{post.slug}/"


def _checked_posts(
    jobs: list[tuple[Path, str]],
    context: SiteContext,
    memo: Memo | None,
    parallel_from: int | None,
) -> list[tuple[Post | None, list[Problem], str]]:
    """Each (path, kind)'s post and problems, from the memo when the file and its
    surroundings are as they were, and the key (empty without a memo) that names this
    version of the file. With `parallel_from` posts or more to check, worker processes
    check them (pool.py)."""
    keys = [_memo_key(path, memo) for path, _ in jobs]
    results: dict[int, tuple[Post | None, list[Problem]]] = {}
    for index, key in enumerate(keys):
        found = memo.get(key) if memo is not None and key else None
        if found is not None:
            results[index] = found
    to_check = [index for index in range(len(jobs)) if index not in results]
    tasks = [(jobs[index][0], jobs[index][1], context) for index in to_check]
    if parallel_from is not None and len(tasks) >= parallel_from and default_workers() > 1:
        # Worker processes get the context without this process's Markdown set-up.
        shared = dataclasses.replace(context, _renderer=None)
        tasks = [(path, kind, shared) for path, kind, _ in tasks]
        with process_pool(default_workers()) as pool:
            chunk = max(1, len(tasks) // (default_workers() * 4))
            checked = list(pool.map(check_post, tasks, chunksize=chunk))
    else:
        checked = [check_post(task) for task in tasks]
    for index, (post, problems) in zip(to_check, checked, strict=True):
        key = keys[index]
        if memo is not None and key:
            memo.put(key, (post, problems))
        results[index] = (post, problems)
    return [(*results[index], keys[index]) for index in range(len(jobs))]


def check_post(task: tuple[Path, str, SiteContext]) -> tuple[Post | None, list[Problem]]:
    """One post's model and problems (a top-level function: worker processes run it)."""
    path, kind, context = task
    report = FileReport(display_path(path, context.project_root))
    return load_post(path, kind, context, report), report.problems


def _memo_key(path: Path, memo: Memo | None) -> str:
    """The memo key of this version of the file; empty without a memo, or for a file that
    is unreadable, empty or too large (checked, and reported, every time)."""
    if memo is None:
        return ""
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else b""
    except OSError:
        raw = b""
    return memo.key(os.path.abspath(path), raw) if raw else ""


def load_site(
    context: SiteContext, memo: Memo | None = None, parallel_from: int | None = None
) -> LoadedSite:
    """Read every content file; the result holds the model and every problem found.
    With a memo, posts checked before in the same surroundings are not checked again.
    From `parallel_from` posts to check on, worker processes check them."""
    site = LoadedSite(context)
    root = context.content_root
    inventory = take_inventory(root, context.project_root)
    site.problems += inventory.problems
    addresses = Addresses(context.project_root)

    def report_for(path: Path) -> FileReport:
        return FileReport(display_path(path, context.project_root))

    campaign_paths = inventory.of("campaign")
    for path in [path for path in campaign_paths if not is_campaign_translation(path)]:
        report = report_for(path)
        campaign = load_campaign(path, context, report)
        if campaign and campaign.year in context.campaigns:
            other = context.campaigns[campaign.year].source_path
            report.add(
                1,
                f"there is already a campaign for {campaign.year}: "
                f"{display_path(other, context.project_root)}.",
                "keep one file per year: remove or merge the other one.",
            )
        elif campaign:
            context.campaigns[campaign.year] = campaign
            addresses.claim(f"campaigns/{campaign.year}/", report.path, 1)
        site.problems += report.problems
    for path in [path for path in campaign_paths if is_campaign_translation(path)]:
        report = report_for(path)
        add_campaign_text(path, context, report)
        site.problems += report.problems

    if memo is not None:
        memo.surround(context.surroundings(), (root / IMAGES_DIR,))
    jobs = [(path, kind) for kind in ("quote", "blog") for path in inventory.of(kind)]
    jobs.sort(key=lambda job: str(job[0]))
    for (path, _), (post, problems, key) in zip(
        jobs, _checked_posts(jobs, context, memo, parallel_from), strict=True
    ):
        site.problems += problems
        if post:
            site.posts.append(post)
            site.source_keys[os.path.abspath(path)] = key
            addresses.claim(post_url(post), display_path(path, context.project_root), 1)
    for path in inventory.of("page"):
        report = report_for(path)
        page = load_page(path, context, report)
        if page and addresses.claim_page(page.slug, report.path, page.slug_line):
            site.pages.append(page)
        site.problems += report.problems
    _load_events(site, inventory.of("event"), addresses)
    share_consent(site)
    site.problems += translation_problems(site)
    site.problems += addresses.problems
    site.problems += featured_problems(site)
    _report_held_back(site)
    return site


def known_organisations(site: LoadedSite) -> list[str]:
    """The organisations an event may name as its organiser: the site's own, the campaigns'
    partners and the organisations of posts."""
    context = site.context
    organisations = [context.site_organisation]
    organisations += [name for c in context.campaigns.values() for name in c.partners]
    organisations += [post.organisation for post in site.posts]
    return organisations


def _load_events(site: LoadedSite, paths: list[Path], addresses: Addresses) -> None:
    context = site.context
    organisations = known_organisations(site)
    for path in paths:
        report = FileReport(display_path(path, context.project_root))
        event = load_event(path, context, organisations, report)
        if event and addresses.claim(event.url, report.path, 1):
            site.events.append(event)
        site.problems += report.problems
    for event in site.events:
        where = display_path(event.source_path, context.project_root)
        if event.withdrawn:
            message = "this event is left out of the site because it is withdrawn (Withdrawn: yes)."
            fix = (
                "if that is right, there is nothing to do: it leaves every page, calendar and feed."
            )
        elif event.is_scheduled(context.today):
            message = (
                f"this event is scheduled: it will be announced on {event.announced:%Y-%m-%d}."
            )
            fix = "nothing to do; the site is built every day, and the event appears on that day."
        else:
            continue
        site.problems.append(Problem(where, 1, message, fix, Severity.NOTICE))


def _report_held_back(site: LoadedSite) -> None:
    """Not problems: say which posts this build leaves out, and why."""
    today = site.context.today
    for post in site.posts:
        where = display_path(post.source_path, site.context.project_root)
        if post.is_taken_down(today):
            if post.consent.withdrawn:
                why = "the person withdrew their consent"
            elif post.consent.expired_on(today):
                why = f"their consent ended on {post.consent.ends:%Y-%m-%d}"
            else:
                why = "the person did not agree to the website (Channels has no web)"
            message = f"this post is left out of the site because {why}."
            fix = (
                "if that is right, there is nothing to do. The post is removed from every page, card, "
                "feed, the search and the sitemap; the build lists what to take down by hand."
            )
        elif post.is_scheduled(today):
            message = f"this post is scheduled: it will be published on {post.date:%Y-%m-%d}."
            fix = "nothing to do; the site is built every day, and the post appears on that day."
        else:
            continue
        site.problems.append(Problem(where, 1, message, fix, Severity.NOTICE))
