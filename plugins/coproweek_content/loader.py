"""Turning content files into the model, collecting every problem on the way."""

from __future__ import annotations

import dataclasses
import difflib
import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image as PILImage

from . import body as body_parts
from . import safety
from .colours import palette_failures
from .fields import (
    ALIASES,
    BLOG_FIELDS,
    CAMPAIGN_FIELDS,
    FORBIDDEN,
    PAGE_FIELDS,
    QUOTE_FIELDS,
    Field,
    FieldError,
)
from .fields import (
    slug as make_slug,
)
from .markdown_setup import make_markdown
from .markdown_setup import render as render_markdown
from .memo import Memo
from .model import CHANNELS, Campaign, Consent, Image, Naming, Page, Palette, Person, Post, Quote
from .parallel import map_in_two
from .problems import Problem, Severity, display_path
from .settings import (
    BLOG_DIR,
    CAMPAIGNS_DIR,
    IMAGE_SUFFIXES,
    IMAGES_DIR,
    PAGES_DIR,
    QUOTES_DIR,
    RESERVED_SLUGS,
)
from .source import MAX_FILE_BYTES, SourceFile, read_source

EXAMPLES = {
    "date": "2024-07-02",
    "role": "Peer Researcher",
    "summary": "One or two sentences about the post.",
    "title": "What is missing from our meetings",
    "year": "2024",
    "theme": "Co-production: what's missing?",
    "starts": "2024-07-01",
    "ends": "2024-07-05",
    "hashtag": "#CoProWeek",
    "background": "#FFFFFF",
    "text_colour": "#1B1B1B",
    "accent": "#5A2A82",
}
KIND_NAMES = {
    "quote": "a quote post",
    "blog": "a blog post",
    "page": "a page",
    "campaign": "a campaign",
}


@dataclass
class FileReport:
    """What one file gave: its values and its problems."""

    path: str  # as shown to contributors
    problems: list[Problem] = field(default_factory=list)
    suggested: set[str] = field(default_factory=set)  # fields a "did you mean" hint named
    source: SourceFile | None = None  # the file as read, for the reader to use again

    def add(
        self, line: int, message: str, fix: str = "", severity: Severity = Severity.ERROR
    ) -> None:
        self.problems.append(Problem(self.path, line, message, fix, severity))


def _nearest(name: str, known: Iterable[str], specs: dict[str, Field]) -> str:
    matches = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return specs[matches[0]].label if matches else ""


def read_values(
    source: SourceFile, specs: dict[str, Field], kind: str, report: FileReport
) -> dict[str, Any]:
    """Parse every metadata line against the fields `kind` allows."""
    values: dict[str, Any] = {}
    for name, header in source.fields.items():
        if name in FORBIDDEN and name not in specs:
            report.add(
                header.line,
                f'"{header.key}" is not allowed in content: it {FORBIDDEN[name]}.',
                "remove this line. The site decides addresses, templates and publishing itself.",
            )
            continue
        spec = specs.get(name)
        if spec is None:
            suggestion = ALIASES.get(kind, {}).get(name) or _nearest(name, specs, specs)
            hint = f' Did you mean "{suggestion}"?' if suggestion else ""
            report.suggested.add(suggestion.lower().replace("-", "_"))
            fix = (
                f'change "{header.key}" to "{suggestion}".'
                if suggestion
                else "remove this line, or use one of: "
                + ", ".join(spec.label for spec in specs.values())
                + "."
            )
            report.add(
                header.line,
                f'"{header.key}" is not a field {KIND_NAMES[kind]} can have.{hint}',
                fix,
            )
            continue
        if not header.value.strip():
            if spec.required:
                report.add(
                    header.line,
                    f"{spec.label} is empty.",
                    f"write a value after the colon, for example: {spec.label}: {EXAMPLES.get(name, '...')}",
                )
            continue
        try:
            values[name] = spec.parse(header.value)
        except FieldError as error:
            report.add(header.line, f"{spec.label}: {error.message}", error.fix)
    for header in source.repeated:
        first = source.fields[header.name].line
        report.add(
            header.line,
            f'"{header.key}" appears twice (also on line {first}).',
            "keep only one of the two lines.",
        )
    for name, spec in specs.items():
        if spec.required and name not in source.fields and name not in report.suggested:
            report.add(
                1,
                f"{spec.label} is missing.",
                f"add a line near the top, before the blank line: {spec.label}: {EXAMPLES.get(name, '...')}",
            )
    if source.stray_line:
        report.add(
            source.stray_line,
            'this line is inside the metadata at the top but is not written as "Key: value".',
            "add the missing colon after the field name, or leave a blank line before the text starts.",
        )
    return values


