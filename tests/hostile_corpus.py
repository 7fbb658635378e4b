"""A corpus of hostile contributions, for tests/test_hostile.py.

Two kinds of case:
- SANITISED: the post is published, with what is unsafe removed or shown as plain text;
  `marker` is a word of the attack that must not survive in any output file.
- REFUSED: the build stops; the report names `path:line` with `message` (its start).

Every file of a case goes into a project folder; "outside/..." paths lie beside the project,
for links to point at. A value ("link", target) makes a symbolic link.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass, field

from PIL import Image

QUOTE = (
    "Speaker: Tomos\nRole: Volunteer\nDate: 2024-07-02\nCampaign: 2024\n"
    "Consent: C-1\nChannels: web, social, newsletter\n"
)
BLOG = (
    "Title: A blog post\nAuthor: Tomos\nRole: Volunteer\nDate: 2024-07-03\nCampaign: 2024\n"
    "Summary: A summary.\nConsent: C-2\nChannels: web, social, newsletter\n"
)
CAMPAIGN = (
    "Year: 2024\nTheme: What is missing?\nStarts: 2024-07-01\nEnds: 2024-07-05\n"
    "Hashtag: #CoProWeek\nBackground: #FFFFFF\nText-colour: #1B1B1B\nAccent: #5A2A82\n"
)
PAGE = "Title: About us\n"
# An event (content/events/): its body starts on line 13. The organiser is the site's own.
EVENT = (
    "Title: A walk\nSummary: A walk by the river.\nDate: 2024-06-01\nStarts: 2024-07-02 10:00\n"
    "Ends: 2024-07-02 12:00\nAttendance: in person\nVenue: The park\nBooking: no need to book\n"
    "Cost: Free\nOrganiser: Riverside Co-production Network\nCampaign: 2024\n"
)


def chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG file that claims to be width x height: a header and no pixel data."""
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def photo_with_gps() -> bytes:
    """A real JPEG carrying a camera model and a GPS position in its EXIF data."""
    image = Image.new("RGB", (64, 48), "#336699")
    exif = Image.Exif()
    exif[0x0110] = "SecretCam GPSMODEL"  # camera model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 28.0, 40.0)
    gps[3], gps[4] = "W", (3.0, 10.0, 55.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def small_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "#884400").save(buffer, "PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes | tuple[str, str]]
    marker: str = ""  # SANITISED: must not survive anywhere in the output
    refused: tuple[str, int, str] | None = None  # REFUSED: (path, line, message start)
    also_absent: tuple[str, ...] = field(default_factory=tuple)  # output paths never written


def sanitised(name: str, body: str, marker: str, header: str = QUOTE) -> Case:
    text = f"{header}\nSome words, then: {body}\n"
    return Case(name, {f"content/quotes/2024/{name}.md": text}, marker=marker)


def refused_quote(name: str, text: str | bytes, line: int, message: str) -> Case:
    path = f"content/quotes/2024/{name}.md"
    return Case(name, {path: text}, refused=(path, line, message))


# Body markup the sanitiser removes (the post is still published, with a warning).
SANITISED_BODIES = [
    ("script", "Hi <script>alert('SCRIPTMARK')</script> there.", "SCRIPTMARK"),
    ("script-upper", "<SCRIPT>alert('UPPERMARK')</SCRIPT>", "UPPERMARK"),
    ("script-src", '<script src="https://evil.example/SRCMARK.js"></script>', "SRCMARK"),
    ("handler", '<p onclick="HANDLERMARK()">Click</p>', "HANDLERMARK"),
    ("handler-details", '<details open ontoggle="TOGGLEMARK()">x</details>', "TOGGLEMARK"),
    ("js-link", "[tea](javascript:JSLINKMARK())", "JSLINKMARK"),
    ("js-link-case", "[tea](JaVaScRiPt:CASEMARK())", "CASEMARK"),
    ("js-link-entity", '<a href="&#106;avascript:ENTITYMARK()">tea</a>', "ENTITYMARK"),
    ("js-link-tab", '<a href="java&#x09;script:TABMARK()">tea</a>', "TABMARK"),
    ("js-link-space", '<a href=" javascript:SPACEMARK()">tea</a>', "SPACEMARK"),
    ("data-link", "[open](data:text/html;base64,DATAMARK)", "DATAMARK"),
    ("vbscript-link", "[open](vbscript:VBMARK)", "VBMARK"),
    ("js-autolink", "<javascript:AUTOMARK()>", "AUTOMARK"),
    ("svg", "<svg><script>SVGMARK()</script><circle r='4'/></svg>", "SVGMARK"),
    ("math", "<math><mtext><table><mglyph><style><img src=x onerror=MATHMARK()>", "MATHMARK"),
    ("iframe", '<iframe src="https://evil.example/IFRAMEMARK"></iframe>', "IFRAMEMARK"),
    ("object", '<object data="https://evil.example/OBJECTMARK.swf"></object>', "OBJECTMARK"),
    ("embed", '<embed src="https://evil.example/EMBEDMARK.swf">', "EMBEDMARK"),
    ("form", '<form action="https://evil.example/FORMMARK"><input name="pin"></form>', "FORMMARK"),
    (
        "style-tag",
        "<style>body{background:url(https://evil.example/STYLEMARK.png)}</style>",
        "STYLEMARK",
    ),
    (
        "style-attr",
        '<span style="background:url(https://evil.example/ATTRMARK.png)">x</span>',
        "ATTRMARK",
    ),
    ("link-tag", '<link rel="stylesheet" href="https://evil.example/LINKMARK.css">', "LINKMARK"),
    (
        "meta-refresh",
        '<meta http-equiv="refresh" content="0;url=https://evil.example/METAMARK">',
        "METAMARK",
    ),
    ("base-tag", '<base href="https://evil.example/BASEMARK/">', "BASEMARK"),
    ("comment", "Words. <!-- private note: COMMENTMARK -->", "COMMENTMARK"),
    ("attr-list", 'A paragraph.\n{: onclick="ATTRLISTMARK()" }', "ATTRLISTMARK"),
    ("video", '<video poster="https://evil.example/POSTERMARK.png"></video>', "POSTERMARK"),
    ("audio", '<audio src="https://evil.example/AUDIOMARK.mp3"></audio>', "AUDIOMARK"),
    ("image-tag", '<image src="https://evil.example/IMAGETAGMARK.png">', "IMAGETAGMARK"),
    (
        "srcset",
        '<img src="/images/2024/ok.png" alt="ok" srcset="https://evil.example/SRCSETMARK.png 2x">',
        "SRCSETMARK",
    ),
    (
        "table-background",
        '<table background="https://evil.example/BGMARK.png"><tr><td>x</td></tr></table>',
        "BGMARK",
    ),
]

# Plain-text fields with characters that must be escaped, never interpreted.
PLAIN_FIELDS = [
    (
        "field-quotes",
        QUOTE.replace("Role: Volunteer", "Role: Volunteer \"and\" 'friend' & co"),
        "Words.",
        "",
    ),
    ("field-jinja", QUOTE.replace("Role: Volunteer", "Role: {{ 7*7 }} {% raw %}"), "Words.", ""),
    ("field-heart", QUOTE.replace("Role: Volunteer", "Role: Volunteer <3"), "Words.", ""),
]


def sanitised_cases() -> list[Case]:
    cases = [sanitised(name, body, marker) for name, body, marker in SANITISED_BODIES]
    cases += [sanitised(name, body, marker, header) for name, header, body, marker in PLAIN_FIELDS]
    cases += [
        # Other readers and hidden files: never read, never published.
        Case(
            "hidden-file",
            {"content/quotes/2024/.hidden.md": QUOTE + "\nHIDDENMARK\n"},
            "HIDDENMARK",
        ),
        Case(
            "editor-backup",
            {"content/quotes/2024/post.md~": QUOTE + "\nBACKUPMARK\n"},
            "BACKUPMARK",
        ),
        Case("emacs-lock", {"content/quotes/2024/.#post.md": QUOTE + "\nLOCKMARK\n"}, "LOCKMARK"),
        Case(
            "underscore-draft",
            {"content/quotes/2024/_draft.md": QUOTE + "\nDRAFTMARK\n"},
            "DRAFTMARK",
        ),
        Case("hidden-folder", {"content/quotes/.git/x.md": QUOTE + "\nGITMARK\n"}, "GITMARK"),
        # Consent that is clear and negative: the post is left out.
        Case(
            "withdrawn",
            {
                "content/quotes/2024/withdrawn.md": QUOTE.replace(
                    "Tomos", "Quillon Withdrawnsurname"
                )
                + "Naming: full name\nWithdrawn: yes\n\nWITHDRAWNMARK\n"
            },
            "Withdrawnsurname",
            also_absent=("2024/withdrawn/index.html",),
        ),
        Case(
            "withdrawn-shouted",
            {"content/quotes/2024/shouted.md": QUOTE + "WITHDRAWN: YES\n\nSHOUTEDMARK\n"},
            "SHOUTEDMARK",
        ),
        Case(
            "withdrawn-spaced",
            {"content/quotes/2024/spaced.md": QUOTE + "Withdrawn : yes\n\nSPACEDMARK\n"},
            "SPACEDMARK",
        ),
        Case(
            "expired",
            {"content/quotes/2024/expired.md": QUOTE + "Consent-ends: 2025-01-31\n\nEXPIREDMARK\n"},
            "EXPIREDMARK",
        ),
        Case(
            "not-for-web",
            {
                "content/quotes/2024/not-web.md": QUOTE.replace(
                    "web, social, newsletter", "newsletter"
                )
                + "\nNOTWEBMARK\n"
            },
            "NOTWEBMARK",
        ),
        Case(
            "scheduled",
            {
                "content/quotes/2024/later.md": QUOTE.replace("2024-07-02", "2099-01-01")
                + "\nSCHEDULEDMARK\n"
            },
            "SCHEDULEDMARK",
            also_absent=("2099",),
        ),
        # Addresses: a hostile slug stays inside the site, a page cannot take the site's own.
        Case(
            "slug-traversal",
            {"content/quotes/2024/slugged.md": QUOTE + "Slug: ../../../etc/passwd\n\nWords.\n"},
            also_absent=("etc",),
        ),
        Case(
            "page-slug-campaign",
            {"content/pages/sneaky.md": PAGE + "Slug: campaigns/2031\n\nWords.\n"},
            also_absent=("campaigns/2031",),
        ),
        Case(
            "page-slug-post",
            {"content/pages/shadow.md": PAGE + "Slug: 2024/tomos-good\n\nShadow words.\n"},
        ),
        # Photos: published only as pixels, from inside content/images/.
        Case(
            "gps-photo",
            {
                "content/images/2024/gps.jpg": photo_with_gps(),
                "content/blog/2024/gps.md": BLOG + "\n![A blue square](/images/2024/gps.jpg)\n",
            },
            "GPSMODEL",
        ),
        # Pasted text with odd characters: read, never a fault of the kit.
        Case(
            "vertical-tab",
            {
                "content/quotes/2024/word.md": QUOTE.replace(
                    "Role: Volunteer", "Role: Peer\vResearcher"
                )
                + "\nPasted\vfrom Word.\n"
            },
        ),
        Case(
            "bom-crlf",
            {
                "content/quotes/2024/windows.md": (
                    "\ufeff" + QUOTE + "\nWritten on Windows.\n"
                ).replace("\n", "\r\n")
            },
        ),
        Case(
            "organisation-bang",
            {
                "content/quotes/2024/org-a.md": QUOTE + "Organisation: Riverside!\n\nOne.\n",
                "content/quotes/2024/org-b.md": QUOTE + "Organisation: Riverside\n\nTwo.\n",
            },
        ),
    ]
    return cases + event_sanitised_cases() + welsh_sanitised_cases()


# The corpus is built as a site in Welsh and English: the Welsh edition's pages, cards, feeds
# and search go through the same steps.
WELSH_QUOTE = QUOTE + "Language: cy\n"


def welsh_sanitised_cases() -> list[Case]:
    q = "content/quotes/2024/"
    return [
        Case(
            "welsh-script",
            {q + "welsh-script.md": WELSH_QUOTE + "\nGeiriau <script>CYSCRIPTMARK()</script>.\n"},
            "CYSCRIPTMARK",
        ),
        # A Welsh "translation" that names the person more fully than the English file
        # allows: the pair is shown as the stricter file says, in both languages.
        Case(
            "welsh-lifts-naming",
            {
                q + "anon-en.md": QUOTE.replace("Speaker: Tomos", "Speaker: Tomos Hiddenname")
                + "Naming: anonymous\nTranslation-key: lift\n\nWords in English.\n",
                q + "anon-cy.md": WELSH_QUOTE.replace("Speaker: Tomos", "Speaker: Tomos Hiddenname")
                + "Naming: full name\nTranslation-key: lift\n\nGeiriau yn Gymraeg.\n",
            },
            "Hiddenname",
        ),
    ]


def welsh_refused_cases() -> list[Case]:
    key = "content/quotes/2024/odd-key.md"
    theme = "content/campaigns/2024.cy.md"
    return [
        Case(
            "translation-key-path",
            {key: QUOTE + "Translation-key: ../../etc/passwd\n\nWords.\n"},
            refused=(key, 7, 'Translation-key: "../../etc/passwd" is not a translation key'),
        ),
        Case(
            "welsh-theme-markup",
            {
                theme: "Year: 2024\nLanguage: cy\nTheme: <script>x</script>\n"
                "Hashtag: #Wythnos\n\nCyflwyniad.\n"
            },
            refused=(theme, 3, "Theme is plain text, so it cannot hold HTML"),
        ),
    ]


def refused_cases() -> list[Case]:
    q = "content/quotes/2024/"
    cases = [
        # One way in: files the site cannot read.
        Case(
            "rst",
            {
                q
                + "include.rst": "Title\n=====\n\n.. include:: /etc/passwd\n\n.. raw:: html\n\n   <script>x</script>\n"
            },
            refused=(q + "include.rst", 1, '"include.rst" is not a Markdown file'),
        ),
        Case(
            "html-page",
            {"content/pages/evil.html": "<script>alert(1)</script>"},
            refused=("content/pages/evil.html", 1, '"evil.html" is not a Markdown file'),
        ),
        Case(
            "htm-page",
            {"content/pages/evil.htm": "<p>hi</p>"},
            refused=("content/pages/evil.htm", 1, '"evil.htm" is not a Markdown file'),
        ),
        Case(
            "mkd",
            {q + "save.mkd": QUOTE + "Save_as: ../../x.html\n\nWords.\n"},
            refused=(q + "save.mkd", 1, '"save.mkd" is not a Markdown file'),
        ),
        Case(
            "mdown",
            {q + "other.mdown": QUOTE + "\nWords.\n"},
            refused=(q + "other.mdown", 1, '"other.mdown" is not a Markdown file'),
        ),
        Case(
            "root-file",
            {"content/stray.md": QUOTE + "\nWords.\n"},
            refused=("content/stray.md", 1, "this file is not in a folder the site reads."),
        ),
        Case(
            "unknown-folder",
            {"content/posts/mine.md": QUOTE + "\nWords.\n"},
            refused=("content/posts/mine.md", 1, "this file is not in a folder the site reads."),
        ),
        Case(
            "svg-image",
            {"content/images/2024/logo.svg": "<svg onload='x()'></svg>"},
            refused=("content/images/2024/logo.svg", 1, '"logo.svg" is not a kind of photo'),
        ),
        Case(
            "pdf-image",
            {"content/images/2024/report.pdf": "%PDF-1.4"},
            refused=("content/images/2024/report.pdf", 1, '"report.pdf" is not a kind of photo'),
        ),
        Case(
            "symlink-file",
            {
                "outside/secret.md": QUOTE + "\nSECRET\n",
                q + "linked.md": ("link", "outside/secret.md"),
            },
            refused=(
                q + "linked.md",
                1,
                "this is a link to a file or folder outside its folder of content/",
            ),
        ),
        Case(
            "symlink-folder",
            {"outside/folder/x.md": QUOTE + "\nSECRET\n", q + "folder": ("link", "outside/folder")},
            refused=(
                q + "folder",
                1,
                "this is a link to a file or folder outside its folder of content/",
            ),
        ),
        Case(
            "symlink-image",
            {
                "outside/secret.png": small_png(),
                "content/images/2024/secret.png": ("link", "outside/secret.png"),
            },
            refused=(
                "content/images/2024/secret.png",
                1,
                "this is a link to a file or folder outside its folder of content/",
            ),
        ),
        Case(
            "second-campaign",
            {"content/campaigns/old/2024.md": CAMPAIGN + "\nAgain.\n"},
            refused=("content/campaigns/old/2024.md", 1, "there is already a campaign for 2024"),
        ),
        # Pelican's link syntax, and file references that leave content/images/.
        Case(
            "static-link",
            {q + "static.md": QUOTE + "\n[the file]({static}/quotes/2024/good.md)\n"},
            refused=(
                q + "static.md",
                8,
                'the link "{static}/quotes/2024/good.md" uses Pelican\'s own link syntax',
            ),
        ),
        Case(
            "filename-link",
            {q + "filename.md": QUOTE + "\n[other]({filename}/quotes/2024/good.md)\n"},
            refused=(
                q + "filename.md",
                8,
                'the link "{filename}/quotes/2024/good.md" uses Pelican\'s own link syntax',
            ),
        ),
        Case(
            "bar-filename-link",
            {q + "bars.md": QUOTE + "\n[other](|filename|/quotes/2024/good.md)\n"},
            refused=(
                q + "bars.md",
                8,
                'the link "|filename|/quotes/2024/good.md" uses Pelican\'s own link syntax',
            ),
        ),
        Case(
            "attach-image",
            {q + "attach.md": QUOTE + "\n![a photo]({attach}/images/2024/ok.png)\n"},
            refused=(
                q + "attach.md",
                8,
                '"{attach}/images/2024/ok.png" is not in the images folder.',
            ),
        ),
        Case(
            "html-static-link",
            {q + "htmlstatic.md": QUOTE + '\n<a href="{static}/images/2024/ok.png">x</a>\n'},
            refused=(q + "htmlstatic.md", 8, "uses Pelican's own link syntax"),
        ),
        Case(
            "traversal",
            {q + "traversal.md": QUOTE + "\n![a](/images/../../content/images/2024/ok.png)\n"},
            refused=(
                q + "traversal.md",
                8,
                '"/images/../../content/images/2024/ok.png" points outside the images folder.',
            ),
        ),
        Case(
            "traversal-deep",
            {q + "deep.md": QUOTE + "\n![a](/images/2024/../../../etc/passwd)\n"},
            refused=(q + "deep.md", 8, "points outside the images folder."),
        ),
        Case(
            "traversal-encoded",
            {q + "encoded.md": QUOTE + "\n![a](/images/%2e%2e/%2e%2e/outside/secret.png)\n"},
            refused=(q + "encoded.md", 8, "points outside the images folder."),
        ),
        Case(
            "traversal-backslash",
            {q + "backslash.md": QUOTE + "\n![a](/images\\..\\..\\outside\\secret.png)\n"},
            refused=(q + "backslash.md", 8, "is not a path of this site."),
        ),
        Case(
            "hero-traversal",
            {
                "content/blog/2024/hero.md": BLOG
                + "Image: /images/../../outside/secret.png\nImage-alt: A photo.\n\nWords.\n"
            },
            refused=(
                "content/blog/2024/hero.md",
                9,
                'Image: "/images/../../outside/secret.png" points outside the images folder.',
            ),
        ),
        Case(
            "remote-image",
            {q + "remote.md": QUOTE + "\n![pixel](https://tracker.example/p.gif)\n"},
            refused=(q + "remote.md", 8, '"https://tracker.example/p.gif" is on another website'),
        ),
        Case(
            "remote-image-relative-scheme",
            {q + "protocol.md": QUOTE + "\n![pixel](//tracker.example/p.gif)\n"},
            refused=(q + "protocol.md", 8, '"//tracker.example/p.gif" is on another website'),
        ),
        Case(
            "remote-image-split",
            {q + "split.md": QUOTE + '\n<img\nsrc="https://tracker.example/split.gif"\nalt="x">\n'},
            refused=(
                q + "split.md",
                9,
                '"https://tracker.example/split.gif" is on another website',
            ),
        ),
        Case(
            "remote-image-reference",
            {q + "reference.md": QUOTE + "\n![pixel][p]\n\n[p]: https://tracker.example/ref.gif\n"},
            refused=(
                q + "reference.md",
                10,
                '"https://tracker.example/ref.gif" is on another website',
            ),
        ),
        Case(
            "data-image",
            {q + "dataimg.md": QUOTE + "\n![dot](data:image/png;base64,iVBORw0KGgo=)\n"},
            refused=(q + "dataimg.md", 8, "is not a photo of this site"),
        ),
        Case(
            "local-nonphoto",
            {q + "nonphoto.md": QUOTE + '\n<img src="x" onerror="alert(1)">\n'},
            refused=(q + "nonphoto.md", 8, '"x" is not in the images folder.'),
        ),
        Case(
            "bomb-image",
            {
                "content/images/2024/bomb.png": png_header(30000, 30000),
                q + "bomb.md": QUOTE + "\n![big](/images/2024/bomb.png)\n",
            },
            refused=(q + "bomb.md", 8, '"/images/2024/bomb.png" is far too large'),
        ),
        Case(
            "fake-image",
            {
                "content/images/2024/fake.jpg": b"not a photo at all",
                q + "fake.md": QUOTE + "\n![fake](/images/2024/fake.jpg)\n",
            },
            refused=(q + "fake.md", 8, '"/images/2024/fake.jpg" cannot be read as a photo'),
        ),
        Case(
            "bmp-image",
            {
                "content/images/2024/old.png": _bmp(),
                q + "bmp.md": QUOTE + "\n![old](/images/2024/old.png)\n",
            },
            refused=(
                q + "bmp.md",
                8,
                '"/images/2024/old.png" is a BMP file, not a JPEG, PNG, WebP or GIF photo.',
            ),
        ),
        # Fields that would skip the sanitiser: plain text never holds markup.
        refused_quote(
            "speaker-script",
            QUOTE.replace("Speaker: Tomos", "Speaker: <script>alert(1)</script>") + "\nWords.\n",
            1,
            "Speaker is plain text, so it cannot hold HTML",
        ),
        refused_quote(
            "role-breakout",
            QUOTE.replace("Role: Volunteer", 'Role: "><img src=x onerror=alert(1)>') + "\nWords.\n",
            2,
            "Role is plain text, so it cannot hold HTML",
        ),
        refused_quote(
            "organisation-svg",
            QUOTE + "Organisation: <svg onload=alert(1)>\n\nWords.\n",
            7,
            "Organisation is plain text",
        ),
        refused_quote(
            "title-breakout",
            QUOTE + "Title: </title><script>alert(1)</script>\n\nWords.\n",
            7,
            "Title is plain text",
        ),
        refused_quote(
            "excerpt-link",
            QUOTE + 'Excerpt: <a href="javascript:alert(1)">x</a>\n\nWords.\n',
            7,
            "Excerpt is plain text",
        ),
        refused_quote(
            "tags-markup", QUOTE + "Tags: <b>bold</b>, fine\n\nWords.\n", 7, "Tags is plain text"
        ),
        refused_quote(
            "place-iframe",
            QUOTE + "Naming: first name and place\nPlace: <iframe src=//evil>\n\nWords.\n",
            8,
            "Place is plain text",
        ),
        Case(
            "summary-pixel",
            {
                "content/blog/2024/pixel.md": BLOG.replace(
                    "Summary: A summary.", 'Summary: <img src="https://tracker.example/s.gif">'
                )
                + "\nWords.\n"
            },
            refused=("content/blog/2024/pixel.md", 6, "Summary is plain text"),
        ),
        Case(
            "image-alt-breakout",
            {
                "content/images/2024/alt.png": small_png(),
                "content/blog/2024/alt.md": BLOG
                + 'Image: /images/2024/alt.png\nImage-alt: "><script>alert(1)</script>\n\nWords.\n',
            },
            refused=("content/blog/2024/alt.md", 10, "Image-alt is plain text"),
        ),
        Case(
            "page-title",
            {"content/pages/title.md": "Title: <script>alert(1)</script>\n\nWords.\n"},
            refused=("content/pages/title.md", 1, "Title is plain text"),
        ),
        Case(
            "page-summary",
            {"content/pages/summary.md": PAGE + 'Summary: "><script>alert(1)</script>\n\nWords.\n'},
            refused=("content/pages/summary.md", 2, "Summary is plain text"),
        ),
        refused_quote(
            "source-js",
            QUOTE + "Source: javascript:alert(1)\n\nWords.\n",
            7,
            'Source: "javascript:alert(1)" is not a web address.',
        ),
        refused_quote(
            "source-breakout",
            QUOTE + 'Source: https://example.org/"onmouseover="x\n\nWords.\n',
            7,
            "Source: ",
        ),
        Case(
            "original-data",
            {
                "content/blog/2024/original.md": BLOG
                + "Original: data:text/html,<script>x</script>\n\nWords.\n"
            },
            refused=("content/blog/2024/original.md", 9, 'Original: "data:text/html'),
        ),
        refused_quote(
            "date-script",
            QUOTE.replace("Date: 2024-07-02", "Date: 2024-07-02 <script>"),
            3,
            'Date: "2024-07-02 <script>" is not a date we can read.',
        ),
        refused_quote(
            "consent-script",
            QUOTE.replace("Consent: C-1", "Consent: <script>") + "\nWords.\n",
            5,
            'Consent: "<script>" is not a consent reference we can use.',
        ),
        refused_quote("pull-quote-name", "", 0, ""),  # replaced below
        refused_quote(
            "noscript",
            QUOTE
            + '\nSome words, then: <noscript><p title="</noscript><img src=x onerror=NOSCRIPTMARK()>"></noscript>\n',
            8,
            "the quote shows HTML code as words",
        ),
        refused_quote(
            "entity-markup",
            QUOTE
            + "\n&lt;script&gt;alert('ENTBODY')&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;\n",
            8,
            "the quote shows HTML code as words",
        ),
        # Names shown more fully than their person agreed (first name only here).
        Case(
            "surname-in-file-name",
            {
                q + "amira-haddad-sharing-power.md": QUOTE.replace(
                    "Speaker: Tomos", "Speaker: Amira Haddad"
                )
                + "\nWords of the quote.\n"
            },
            refused=(q + "amira-haddad-sharing-power.md", 1, 'the file name holds "Haddad"'),
        ),
        refused_quote(
            "surname-in-title",
            QUOTE.replace("Speaker: Tomos", "Speaker: Ffion Titlesurname")
            + "Title: Ffion Titlesurname on listening\n\nWords.\n",
            7,
            'Title holds "Titlesurname"',
        ),
        refused_quote(
            "surname-in-tags",
            QUOTE.replace("Speaker: Tomos", "Speaker: Ffion Tagsurname")
            + "Tags: tagsurname, power\n\nWords.\n",
            7,
            'Tags holds "Tagsurname"',
        ),
        refused_quote(
            "full-name-in-text",
            QUOTE.replace("Speaker: Tomos", "Speaker: Siân Bodysurname")
            + "\nI am Siân Bodysurname and I said this.\n",
            8,
            'the text contains "Siân Bodysurname"',
        ),
        refused_quote(
            "comma-name",
            QUOTE.replace("Speaker: Tomos", "Speaker: Okonkwo, Chidi") + "\nWords.\n",
            1,
            '"Okonkwo, Chidi" has a comma',
        ),
        refused_quote(
            "zero-width-name",
            QUOTE.replace("Speaker: Tomos", "Speaker: Bethan\u200bZerowidthsurname") + "\nWords.\n",
            1,
            "this name holds an invisible character",
        ),
        Case(
            "quoted-full-name-in-text",
            {
                "content/blog/2024/quoted.md": BLOG
                + "Quoted: Rhys Pullsurname\n    Consent: C-9\n    Channels: web\n\nRhys Pullsurname told us this.\n\n> Words.\n> — Rhys, Volunteer\n"
            },
            refused=("content/blog/2024/quoted.md", 13, 'the text contains "Rhys Pullsurname"'),
        ),
        # Consent fields hidden behind a line Markdown might read as a code fence.
        refused_quote(
            "fence-withdrawn",
            QUOTE + "\nWords.\n```inline``` code here\nWithdrawn: yes\n",
            10,
            '"Withdrawn:" is below the blank line',
        ),
        refused_quote(
            "fence-consent-ends",
            QUOTE + "\nWords.\n~~~ wavy\nConsent-ends: 2020-01-01\n",
            10,
            '"Consent-ends:" is below the blank line',
        ),
        # File names the site cannot publish as they are.
        Case(
            "hash-photo-name",
            {"content/images/2024/workshop #2.png": small_png()},
            refused=(
                "content/images/2024/workshop #2.png",
                1,
                "this file's name holds a character web addresses use",
            ),
        ),
        Case(
            "escape-in-file-name",
            {q + "gone\x1b]0;PWNED\x07.md": QUOTE + "\nWords.\n"},
            refused=(
                q + "gone\\x1b]0;PWNED\\x07.md",
                1,
                "this file's name holds an invisible control character",
            ),
        ),
        Case(
            "long-photo-name",
            {"content/images/2024/" + "p" * 120 + ".png": small_png()},
            refused=(
                "content/images/2024/" + "p" * 120 + ".png",
                1,
                "bytes long, more than the 100",
            ),
        ),
        Case(
            "upper-case-ending",
            {q + "upper.MD": QUOTE + "\nUPPERMARK words.\n"},
            refused=(q + "upper.MD", 1, '"upper.MD" ends in .MD, in capital letters.'),
        ),
        Case(
            "truncated-photo",
            {
                "content/images/2024/cut.jpg": _truncated_jpeg(),
                q + "cut.md": QUOTE + "\n![A photo](/images/2024/cut.jpg)\n",
            },
            refused=(q + "cut.md", 8, "cannot be read as a photo"),
        ),
        Case(
            "private-photo",
            {
                "content/images/_private/faces.png": small_png(),
                q + "private.md": QUOTE + "\n![Faces](/images/_private/faces.png)\n",
            },
            refused=(q + "private.md", 8, "is kept private"),
        ),
        Case(
            "hidden-photo",
            {
                "content/images/2024/.hidden.png": small_png(),
                q + "hiddenphoto.md": QUOTE + "\n![Hidden](/images/2024/.hidden.png)\n",
            },
            refused=(q + "hiddenphoto.md", 8, "is kept private"),
        ),
        refused_quote(
            "yaml-alias",
            "---\n" + QUOTE + "Tags: &t [a, b]\nWellbeing: *t\n---\n\nWords.\n",
            9,
            "uses a YAML alias",
        ),
        # Consent that fails closed.
        refused_quote(
            "withdrawn-empty", QUOTE + "Withdrawn:\n\nWords.\n", 7, "Withdrawn is empty."
        ),
        refused_quote(
            "withdrawn-maybe",
            QUOTE + "Withdrawn: maybe\n\nWords.\n",
            7,
            'Withdrawn: "maybe" is not yes or no.',
        ),
        refused_quote(
            "withdrawn-below",
            QUOTE + "\nWords.\nWithdrawn: yes\n",
            9,
            '"Withdrawn:" is below the blank line',
        ),
        refused_quote(
            "withdrawn-below-later",
            QUOTE + "\nWords.\n\nMore words.\n\nWithdrawn: yes\n",
            12,
            '"Withdrawn:" is below the blank line',
        ),
        refused_quote(
            "withdrawn-indented",
            QUOTE + "Tags: a, b\n    Withdrawn: yes\n\nWords.\n",
            8,
            '"Withdrawn:" is indented',
        ),
        refused_quote(
            "consent-ends-below",
            QUOTE + "\nWords.\nConsent-ends: 2020-01-01\n",
            9,
            '"Consent-ends:" is below the blank line',
        ),
        refused_quote(
            "naming-below",
            QUOTE.replace("Speaker: Tomos", "Speaker: Tomos Rhys")
            + "\nWords.\nNaming: first name\n",
            9,
            '"Naming:" is below the blank line',
        ),
        refused_quote(
            "channels-empty",
            QUOTE.replace("Channels: web, social, newsletter", "Channels:") + "\nWords.\n",
            6,
            "Channels is empty.",
        ),
        refused_quote(
            "channels-unknown",
            QUOTE.replace("web, social, newsletter", "web, facebook") + "\nWords.\n",
            6,
            'Channels: "facebook" is not a channel we know.',
        ),
        refused_quote("naming-empty", QUOTE + "Naming:\n\nWords.\n", 7, "Naming is empty."),
        refused_quote(
            "naming-unknown",
            QUOTE + "Naming: full\n\nWords.\n",
            7,
            'Naming: "full" is not a way of naming',
        ),
        refused_quote(
            "consent-ends-empty", QUOTE + "Consent-ends:\n\nWords.\n", 7, "Consent-ends is empty."
        ),
        refused_quote(
            "consent-ends-soon",
            QUOTE + "Consent-ends: soon\n\nWords.\n",
            7,
            'Consent-ends: "soon" is not a date',
        ),
        refused_quote(
            "consent-empty",
            QUOTE.replace("Consent: C-1", "Consent:") + "\nWords.\n",
            5,
            "Consent is empty.",
        ),
        refused_quote(
            "channels-missing-anonymous",
            "Naming: anonymous\nRole: Carer\nDate: 2024-07-02\n\nWords.\n",
            1,
            "Channels is missing",
        ),
        refused_quote(
            "withdrawn-twice",
            QUOTE + "Withdrawn: no\nWithdrawn: yes\n\nWords.\n",
            8,
            '"Withdrawn" appears twice',
        ),
        refused_quote(
            "withdrawn-lookalike",
            QUOTE + "W\u0456thdrawn: yes\n\nWords.\n",
            7,
            'is not written as "Field: value"',
        ),
        # Publishing control and addresses.
        Case(
            "page-reserved",
            {"content/pages/campaigns.md": PAGE + "\nWords.\n"},
            refused=(
                "content/pages/campaigns.md",
                1,
                "the address /campaigns/ is used by the site itself.",
            ),
        ),
        Case(
            "page-year",
            {"content/pages/y.md": PAGE + "Slug: 2024\n\nWords.\n"},
            refused=("content/pages/y.md", 2, "the address /2024/ is used by the site itself."),
        ),
        Case(
            "page-feeds",
            {"content/pages/feeds.md": PAGE + "\nWords.\n"},
            refused=(
                "content/pages/feeds.md",
                1,
                "the address /feeds/ is used by the site itself.",
            ),
        ),
        Case(
            "page-save-as",
            {"content/pages/saveas.md": PAGE + "Save_as: index.html\n\nWords.\n"},
            refused=("content/pages/saveas.md", 2, '"Save_as" is not allowed in content'),
        ),
        refused_quote(
            "status-draft",
            QUOTE + "Status: published\n\nWords.\n",
            7,
            '"Status" is not allowed in content',
        ),
        refused_quote(
            "template",
            QUOTE + "Template: page\n\nWords.\n",
            7,
            '"Template" is not allowed in content',
        ),
        Case(
            "same-address",
            {q + "good-twin.md": QUOTE + "Slug: tomos-good\n\nWords.\n"},
            refused=(
                q + "tomos-good.md",
                1,
                "this would have the same web address (/2024/tomos-good/)",
            ),
        ),
        refused_quote(
            "tag-bangs",
            QUOTE + "Tags: !!!\n\nWords.\n",
            7,
            'Tags: the tag "!!!" has no letters or digits',
        ),
        Case(
            "emoji-file-name",
            {q + "🎉.md": QUOTE + "\nWords.\n"},
            refused=(q + "🎉.md", 1, 'the file name "🎉" cannot be turned into a web address.'),
        ),
        # Messages: control characters are refused, and printed as codes.
        refused_quote(
            "escape-code",
            QUOTE.replace("Role: Volunteer", "Role: Volun\x1b[31mteer") + "\nWords.\n",
            2,
            "this line holds an invisible control character (U+001B",
        ),
        refused_quote(
            "bell",
            QUOTE + "\nWords\x07.\n",
            8,
            "this line holds an invisible control character (U+0007",
        ),
        # Bombs, encodings, sizes and depths.
        refused_quote(
            "huge",
            QUOTE + "\n" + "word " * 50_000,
            1,
            "this file cannot be read: the file is 250 KB",
        ),
        refused_quote("latin1", b"", 1, ""),  # replaced below
        refused_quote("nul", b"", 1, ""),  # replaced below
        refused_quote(
            "nested-lists",
            QUOTE + "\n" + "".join("    " * i + "- item\n" for i in range(40)),
            29,
            "this line is indented by 84 spaces",
        ),
        refused_quote(
            "deep-emphasis",
            QUOTE + "\n" + "*" * 4000 + "a" + "*" * 4000 + "\n",
            8,
            "the text could not be read as Markdown",
        ),
        refused_quote(
            "bracket-bomb",
            QUOTE + "\n" + "[" * 5000 + "\n",
            8,
            'this paragraph holds 5,000 "[" characters',
        ),
        refused_quote(
            "angle-bomb",
            QUOTE + "\n" + "\n\n".join(["<http://x " * 40] * 20) + "\n",
            8,
            'the text holds 800 "<" characters',
        ),
        refused_quote(
            "long-paragraph", QUOTE + "\n" + "word " * 3000 + "\n", 8, "this paragraph is 15,0"
        ),
    ]
    replacements = {
        "pull-quote-name": Case(
            "pull-quote-name",
            {
                "content/blog/2024/pull.md": BLOG
                + "\n> Words someone said.\n> — <script>alert(1)</script>, Role\n"
            },
            refused=(
                "content/blog/2024/pull.md",
                10,
                "this pull quote's words, name and role are plain text",
            ),
        ),
        "latin1": Case(
            "latin1",
            {q + "latin1.md": QUOTE.encode() + b"\nCaf\xe9\n"},
            refused=(
                q + "latin1.md",
                1,
                "this file cannot be read: line 8 has characters that are not UTF-8 text.",
            ),
        ),
        "nul": Case(
            "nul",
            {q + "nul.md": QUOTE.encode() + b"\nA\x00B\n"},
            refused=(q + "nul.md", 1, "this file cannot be read: line 8 contains a NUL character"),
        ),
    }
    return (
        [replacements.get(case.name, case) for case in cases]
        + event_refused_cases()
        + welsh_refused_cases()
    )


def _truncated_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((200, 150), 60).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()[: buffer.tell() // 2]


def _bmp() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#000000").save(buffer, "BMP")
    return buffer.getvalue()


def good_content() -> dict[str, str | bytes | tuple[str, str]]:
    """What every build of the corpus has besides the cases: a campaign, good posts, a photo."""
    return {
        "content/campaigns/2024.md": CAMPAIGN + "\nThe week's introduction.\n",
        "content/quotes/2024/tomos-good.md": QUOTE + "\nA welcome, ordinary quote.\n",
        "content/blog/2024/a-good-blog.md": BLOG
        + "Quoted: Ffion\n    Consent: C-3\n    Channels: web, social\n"
        + "\nAn ordinary blog post.\n\n> Words from a friend.\n> — Ffion, Carer\n",
        "content/images/2024/ok.png": small_png(),
        "content/pages/about.md": PAGE + "\nAbout this site.\n",
    }


# Events: the description goes through the one sanitiser; every link field takes web
# addresses only; plain fields take no markup; fixed lists take only their values.
EVENT_SANITISED = [
    ("event-script", "Hi <script>alert('EVSCRIPTMARK')</script> there.", "EVSCRIPTMARK"),
    ("event-js-link", "[book](javascript:EVJSMARK())", "EVJSMARK"),
    ("event-map-embed", '<iframe src="https://maps.evil.example/EVMAPMARK"></iframe>', "EVMAPMARK"),
    ("event-handler", '<p onclick="EVHANDLERMARK()">Click</p>', "EVHANDLERMARK"),
]


def event_sanitised_cases() -> list[Case]:
    return [
        Case(name, {f"content/events/2024/{name}.md": f"{EVENT}\nMeet us. {body}\n"}, marker)
        for name, body, marker in EVENT_SANITISED
    ]


def _event_refused(name: str, replace: tuple[str, str], line: int, message: str) -> Case:
    path = f"content/events/2024/{name}.md"
    text = (EVENT + "\nMeet at the gate.\n").replace(*replace)
    return Case(name, {path: text}, refused=(path, line, message))


def event_refused_cases() -> list[Case]:
    extra = "Campaign: 2024\n"
    return [
        _event_refused(
            "event-booking-js",
            ("Booking: no need to book", "Booking: javascript:alert(1)"),
            8,
            'Booking: "javascript:alert(1)" is not a booking address.',
        ),
        _event_refused(
            "event-map-js",
            (extra, extra + "Map: javascript:alert(1)\n"),
            12,
            'Map: "javascript:alert(1)" is not a web address.',
        ),
        _event_refused(
            "event-online-data",
            (extra, extra + "Online-link: data:text/html,<b>x</b>\n"),
            12,
            "Online-link: ",
        ),
        _event_refused(
            "event-title-markup",
            ("Title: A walk", "Title: A <script>walk</script>"),
            1,
            "Title is plain text, so it cannot hold HTML",
        ),
        _event_refused(
            "event-remote-image",
            ("Meet at the gate.", "![pixel](https://tracker.example/e.gif)"),
            13,
            '"https://tracker.example/e.gif" is on another website',
        ),
        _event_refused(
            "event-access-unknown",
            (extra, extra + "Access: step-free, teleport\n"),
            12,
            'Access: "teleport" is not one of the kinds of access the site lists.',
        ),
        _event_refused(
            "event-attendance-unknown",
            ("Attendance: in person", "Attendance: by pigeon"),
            6,
            'Attendance: "by pigeon" is not a way of taking part we know.',
        ),
        _event_refused(
            "event-organiser-unknown",
            ("Organiser: Riverside Co-production Network", "Organiser: Evil Corp"),
            10,
            '"Evil Corp" is not an organisation the site knows.',
        ),
        _event_refused(
            "event-status-unknown",
            (extra, extra + "Status: postponed\n"),
            12,
            'Status: "postponed" is not an event status we know.',
        ),
        _event_refused(
            "event-zone-unknown",
            (extra, extra + "Time-zone: Mars/Olympus\n"),
            12,
            'Time-zone: "Mars/Olympus" is not a time zone we know.',
        ),
        _event_refused(
            "event-save-as",
            (extra, extra + "Save_as: ../../x.html\n"),
            12,
            '"Save_as" is not allowed in content',
        ),
    ]
