"""Checking a new event file as the build would check it. Its organiser must be one the
site already names (the site's own organisation, a campaign's partner, a post's
organisation), so the whole content folder is read first."""

from __future__ import annotations

from pathlib import Path

from coproweek_content.event_files import load_event
from coproweek_content.loader import SiteContext, known_organisations, load_site
from coproweek_content.problems import FileReport


def check_event(draft: Path, context: SiteContext, report: FileReport) -> None:
    """Add the problems of the event in `draft` to `report`; `context` gets the site's
    campaigns on the way."""
    site = load_site(context)
    load_event(draft, context, known_organisations(site), report)
