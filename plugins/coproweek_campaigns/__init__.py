"""coproweek_campaigns: campaign pages, the campaigns archive, organisation and wellbeing
listings, related posts and share links on every post, and the 404 page.

Signals:
- initialized: this plugin's COPROWEEK_CAMPAIGNS_* defaults go into the settings;
- get_generators: the CampaignGenerator (generator.py) does the rest.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from .generator import CampaignGenerator
from .settings import DEFAULTS


def add_defaults(pelican: Any) -> None:
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def get_generators(pelican: Any) -> type:
    return CampaignGenerator


def register() -> None:
    signals.initialized.connect(add_defaults)
    signals.get_generators.connect(get_generators)
