"""Screenshots of the browser editor for README.md and CONTRIBUTING.md: the real Sveltia CMS
(the version the kit pins, from its npm package) with the kit's configuration, editing the
sample content, in Debian's Chromium.

The editor's script normally comes from unpkg.com; here it is served from an unpacked npm
package, and the sample content is given to its "Work with Local Repository" sign-in as a
folder in the browser's private file system. Nothing else from another site is loaded.

Its two fonts (normally from cdn.jsdelivr.net) come from their npm packages too:

    cd /tmp && npm pack @sveltia/cms@0.221.1 @fontsource-variable/source-sans-3@5.3.0 \
        @fontsource-variable/material-symbols-outlined@5.3.7
    for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    .venv/bin/python docs/contribute/screenshots.py /tmp

Posts written as `Key: value` lines (most of the sample) are not shown: the editor reads and
writes YAML front matter only (see CONTRIBUTING.md).
"""

from __future__ import annotations

import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins")]

from browser_fixtures import CHROMIUM, LAUNCH_ARGS, serve  # noqa: E402
from conftest import build, check  # noqa: E402
from coproweek_editor.page import CMS_SCRIPT  # noqa: E402
from playwright.sync_api import Locator, Page, Route, sync_playwright  # noqa: E402

HERE = Path(__file__).resolve().parent
SAMPLE = [
    "content/campaigns/2025.md",
    "content/pages/about.md",
]
FONT = re.compile(r"^https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+):vf@[0-9.]+/(.+)$")
# The sample content as a folder of the browser's own (private) file system, offered when
# the editor asks for the project's folder.
PICKER = """
async (files) => {
  const root = await navigator.storage.getDirectory();
  await root.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {create: true});
    const file = await folder.getFileHandle(parts.at(-1), {create: true});
    const writable = await file.createWritable();
    await writable.write(text);
    await writable.close();
  }
  window.showDirectoryPicker = async () => root;
}
"""


def main(packages: Path) -> None:
    output = Path("/tmp/coproweek-editor-screenshots/output")
    result, printed = build(
        ROOT / "content",
        output,
        COPROWEEK_PROJECT_ROOT=str(ROOT),
        COPROWEEK_CARDS_ENABLED=False,
        COPROWEEK_EDITOR_ENABLED=True,
        COPROWEEK_EDITOR_REPO="riverside-coproduction/coproweek-site",
    )
    assert result.ok, printed
    dist = next(packages.glob("sveltia-cms-*/package/dist"))
    prefix = CMS_SCRIPT.rsplit("/", 1)[0] + "/"

    def route(request_route: Route) -> None:
        url = request_route.request.url
        if url.startswith(prefix):
            body = (dist / url.removeprefix(prefix)).read_bytes()
            request_route.fulfill(
                body=body,
                content_type="text/javascript",
                headers={"Access-Control-Allow-Origin": "*"},
            )
        elif font := FONT.match(url):
            name = f"{font[1]}-{font[2]}"
            body = next(packages.glob(f"fontsource-*/package/files/{name}")).read_bytes()
            request_route.fulfill(
                body=body, content_type="font/woff2", headers={"Access-Control-Allow-Origin": "*"}
            )
        else:
            request_route.abort()

    files = {path: (ROOT / path).read_text(encoding="utf-8") for path in SAMPLE}
    with serve(output) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.route("https://**/*", route)
        page.goto(url + "/admin/")
        page.get_by_text("Work with Local Repository").wait_for()
        shot(page, "editor-sign-in.png")
        page.evaluate(PICKER, files)
        page.get_by_text("Work with Local Repository").click()
        page.get_by_text("Quotes").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="New").first.click()
        time.sleep(3)
        shot(page, "editor-new-quote.png")
        written = save_a_quote(page)
        browser.close()
    check_what_the_editor_wrote(written)


def field(page: Page, key: str) -> Locator:
    return page.locator(f'section[data-key-path="{key}"]').first


def save_a_quote(page: Page) -> dict[str, str]:
    """Fill in the new quote as a contributor would, save it, and return the files the
    editor wrote into the folder."""
    page.set_viewport_size({"width": 1280, "height": 2400})  # every field drawn at once
    field(page, "speaker").locator("input").fill("Amira Haddad")
    field(page, "role").locator("input").fill("Peer Researcher")
    field(page, "consent").locator("input").fill("C-2025-050")
    for channel in ("web", "social"):
        field(page, "channels").get_by_role("checkbox", name=channel, exact=True).check()
    field(page, "date").locator("input").first.fill("2025-07-01")
    field(page, "tags").locator("input, textarea").first.fill("power, listening")
    field(page, "body").locator("[contenteditable=true]").first.click()
    page.keyboard.type("We wrote the questions together this year.")
    page.get_by_role("button", name="Save").first.click()
    time.sleep(3)
    return page.evaluate(WRITTEN)


WRITTEN = """
async () => {
  const found = {};
  async function walk(folder, prefix) {
    for await (const [name, handle] of folder.entries()) {
      const path = prefix + name;
      if (handle.kind === 'directory') await walk(handle, path + '/');
      else if (path.startsWith('content/quotes/')) found[path] = await (await handle.getFile()).text();
    }
  }
  await walk(await navigator.storage.getDirectory(), '');
  return found;
}
"""


def check_what_the_editor_wrote(written: dict[str, str]) -> None:
    """The files the editor wrote, checked by the kit (warnings too) in a copy of the content."""
    content = Path("/tmp/coproweek-editor-screenshots/content")
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(ROOT / "content" / "campaigns", content / "campaigns")
    for path, text in written.items():
        print(f"The editor wrote {path}:\n{text}")
        target = content.parent / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    code, report = check(content, COPROWEEK_STRICT=True)
    print(report)
    assert written and code == 0


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(HERE / name))
    print(f"Wrote docs/contribute/{name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
