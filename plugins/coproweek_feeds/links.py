"""Making a post's HTML fit for feed readers and newsletters: every address absolute,
and plain <img> elements instead of the site's responsive <picture> markup."""

from __future__ import annotations

from html import escape

import lxml.html
from lxml import etree

# Responsive-image attributes hold lists of site-relative addresses and mean nothing in
# an email; the plain src is kept (and made absolute).
DROPPED_IMAGE_ATTRIBUTES = ("srcset", "sizes", "loading", "decoding")


def absolute_links(fragment: str, base_url: str) -> str:
    """Return `fragment` with every href and src resolved against `base_url`.

    "/images/x.jpg", "../x" and "#note-1" all become full addresses; an address that
    cannot be resolved loses its attribute rather than staying relative.
    """
    if not fragment.strip():
        return ""
    holder = lxml.html.fragment_fromstring(fragment, create_parent="div")
    _plain_images(holder)
    holder.make_links_absolute(base_url, resolve_base_href=False, handle_failures="discard")
    parts = [escape(holder.text or "", quote=False)]
    parts.extend(etree.tostring(child, encoding="unicode", method="html") for child in holder)
    return "".join(parts)


def _plain_images(holder: lxml.html.HtmlElement) -> None:
    for picture in list(holder.iter("picture")):
        image = next(picture.iter("img"), None)
        if image is None:
            picture.drop_tree()
            continue
        image.tail = picture.tail
        picture.getparent().replace(picture, image)
    for image in holder.iter("img"):
        for name in DROPPED_IMAGE_ATTRIBUTES:
            image.attrib.pop(name, None)