def resolve_image(src: str, content_root: Path) -> tuple[str, str]:
    """Return (path relative to content/, problem). An empty problem means the image is fine."""
    if not src:
        return "", "the image has no file name."
    if src.startswith(("http://", "https://", "//")):
        return "", (
            "images from other websites are not allowed: they would let another site see our readers."
        )
    if ":" in src.split("/")[0]:
        return "", f'"{src}" is not an image file in this site.'
    relative = src.lstrip("/")
    if not relative.startswith(f"{IMAGES_DIR}/"):
        return "", f'"{src}" is not in the images folder.'
    images_root = (content_root / IMAGES_DIR).resolve()
    target = (content_root / relative).resolve()
    if images_root not in target.parents:
        return "", f'"{src}" points outside the images folder.'
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        return "", f'"{src}" is not a photo file we publish ({", ".join(IMAGE_SUFFIXES)}).'
    if not target.is_file():
        return "", f'the image file "{src}" does not exist.'
    problem = image_problem(target)
    if problem:
        return "", f'"{src}" {problem}'
    return relative, ""


MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo; anything larger is refused, not decoded


def image_problem(path: Path) -> str:
    """Why a photo cannot be published, read from its header only (never decoded here)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as image:
                width, height = image.size
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return "is far too large to be a photo for a web page."
    except Exception:  # Pillow raises many kinds of error for a broken file
        return "cannot be read as a photo (the file may be damaged or not an image)."
    if width * height > MAX_IMAGE_PIXELS:
        return f"is {width} x {height} pixels, far more than a web page needs."
    return ""


IMAGE_FIX = "put the photo in content/images/ (for example content/images/2024/) and write its path as /images/2024/photo.jpg."


def _readable_source(path: Path, report: FileReport) -> SourceFile | None:
    source = report.source = read_source(path)
    if source.unreadable:
        report.add(1, f"this file cannot be read: {source.unreadable}.", source.unreadable_fix)
        return None
    return source


def load_campaign(path: Path, root: Path, report: FileReport) -> Campaign | None:
    source = _readable_source(path, report)
    if source is None:
        return None
    values = read_values(source, CAMPAIGN_FIELDS, "campaign", report)
    year = values.get("year")
    if year is not None and path.stem != str(year):
        report.add(
            source.line_of("year"),
            f"Year is {year} but the file is called {path.name}.",
            f"name the file {year}.md, or correct the year.",
        )
    starts, ends = values.get("starts"), values.get("ends")
    if starts and ends and ends < starts:
        report.add(
            source.line_of("ends"),
            "Ends is before Starts.",
            "check the two dates of the campaign week.",
        )
    if all(name in values for name in ("background", "text_colour", "accent")):
        for failure in palette_failures(
            values["background"], values["text_colour"], values["accent"]
        ):
            report.add(source.line_of(failure.field), failure.message, failure.fix)
    needed = ("year", "theme", "starts", "ends", "hashtag", "background", "text_colour", "accent")
    if any(name not in values for name in needed) or report.problems:
        return None
    return Campaign(
        year=values["year"],
        theme=values["theme"],
        starts=values["starts"],
        ends=values["ends"],
        hashtag=values["hashtag"],
        palette=Palette(values["background"], values["text_colour"], values["accent"]),
        partners=values.get("partners", ()),
        intro_markdown=source.body.strip(),
        source_path=path,
    )


def _person_and_consent(
    source: SourceFile, values: dict[str, Any], name_key: str, report: FileReport
) -> tuple[Person, Consent]:
    label = "Speaker" if name_key == "speaker" else "Author"
    naming: Naming = values.get("naming", Naming.FIRST_NAME)
    name = values.get(name_key, "")
    if (
        naming is not Naming.ANONYMOUS
        and not name
        and name_key not in source.fields
        and name_key not in report.suggested
    ):
        report.add(
            1,
            f"{label} is missing.",
            f"add a line near the top: {label}: (the person's name). If they do not want to be named, add: Naming: anonymous",
        )
    place = values.get("place", "")
    if naming is Naming.FIRST_NAME_AND_PLACE and not place:
        report.add(
            source.line_of("naming"),
            'Naming is "first name and place" but there is no Place.',
            "add a line: Place: (the town or area the person agreed to), for example Place: Machynlleth",
        )
    reference = values.get("consent", "")
    chosen_channels = values.get("channels")
    if naming is not Naming.ANONYMOUS:
        if not reference and "consent" not in source.fields:
            report.add(
                1,
                f"Consent is missing: this post names a person ({label}).",
                "add a line: Consent: (the id of their consent record in your organisation's private "
                "register), for example Consent: C-2024-017",
            )
        if chosen_channels is None and "channels" not in source.fields:
            report.add(
                1,
                "Channels is missing: we need to know where the person agreed their words can appear.",
                f"add a line listing what they agreed to, from: {', '.join(CHANNELS)}. For example: Channels: web, social",
            )
    consent = Consent(
        reference=reference,
        channels=chosen_channels if chosen_channels is not None else frozenset(CHANNELS),
        ends=values.get("consent_ends"),
        withdrawn=values.get("withdrawn", False),
    )
    return Person(name=name, naming=naming, place=place), consent


def _check_image_alt(alt: str, line: int, report: FileReport) -> None:
    if alt.lower().startswith(("image of", "picture of", "photo of")):
        report.add(
            line,
            f'the alt text starts with "{" ".join(alt.split()[:2])}".',
            "describe what the picture shows, without saying it is an image (screen readers already say so).",
            Severity.WARNING,
        )


def load_post(path: Path, kind: str, context: SiteContext, report: FileReport) -> Post | None:
    source = _readable_source(path, report)
    if source is None:
        return None
    specs = QUOTE_FIELDS if kind == "quote" else BLOG_FIELDS
    values = read_values(source, specs, kind, report)
    name_key = "speaker" if kind == "quote" else "author"
    person, consent = _person_and_consent(source, values, name_key, report)

    year = values.get("campaign")
    if year is not None and year not in context.campaigns:
        known = ", ".join(str(y) for y in sorted(context.campaigns)) or "none yet"
        report.add(
            source.line_of("campaign"),
            f"there is no campaign for {year}. Campaigns we have: {known}.",
            f"correct the year, or add content/campaigns/{year}.md for the new campaign. "
            "Leave Campaign out for a post outside a campaign week.",
        )
    try:
        slug = values.get("slug") or make_slug(path.stem)
    except FieldError as error:
        report.add(1, f"the file name {error.message}", error.fix)
        slug = ""

    hero: Image | None = None
    if kind == "blog" and "image" in values:
        relative, problem = resolve_image(values["image"], context.content_root)
        if problem:
            report.add(source.line_of("image"), f"Image: {problem}", IMAGE_FIX)
        alt = values.get("image_alt", "")
        if not alt:
            report.add(
                source.line_of("image"),
                "the photo has no alt text (a description for people who cannot see it).",
                "add a line: Image-alt: (one sentence saying what the photo shows).",
            )
        _check_image_alt(alt, source.line_of("image_alt"), report)
        if relative and alt:
            hero = Image(relative, alt)
    elif "image_alt" in values and kind == "blog":
        report.add(
            source.line_of("image_alt"),
            "Image-alt is given but there is no Image.",
            "add Image: /images/... or remove Image-alt.",
        )
    images = _body_images(source, context, report)

    _check_body_safety(source, report, person)
    text = body_parts.plain_text(source.body)
    quotes: list[Quote] = []
    display = person.display_name
    organisation = values.get("organisation", "")
    role = values.get("role", "")
    limit = context.card_max_chars
    if kind == "quote":
        if not text:
            report.add(
                source.body_line,
                "the quote is empty.",
                "write the quote after the blank line that ends the metadata.",
            )
        excerpt = values.get("excerpt", "")
        if excerpt and len(excerpt) > limit:
            report.add(
                source.line_of("excerpt"),
                f"the Excerpt is {len(excerpt)} characters long; a social media card holds at most {limit}.",
                "shorten the Excerpt.",
            )
        elif not excerpt and len(text) > limit:
            report.add(
                source.body_line,
                f"the quote is {len(text)} characters long, too long for a social media card (at most {limit}).",
                "add a line near the top: Excerpt: (the most important sentence or two of the quote).",
            )
        quotes.append(Quote(text, display, role, organisation, excerpt, source.body_line))
    else:
        for pull in body_parts.find_pull_quotes(source.body, source.body_line):
            if not pull.speaker or not pull.role:
                report.add(
                    pull.line,
                    "this pull quote's last line should give a name and a role, separated by a comma.",
                    "end the quote with a line like: > — Dafydd, Expert Citizen",
                )
            if len(pull.text) > limit:
                report.add(
                    pull.line,
                    f"this pull quote is {len(pull.text)} characters long; a social media card holds at most {limit}.",
                    "shorten the pull quote.",
                )
            quotes.append(Quote(pull.text, pull.speaker, pull.role, "", "", pull.line))

    if report.problems and any(p.severity is Severity.ERROR for p in report.problems):
        return None
    html = context.render(source.body)
    title = values.get("title") or ", ".join(part for part in (display, role) if part)
    summary = values.get("summary") or (quotes[0].card_text if quotes else "")
    return Post(
        kind=kind,
        source_path=path,
        slug=slug,
        title=title,
        date=values["date"],
        person=person,
        role=role,
        consent=consent,
        organisation=organisation,
        campaign_year=year,
        summary=summary,
        tags=values.get("tags", ()),
        wellbeing=values.get("wellbeing", ()),
        hero=hero,
        body_images=tuple(images),
        link=values.get("source") or values.get("original", ""),
        quotes=tuple(quotes),
        html=html,
    )


def _body_images(source: SourceFile, context: SiteContext, report: FileReport) -> list[Image]:
    """Every image in the body must be a photo of this site and have alt text."""
    images = []
    for ref in body_parts.find_images(source.body, source.body_line):
        relative, problem = resolve_image(ref.src, context.content_root)
        if problem:
            report.add(ref.line, problem, IMAGE_FIX)
        if not ref.alt:
            report.add(
                ref.line,
                "this image has no alt text.",
                "write a short description between the square brackets: ![what the photo shows](/images/2024/photo.jpg)",
            )
        _check_image_alt(ref.alt, ref.line, report)
        if relative and ref.alt:
            images.append(Image(relative, ref.alt))
    return images


def _check_body_safety(source: SourceFile, report: FileReport, person: Person | None) -> None:
    """Errors for what would break the build; warnings for what the sanitiser removes."""
    for finding in safety.too_deep(source.body, source.body_line):
        report.add(finding.line, finding.message, finding.fix)
    for finding in safety.unsafe_markup(source.body, source.body_line):
        report.add(finding.line, finding.message, finding.fix, Severity.WARNING)
    hidden_name = person.name if person and person.naming is not Naming.FULL_NAME else ""
    for finding in safety.personal_details(source.body, source.body_line, hidden_name):
        report.add(finding.line, finding.message, finding.fix, Severity.WARNING)


def load_page(path: Path, context: SiteContext, report: FileReport) -> Page | None:
    """Check a fixed page."""
    source = _readable_source(path, report)
    if source is None:
        return None
    values = read_values(source, PAGE_FIELDS, "page", report)
    _check_body_safety(source, report, None)
    try:
        slug = values.get("slug") or make_slug(path.stem)
    except FieldError as error:
        report.add(1, f"the file name {error.message}", error.fix)
        return None
    if slug in RESERVED_SLUGS or slug.isdigit():
        report.add(
            source.line_of("slug"),
            f"the address /{slug}/ is used by the site itself.",
            "give the page another file name.",
        )
    _body_images(source, context, report)
    if any(p.severity is Severity.ERROR for p in report.problems):
        return None
    return Page(
        path,
        slug,
        values.get("title", ""),
        values.get("summary", ""),
        context.render(source.body),
    )


@dataclass
class SiteContext:
    content_root: Path
    project_root: Path
    today: date
    card_max_chars: int = 280
    site_url: str = ""  # site-absolute links in bodies get it in front
    campaigns: dict[int, Campaign] = field(default_factory=dict)
    _markdown: Any = field(default=None, repr=False, compare=False)

    def render(self, body: str) -> str:
        """A body of Markdown as sanitised HTML, with this site's one Markdown set-up."""
        if self._markdown is None:
            self._markdown = make_markdown(self.site_url)
        return render_markdown(self._markdown, body)


