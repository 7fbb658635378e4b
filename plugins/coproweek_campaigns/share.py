"""Share links: plain links to each network's own share address, with no script at all.

Nothing is loaded from those sites until a reader chooses to follow a link.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

NETWORKS = {
    "email": "Email",
    "whatsapp": "WhatsApp",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "x": "X",
    "facebook": "Facebook",
    "linkedin": "LinkedIn",
}


def share_text(kind: str, title: str, quote_text: str, byline: str, hashtag: str) -> str:
    text = f"“{quote_text}” — {byline}" if kind == "quote" and quote_text else title
    return f"{text} {hashtag}".strip()


def share_links(
    networks: list[str], text: str, url: str, subject: str, mastodon_server: str
) -> list[tuple[str, str, str]]:
    """(key, label, address) for each chosen network."""
    with_url = f"{text} {url}"
    addresses = {
        "email": "mailto:?" + urlencode({"subject": subject, "body": with_url}, quote_via=quote),
        "whatsapp": "https://wa.me/?" + urlencode({"text": with_url}, quote_via=quote),
        "bluesky": "https://bsky.app/intent/compose?"
        + urlencode({"text": with_url}, quote_via=quote),
        "mastodon": f"https://{mastodon_server}/share?"
        + urlencode({"text": with_url}, quote_via=quote),
        "x": "https://x.com/intent/post?" + urlencode({"text": text, "url": url}, quote_via=quote),
        "facebook": "https://www.facebook.com/sharer/sharer.php?"
        + urlencode({"u": url}, quote_via=quote),
        "linkedin": "https://www.linkedin.com/sharing/share-offsite/?"
        + urlencode({"url": url}, quote_via=quote),
    }
    return [(key, NETWORKS[key], addresses[key]) for key in networks if key in addresses]
