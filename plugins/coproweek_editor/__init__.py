"""coproweek_editor: the browser editor (Sveltia CMS) at /admin/, off unless
COPROWEEK_EDITOR_ENABLED. People with a GitHub account edit posts in a form in the browser;
every save is a pull request, checked like any other.

Signals:
- settings_wanted: the editor's settings (an editor on without a repository stops the build);
- finalized: the page and its configuration are written into the site.
"""

from __future__ import annotations


def register() -> None:
    # Pelican is imported here only, so worker processes that import the package stay quick.
    from .plugin import connect

    connect()
