"""coproweek_content: the content model, its checks, our Markdown reader and photo copying.

Signals:
- initialized: read every content file into the model and stop on any problem, before
  anything is written (skipped when the build command has just run the same checks);
- readers_init: our reader handles Markdown, with one shared configuration;
- article_generator_pretaxonomy: drop any post whose consent is no longer active (a post
  cached from an earlier build is checked again, so an expiry date always takes effect);
- article_generator_finalized: campaigns go into the template context;
- article_generator_finalized, page_generator_finalized: each page's address is worked
  out once and kept;
- get_generators: photos used by published posts are copied, their metadata removed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pelican import signals

from . import state
from .images import PhotoGenerator, picture
from .problems import errors_in, format_report
from .reader import CoproweekReader
from .settings import DEFAULTS, setting


def add_defaults(pelican: Any) -> None:
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    pelican.settings.setdefault("JINJA_FILTERS", {})["picture"] = picture
    if setting(pelican.settings, "COPROWEEK_CHECKED") and state.loaded_for(pelican.settings):
        return  # the build command has just read and checked this content
    site = state.load(pelican.settings)
    stopping = errors_in(site.problems)
    if setting(pelican.settings, "COPROWEEK_STRICT"):
        stopping = site.problems
    if stopping:
        print(format_report(site.problems), file=sys.stderr)
        raise SystemExit(1)


def use_our_reader(readers: Any) -> None:
    for extension in CoproweekReader.file_extensions:
        readers.reader_classes[extension] = CoproweekReader


def drop_unpublished(generator: Any) -> None:
    site = state.current_site()
    today = site.context.today

    def published(article: Any) -> bool:
        post = site.post_for(Path(article.source_path))
        return post is not None and post.is_published(today)

    for name in ("articles", "translations", "hidden_articles", "drafts"):
        setattr(generator, name, [a for a in getattr(generator, name) if published(a)])


def add_campaigns(generator: Any) -> None:
    site = state.current_site()
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


def get_generators(pelican: Any) -> type:
    return PhotoGenerator


def register() -> None:
    signals.initialized.connect(add_defaults)
    signals.readers_init.connect(use_our_reader)
    signals.article_generator_pretaxonomy.connect(drop_unpublished)
    signals.article_generator_finalized.connect(add_campaigns)
    signals.article_generator_finalized.connect(pin_addresses)
    signals.page_generator_finalized.connect(pin_addresses)
    signals.get_generators.connect(get_generators)
