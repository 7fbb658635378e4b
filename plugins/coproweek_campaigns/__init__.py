"""coproweek_campaigns: campaign pages, the campaigns archive, organisation and wellbeing
listings, related posts and share links on every post, and the 404 page.

Signals:
- coproweek_content's settings_wanted: this plugin's settings (settings.py), checked;
- get_generators: the CampaignGenerator (generator.py) does the rest.
"""

from __future__ import annotations

from typing import Any

from coproweek_content.state import settings_wanted
from pelican import signals

from .generator import CampaignGenerator
from .settings import CampaignsSettings


def declare_settings(state: Any) -> type:
    return CampaignsSettings


def get_generators(pelican: Any) -> type:
    return CampaignGenerator


def register() -> None:
    settings_wanted.connect(declare_settings)
    signals.get_generators.connect(get_generators)
