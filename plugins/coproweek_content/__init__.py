"""coproweek_content: the content model, its checks, our Markdown reader and photo copying.

Signals:
- initialized: read every content file into the model (the build state's `site`) and
  collect every problem, before anything is written; when Pelican runs on its own (not
  through the build command, which reports them itself), stop on any problem;
- readers_init: our reader handles Markdown, with one shared configuration;
- article_generator_pretaxonomy: drop any post whose consent is no longer active (a post
  cached from an earlier build is checked again, so an expiry date always takes effect);
- article_generator_finalized: campaigns go into the template context;
- article_generator_finalized, page_generator_finalized: each page's address is worked
  out once and kept;
- content_written: the build state lists every HTML page written (sitemap, search);
- get_generators: photos used by published posts are copied, their metadata removed.
"""

from __future__ import annotations


def register() -> None:
    # Imported only when Pelican loads the plugin: worker processes import this package for
    # its checks and start faster without Pelican.
    from .plugin import connect

    connect()
