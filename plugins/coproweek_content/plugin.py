"""The content plugin's signal handlers (see the package's docstring for what each does)."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Any

from pelican import signals

from .buildstate import BuildState
from .dates import day_month, long_date
from .inventory import IGNORED
from .language_links import language_alternates, language_link, only_in_other_language
from .languages import attributes as language_attributes
from .languages import tag_of
from .photos import PhotoGenerator, picture
from .problems import errors_in, format_report
from .reader import CoproweekReader
from .settings import ContentSettings
from .state import load, read_settings
from .templatewords import install as install_words

# Pelican settings the kit's safety rests on, whatever pelicanconf.py says: nothing is
# read but through our reader, no path or file name decides metadata, Pelican's own link
# syntax is never expanded (it would copy source files into the site), nothing is copied
# as it is, and every value a template prints is escaped unless it is sanitised HTML.
NEVER_MATCHES = "(?!)"
ENFORCED = {
    "READERS": {},
    "IGNORE_FILES": list(IGNORED),
    "STATIC_PATHS": [],
    "INTRASITE_LINK_REGEX": NEVER_MATCHES,
    "FILENAME_METADATA": "",
    "PATH_METADATA": "",
    "EXTRA_PATH_METADATA": {},
    "DEFAULT_METADATA": {},
    "USE_FOLDER_AS_CATEGORY": False,
    "TYPOGRIFY": False,
    "CACHE_CONTENT": False,
}


def read_content(pelican: Any) -> None:
    settings = pelican.settings
    settings.update(ENFORCED)
    settings["JINJA_ENVIRONMENT"] = {**settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}
    settings["JINJA_FILTERS"] = {
        **settings.get("JINJA_FILTERS", {}),
        "picture": picture,
        "long_date": long_date,
        "day_month": day_month,
        "lang_attrs": partial(language_attributes, page_language=settings["DEFAULT_LANG"]),
        "language_tag": partial(tag_of, page_language=settings["DEFAULT_LANG"]),
    }
    # Macros imported without `with context` see only Jinja's globals: the site's address
    # is one, so every link a macro writes works on a site published under a sub-path too.
    settings["JINJA_GLOBALS"] = {
        **settings.get("JINJA_GLOBALS", {}),
        "SITEURL": settings["SITEURL"],
        "language_link": language_link,
        "language_alternates": language_alternates,
        "only_in_other_language": only_in_other_language,
    }
    state = BuildState.ensure(settings)
    read_settings(settings, state)
    load(settings, state)
    if state.from_build_command:
        return  # the build command reports the problems and decides
    stopping = state.problems if ContentSettings.of(settings).strict else None
    stopping = errors_in(state.problems) if stopping is None else stopping
    if stopping:
        print(format_report(state.problems), file=sys.stderr)
        raise SystemExit(1)


def use_our_reader(readers: Any) -> None:
    """Ours is the only reader: Pelican's readers for reStructuredText, HTML and other
    Markdown endings never run (the content checks report such files)."""
    readers.reader_classes.clear()
    readers.reader_classes.update(dict.fromkeys(CoproweekReader.file_extensions, CoproweekReader))


def drop_unpublished(generator: Any) -> None:
    site = BuildState.of(generator.settings).loaded
    today = site.context.today

    def published(article: Any) -> bool:
        post = site.post_for(Path(article.source_path))
        if post is None or not post.is_published(today):
            return False
        article.entry = post  # this build's model, whatever Pelican's cache kept
        return True

    for name in ("articles", "translations", "hidden_articles", "drafts"):
        setattr(generator, name, [a for a in getattr(generator, name) if published(a)])


def add_campaigns(generator: Any) -> None:
    site = BuildState.of(generator.settings).loaded
    generator.context["campaigns"] = dict(sorted(site.context.campaigns.items(), reverse=True))


def pin_addresses(generator: Any) -> None:
    """Work out each page's address once. Pelican re-expands the URL pattern (dates and
    all) every time a template asks, a dozen times per page; its own override_url and
    override_save_as attributes keep the answer. Runs after Pelican saved its cache."""
    for name in ("articles", "translations", "hidden_articles", "pages", "hidden_pages"):
        for content in getattr(generator, name, ()):
            if not hasattr(content, "override_url"):
                content.override_url = content.url
            if not hasattr(content, "override_save_as"):
                content.override_save_as = content.save_as


def note_page(path: str, context: dict[str, Any]) -> None:
    if path.endswith(".html"):
        BuildState.of(context).pages_written.append(path)


def get_generators(pelican: Any) -> type:
    return PhotoGenerator


def connect() -> None:
    signals.initialized.connect(read_content)
    signals.readers_init.connect(use_our_reader)
    signals.article_generator_pretaxonomy.connect(drop_unpublished)
    signals.article_generator_finalized.connect(add_campaigns)
    signals.article_generator_finalized.connect(pin_addresses)
    signals.page_generator_finalized.connect(pin_addresses)
    signals.content_written.connect(note_page)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(install_words)
