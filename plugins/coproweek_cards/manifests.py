"""The card manifests (one for the site, one per campaign): every card, its source file,
sizes, alt text and post text, as JSON."""

from __future__ import annotations

import json
from typing import Any

from .plan import Card

# The manifests keep the layout of json.dumps(indent=1), which runs the pure-Python encoder.
# They are put together from pieces the C encoder writes instead, with the newlines and
# indents in its separators: an encoded string never holds a raw newline, so they cannot clash.
_CARD_FIELDS = json.JSONEncoder(ensure_ascii=False, separators=(",\n   ", ": "))
_FILE_FIELDS = json.JSONEncoder(ensure_ascii=False, separators=(",\n     ", ": "))


def _files_json(files: list[dict[str, Any]]) -> str:
    """A card's list of files, laid out for its depth in the manifest."""
    if not files:
        return "[]"
    # One call for all files: they are parted by "},\n     {" and nothing else is (inside a
    # file, a separator is followed by a quoted name), so that is where their braces go.
    inner = _FILE_FIELDS.encode(files)[2:-2].replace("},\n     {", "\n    },\n    {\n     ")
    return f"[\n    {{\n     {inner}\n    }}\n   ]"


def manifest_entry(card: Card, site_url: str) -> bytes:
    """One card as it stands in both manifests (at the same depth in each)."""
    fields = {
        "source": card.source,
        "page": f"{site_url}/{card.page_url}",
        "title": card.title,
        "kind": card.kind,
        "number": card.number,
        "campaign": card.campaign_year,
        "layout": card.style,
        "alt": card.alt,
        "alt_long": card.alt_long,
        "caption": card.caption,
    }
    files = [
        {
            "format": image.format,
            "url": f"{site_url}/{image.url}",
            "width": image.width,
            "height": image.height,
            "mime_type": image.mime_type,
            "bytes": image.length,
        }
        for image in card.images.values()
    ]
    members = _CARD_FIELDS.encode(fields)[1:-1]
    return f'{{\n   {members},\n   "files": {_files_json(files)}\n  }}'.encode()


def manifest(entries: list[bytes], campaign: int | None = None) -> bytes:
    """The manifest file, byte for byte what json.dumps(indent=1) gave, and a newline."""
    head = "" if campaign is None else f'\n "campaign": {json.dumps(campaign)},'
    cards = b"[\n  " + b",\n  ".join(entries) + b"\n ]" if entries else b"[]"
    return f'{{{head}\n "cards": '.encode() + cards + b"\n}\n"
