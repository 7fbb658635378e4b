"""Share links: plain links to each network's own share address, with no script at all.

Nothing is loaded from those sites until a reader chooses to follow a link.
"""

from __future__ import annotations

from urllib.parse import quote

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
    # What urlencode(..., quote_via=quote) gave, with each value quoted once: quoting goes
    # byte by byte, so quote(f"{text} {url}") is quote(text) + "%20" + quote(url).
    quoted_text, quoted_url = quote(text, safe=""), quote(url, safe="")
    with_url = f"{quoted_text}%20{quoted_url}"
    addresses = {
        "email": f"mailto:?subject={quote(subject, safe='')}&body={with_url}",
        "whatsapp": f"https://wa.me/?text={with_url}",
        "bluesky": f"https://bsky.app/intent/compose?text={with_url}",
        "mastodon": f"https://{mastodon_server}/share?text={with_url}",
        "x": f"https://x.com/intent/post?text={quoted_text}&url={quoted_url}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={quoted_url}",
        "linkedin": f"https://www.linkedin.com/sharing/share-offsite/?url={quoted_url}",
    }
    return [(key, NETWORKS[key], addresses[key]) for key in networks if key in addresses]