@dataclass
class LoadedSite:
    context: SiteContext
    posts: list[Post] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Which version of each post's file was read (a hash; empty when not known), so that
    # later steps can keep their own results per post version.
    source_keys: dict[str, str] = field(default_factory=dict, repr=False)
    pages: list[Page] = field(default_factory=list)
    _by_path: dict[str, Post] = field(default_factory=dict, repr=False)

    @property
    def published(self) -> list[Post]:
        return [post for post in self.posts if post.is_published(self.context.today)]

    @property
    def taken_down(self) -> list[Post]:
        return [post for post in self.posts if not post.is_published(self.context.today)]

    def page_for(self, path: Path | str) -> Page | None:
        wanted = os.path.abspath(path)
        return next((p for p in self.pages if os.path.abspath(p.source_path) == wanted), None)

    def source_key(self, post: Post) -> str:
        return self.source_keys.get(os.path.abspath(post.source_path), "")

    def post_for(self, path: Path | str) -> Post | None:
        """The post read from `path` (as Pelican names it), found through an index."""
        if len(self._by_path) != len(self.posts):
            self._by_path = {os.path.abspath(post.source_path): post for post in self.posts}
        found = self._by_path.get(os.path.abspath(path))
        if found is None:  # the same file named through a symbolic link
            wanted = Path(path).resolve()
            found = next(
                (post for post in self.posts if post.source_path.resolve() == wanted), None
            )
        return found


