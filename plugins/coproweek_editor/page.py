"""The browser editor's page and configuration, written into the site at /admin/.

Sveltia CMS is one script from a CDN, pinned to a version and checked by the browser
against its hash (Subresource Integrity), so the CDN can only serve exactly that file. The
page is written straight to the site, not through Pelican's writer, so it is never among
the pages the sitemap and the search index are made from; it also says noindex.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import yaml

from .settings import EditorSettings

CMS_VERSION = "0.221.1"
CMS_SCRIPT = f"https://unpkg.com/@sveltia/cms@{CMS_VERSION}/dist/sveltia-cms.js"
# sha384 of dist/sveltia-cms.js in the npm package @sveltia/cms of that version.
CMS_INTEGRITY = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6"
CONFIG_SOURCE = Path(__file__).with_name("config.yml")
FOLDER = "admin"


def cms_config(settings: EditorSettings) -> dict[str, Any]:
    """The editor's collections (config.yml beside this module) with the site's repository."""
    config: dict[str, Any] = yaml.safe_load(CONFIG_SOURCE.read_text(encoding="utf-8"))
    config["backend"]["repo"] = settings.repo
    config["backend"]["branch"] = settings.branch
    return config


def admin_page(site_name: str, lang: str) -> str:
    title = escape(f"Edit the site: {site_name}")
    return f"""<!DOCTYPE html>
<html lang="{escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
</head>
<body data-pagefind-ignore="all">
<main id="editor-fallback">
<h1>{title}</h1>
<p>The editor is loading. It needs JavaScript, and it loads its program from unpkg.com.</p>
<p>If nothing happens, send your post with a form on GitHub or as a file: see the guide for contributors, CONTRIBUTING.md, in the site's repository.</p>
</main>
<script src="{CMS_SCRIPT}" integrity="{CMS_INTEGRITY}" crossorigin="anonymous"
 onload="document.getElementById('editor-fallback').hidden = true"></script>
</body>
</html>
"""


def write_editor(output: Path, settings: EditorSettings, site: dict[str, Any]) -> None:
    folder = output / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    page = admin_page(str(site.get("SITENAME", "")), str(site.get("DEFAULT_LANG", "en")))
    (folder / "index.html").write_text(page, encoding="utf-8")
    config = yaml.safe_dump(
        cms_config(settings), sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    (folder / "config.yml").write_text(config, encoding="utf-8")
