"""Settings for building the site on your own computer.

Campaign organisers: the things you are most likely to change are at the top.
Each plugin keeps its own defaults (COPROWEEK_* settings) in its settings module;
set one here only to change it.
"""

from pathlib import Path

SITENAME = "Co-production Week"
SITE_DESCRIPTION = (
    "Quotes, blogs and social media cards from Co-production Week: people who use services, "
    "carers and staff working together as equals."
)
SITE_ORGANISATION = "Riverside Co-production Network"
SITEURL = ""
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"

# The site's languages. ("en",): English only (the default). ("cy",): Welsh only.
# ("en", "cy"): bilingual, English at the site's root and Welsh under /cy/, each page
# linked to its other-language version (("cy", "en") puts Welsh at the root instead).
# The sample site is bilingual.
COPROWEEK_LANGUAGES = ("en", "cy")
# The site's name, description and organisation in the Welsh edition.
COPROWEEK_EDITION_SETTINGS = {
    "cy": {
        "SITENAME": "Wythnos Cydgynhyrchu",
        "SITE_DESCRIPTION": (
            "Dyfyniadau, blogiau a chardiau cyfryngau cymdeithasol o Wythnos Cydgynhyrchu: pobl "
            "sy'n defnyddio gwasanaethau, gofalwyr a staff yn cydweithio fel partneriaid cyfartal."
        ),
        "SITE_ORGANISATION": "Rhwydwaith Cydgynhyrchu Riverside",
    }
}

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"

# Our plugins live in plugins/; each name carries the coproweek_ prefix so that an
# installed Pelican namespace plugin can never be picked instead.
PLUGIN_PATHS = [str(Path(__file__).parent / "plugins")]
PLUGINS = [
    "coproweek_content",
    "coproweek_cards",
    "coproweek_campaigns",
    "coproweek_feeds",
    "coproweek_events",
    "coproweek_sitemap",
    "coproweek_minify",
    "coproweek_search",
    "coproweek_editor",
]

# What Pelican reads. Campaign files (content/campaigns/) are read by our plugin.
ARTICLE_PATHS = ["quotes", "blog"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []  # photos are copied by coproweek_content, metadata stripped
IGNORE_FILES = [".#*", "README.md", "_*"]

# Directory-style addresses: /2024/my-post/, with pages of a list at .../page/2/.
ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "type/{slug}/"
CATEGORY_SAVE_AS = "type/{slug}/index.html"
CATEGORIES_SAVE_AS = "type/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_SAVE_AS = "tag/index.html"
AUTHOR_URL = "people/{slug}/"
AUTHOR_SAVE_AS = "people/{slug}/index.html"
AUTHORS_SAVE_AS = "people/index.html"
ARCHIVES_SAVE_AS = "archive/index.html"
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "search"]
SEARCH_SAVE_AS = "search/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
SLUGIFY_SOURCE = "basename"

DEFAULT_PAGINATION = 12
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}


# Pelican's own feeds are off; feeds come from one place (see the feeds issue).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None

# Pelican's content cache is off: our reader reads nothing itself, it hands Pelican the
# content model, whose checks keep their results between builds (coproweek_content.memo).
CACHE_CONTENT = False
CACHE_PATH = ".cache/pelican"

RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False  # each build writes over a folder of its own, swapped in at the end

# Pelican's Jinja settings, plus: templates do not change during a build, so Jinja need not
# look at their files again at every include and import (thousands of times per build).
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "auto_reload": False,
}