def _markdown_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in (".md", ".markdown") and not p.name.startswith(("_", "."))
    )


def post_url(post: Post) -> str:
    return f"{post.date:%Y}/{post.slug}/"


CheckResult = tuple[Post | None, list[Problem]]


def _checked_posts(
    jobs: list[tuple[Path, str]],
    site: LoadedSite,
    memo: Memo | None,
    parallel_from: int | None,
) -> list[tuple[Post | None, list[Problem], str]]:
    """Each (path, kind)'s post and problems, from the memo when the file and its
    surroundings are as they were, and the key (empty without a memo) that names this
    version of the file. With `parallel_from` posts or more to check, two processes check
    them (see parallel.py)."""
    context = site.context
    keys = [_memo_key(path, memo) for path, _ in jobs]
    results: dict[int, tuple[Post | None, list[Problem]]] = {}
    for index, key in enumerate(keys):
        found = memo.get(key) if memo is not None and key else None
        if found is not None:
            results[index] = found
    to_check = [index for index in range(len(jobs)) if index not in results]
    two = parallel_from is not None and len(to_check) >= parallel_from

    def check(index: int) -> CheckResult:
        path, kind = jobs[index]
        report = FileReport(display_path(path, context.project_root))
        return load_post(path, kind, context, report), report.problems

    checked = map_in_two(to_check, check) if two else [check(index) for index in to_check]
    for index, (post, problems) in zip(to_check, checked, strict=True):
        key = keys[index]
        if memo is not None and key:
            post = dataclasses.replace(post, version=key) if post else None
            memo.put(key, (post, problems))
        results[index] = (post, problems)
    return [(*results[index], keys[index]) for index in range(len(jobs))]


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
    context: SiteContext,
    memo: Memo | None = None,
    parallel_from: int | None = None,
) -> LoadedSite:
    """Read every content file; the result holds the model and every problem found.
    With a memo, files checked before in the same surroundings are not checked again.
    From `parallel_from` posts to check on, two processes check them."""
    site = LoadedSite(context)
    root = context.content_root

    def report_for(path: Path) -> FileReport:
        return FileReport(display_path(path, context.project_root))

    for path in _markdown_files(root / CAMPAIGNS_DIR):
        report = report_for(path)
        campaign = load_campaign(path, root, report)
        if campaign:
            context.campaigns[campaign.year] = campaign
        site.problems += report.problems

    if memo is not None:
        surroundings = [root, context.project_root, context.card_max_chars, context.site_url]
        memo.surround([*surroundings, sorted(context.campaigns)], (root / IMAGES_DIR,))
    owners: dict[str, str] = {}  # web address -> the file that has it
    jobs = [
        (path, kind)
        for folder, kind in ((QUOTES_DIR, "quote"), (BLOG_DIR, "blog"))
        for path in _markdown_files(root / folder)
    ]
    checked = _checked_posts(jobs, site, memo, parallel_from)
    for (path, _), (post, problems, key) in zip(jobs, checked, strict=True):
        site.problems += problems
        if post:
            site.posts.append(post)
            site.source_keys[os.path.abspath(path)] = key
            url = post_url(post)
            if url in owners:
                site.problems.append(
                    Problem(
                        display_path(path, context.project_root),
                        1,
                        f"this post would have the same web address (/{url}) as {owners[url]}.",
                        "rename one of the two files: the file name becomes the web address.",
                    )
                )
            owners.setdefault(url, display_path(path, context.project_root))
    for path in _markdown_files(root / PAGES_DIR):
        report = report_for(path)
        page = load_page(path, context, report)
        if page:
            site.pages.append(page)
            url = f"{page.slug}/"
            if url in owners:
                report.add(
                    1,
                    f"this page would have the same web address (/{url}) as {owners[url]}.",
                    "rename one of the two files.",
                )
            owners.setdefault(url, report.path)
        site.problems += report.problems
    _report_stray_files(site)
    _report_links_outside(site)
    _report_taken_down(site)
    return site


