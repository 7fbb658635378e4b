"""Colour contrast as WCAG 2.2 measures it, for checking each campaign's palette.

A palette themes its campaign's pages: the text colour and the accent (links) sit on the
background at body-text size, so both need the 4.5:1 that WCAG 2.2 AA asks of normal text
(1.4.3). Large text (at least 24px, or 18.66px bold) needs 3:1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

NORMAL_TEXT = 4.5
LARGE_TEXT = 3.0

# The site's own palettes (background, text, accent), as theme/static/css/site.css sets
# them for light and dark colour schemes (a test keeps the two in step).
LIGHT_SITE = ("#FFFFFF", "#1B1B1B", "#1D4F91")
DARK_SITE = ("#14161A", "#F2F2F2", "#9CC3FF")
# A campaign accent lightened for dark pages goes a little past the minimum, so its banner
# stays bright rather than greyed.
DARK_ACCENT_CONTRAST = 6.0
# The focus style on every palette, in both schemes: dark text on yellow.
FOCUS = ("#FFDD00", "#0B0C0C")


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of a #RRGGBB colour (0 for black, 1 for white)."""
    digits = colour.lstrip("#")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def describe(background: str, text: str) -> str:
    """A few plain words for alt text: 'dark text on a light background'."""
    light = relative_luminance(background) > relative_luminance(text)
    return "dark text on a light background" if light else "light text on a dark background"


def shown_ratio(ratio: float, required: float) -> str:
    """The ratio to two decimals, never rounded up to a pass it did not reach."""
    rounded = round(ratio, 2)
    if ratio < required <= rounded:
        rounded = math.floor(ratio * 100) / 100
    return f"{rounded:.2f}:1"


def _mix(colour: str, target: int, share: float) -> str:
    digits = colour.lstrip("#")
    parts = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return "#" + "".join(f"{round(part + (target - part) * share):02X}" for part in parts)


def readable_version(foreground: str, background: str, required: float) -> str:
    """The colour nearest to `foreground`, towards black or white, that meets `required`."""
    target = 0 if relative_luminance(background) > 0.18 else 255
    for step in range(1, 101):
        candidate = _mix(foreground, target, step / 100)
        if contrast(candidate, background) >= required:
            return candidate
    return "#000000" if target == 0 else "#FFFFFF"


def dark_scheme(background: str, text: str, accent: str) -> tuple[str, str, str]:
    """A campaign palette for readers who asked for dark pages (prefers-color-scheme): a dark
    palette stays as it is; a light one takes the site's dark background and text, and its
    accent lightened until it reads on that background, so the campaign keeps its hue."""
    if relative_luminance(background) < relative_luminance(text):
        return background, text, accent
    dark_background, dark_text, _ = DARK_SITE
    return (
        dark_background,
        dark_text,
        readable_version(accent, dark_background, DARK_ACCENT_CONTRAST),
    )


def scheme_pairs(background: str, text: str, accent: str) -> dict[str, tuple[str, str]]:
    """Every (foreground, background) pair a palette puts on the page: text and links on
    the background, and the banner (the background colour on the accent)."""
    return {
        "text": (text, background),
        "links": (accent, background),
        "banner": (background, accent),
    }


@dataclass(frozen=True)
class ContrastFailure:
    field: str  # the metadata field to change: "text_colour" or "accent"
    what: str  # how the colour is used, in plain English
    foreground: str
    background: str
    ratio: float
    required: float
    suggestion: str

    @property
    def message(self) -> str:
        return (
            f"the {self.what} {self.foreground} on the background {self.background} has a "
            f"contrast of {shown_ratio(self.ratio, self.required)}; "
            f"{'text needs' if self.field == 'text_colour' else 'links need'} at least "
            f"{self.required:g}:1."
        )

    @property
    def fix(self) -> str:
        label = "Text-colour" if self.field == "text_colour" else "Accent"
        return (
            f"choose a colour with more contrast, for example {label}: {self.suggestion} "
            f"(the nearest readable colour), or change the Background."
        )


def palette_failures(background: str, text: str, accent: str) -> list[ContrastFailure]:
    """Every way a palette would make its pages hard to read."""
    failures = []
    for field, what, colour in (
        ("text_colour", "text colour", text),
        ("accent", "accent (link) colour", accent),
    ):
        ratio = contrast(colour, background)
        if ratio < NORMAL_TEXT:
            suggestion = readable_version(colour, background, NORMAL_TEXT)
            failures.append(
                ContrastFailure(field, what, colour, background, ratio, NORMAL_TEXT, suggestion)
            )
    return failures