def _report_links_outside(site: LoadedSite) -> None:
    """A symbolic link could make the build publish a file from outside content/."""
    root = site.context.content_root
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink() and root not in path.resolve().parents:
                site.problems.append(
                    Problem(
                        display_path(path, site.context.project_root),
                        1,
                        "this is a link to a file or folder outside the content folder, which the site never publishes.",
                        "replace the link with a copy of the file inside content/.",
                    )
                )


def _report_taken_down(site: LoadedSite) -> None:
    """Not errors: say which posts this build leaves out, and why."""
    today = site.context.today
    for post in site.taken_down:
        if post.consent.withdrawn:
            why = "the person withdrew their consent"
        elif post.consent.expired_on(today):
            why = f"their consent ended on {post.consent.ends:%Y-%m-%d}"
        else:
            why = "the person did not agree to the website (Channels has no web)"
        site.problems.append(
            Problem(
                display_path(post.source_path, site.context.project_root),
                1,
                f"this post is left out of the site because {why}.",
                "if that is right, there is nothing to do. The post is removed from every page, card, feed, the search "
                "and the sitemap; the build lists what to take down by hand.",
                Severity.NOTICE,
            )
        )


def _report_stray_files(site: LoadedSite) -> None:
    """Markdown files outside the folders we read would be silently skipped: say so."""
    root = site.context.content_root
    known = {QUOTES_DIR, BLOG_DIR, PAGES_DIR, CAMPAIGNS_DIR, IMAGES_DIR}
    for path in sorted(root.rglob("*.md")):
        relative = path.relative_to(root)
        if (
            relative.parts[0] not in known
            and not path.name.startswith(("_", "."))
            and path.name != "README.md"
        ):
            site.problems.append(
                Problem(
                    display_path(path, site.context.project_root),
                    1,
                    "this file is not in a folder the site reads, so it would never be published.",
                    "move it to content/quotes/YEAR/ (a quote), content/blog/YEAR/ (a blog post) or content/pages/.",
                )
            )
