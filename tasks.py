"""Tasks for building, checking and publishing the site. Run them with ./kit TASK.

Pelican's usual task names (build, rebuild, regenerate, clean, serve, reserve, preview,
livereload, publish, gh-pages) plus ours: check, new-quote, new-post, new-event, tests, lint.
"""

from __future__ import annotations

import functools
import http.server
import shlex
import shutil
import sys
import time
from pathlib import Path

from invoke import Context, Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from coproweek_build.build import build_site, leftovers, load_settings, run_checks  # noqa: E402
from coproweek_build.scaffold import NoMoreAnswers, ScaffoldRefused, draft_post  # noqa: E402
from coproweek_build.tidy import TidyRefused, difference, tidied  # noqa: E402

CONFIG = {
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
    "output": ROOT / "output",
    "cache": ROOT / ".cache",
    "host": "localhost",
    "port": 8000,
    "watched": ["content", "theme", "plugins", "pelicanconf.py"],
}


def _build(settings_file: Path, strict: bool = False) -> None:
    overrides = {"COPROWEEK_STRICT": True} if strict else None
    result = build_site(settings_file, overrides)
    if not result.ok:
        raise Exit("The build stopped; the site in output/ was left as it was.", code=1)


def _look_hint() -> None:
    print(
        f"To look at it: run ./kit serve and open http://{CONFIG['host']}:{CONFIG['port']}/ "
        "in your browser (Ctrl+C stops it)."
    )


@task(help={"strict": "also stop on warnings (used in pull-request checks)"})
def build(c: Context, strict: bool = False) -> None:
    """Check the content and build the site into output/."""
    _build(CONFIG["settings_base"], strict)
    _look_hint()


@task
def clean(c: Context) -> None:
    """Remove the built site and the caches."""
    output = Path(CONFIG["output"]).resolve()
    for folder in (output, Path(CONFIG["cache"]), *leftovers(output)):
        shutil.rmtree(folder, ignore_errors=True)
    print("Removed output/, .cache/ and the leftovers of earlier builds.")


@task
def rebuild(c: Context) -> None:
    """Build from nothing: clean, then build."""
    clean(c)
    build(c)


@task(help={"strict": "also stop on warnings", "content": "another content folder to check"})
def check(c: Context, strict: bool = False, content: str = "") -> None:
    """Check every content file and explain each problem; builds nothing."""
    overrides: dict[str, object] = {"COPROWEEK_STRICT": True} if strict else {}
    if content:
        overrides["PATH"] = str(Path(content).resolve())
    if run_checks(CONFIG["settings_base"], overrides) != 0:
        raise Exit(code=1)


def _snapshot() -> dict[str, float]:
    stamps: dict[str, float] = {}
    for name in CONFIG["watched"]:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for file in files:
            stamps[str(file)] = file.stat().st_mtime
    return stamps


@task
def regenerate(c: Context) -> None:
    """Build again whenever content, theme or settings change (Ctrl+C stops)."""
    seen: dict[str, float] = {}
    while True:
        now = _snapshot()
        if now != seen:
            seen = now
            build_site(CONFIG["settings_base"])
            print("Watching for changes...")
        time.sleep(1)


@task(help={"port": "the port to serve on (default 8000)"})
def serve(c: Context, port: int = 0) -> None:
    """Serve output/ at http://localhost:8000/ with the same addresses as the public site."""
    port = port or CONFIG["port"]
    if not CONFIG["output"].is_dir():
        raise Exit("There is no output/ folder yet: run ./kit build first.", code=1)
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(CONFIG["output"])
    )
    server = http.server.ThreadingHTTPServer((CONFIG["host"], port), handler)
    print(f"Serving output/ at http://{CONFIG['host']}:{port}/ (Ctrl+C stops).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task
def reserve(c: Context) -> None:
    """Build, then serve."""
    build(c)
    serve(c)


@task(help={"strict": "also stop on warnings"})
def preview(c: Context, strict: bool = False) -> None:
    """Build with the publishing settings (publishconf.py)."""
    _build(CONFIG["settings_publish"], strict)


@task
def livereload(c: Context) -> None:
    """Serve the site and rebuild it, refreshing the browser, when files change."""
    from livereload import Server

    _build(CONFIG["settings_base"])
    server = Server()
    for name in CONFIG["watched"]:
        pattern = f"{name}/**/*" if (ROOT / name).is_dir() else name
        server.watch(pattern, lambda: build_site(CONFIG["settings_base"]))
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=str(CONFIG["output"]))


def _publish_target() -> str:
    settings = load_settings(CONFIG["settings_publish"])
    return str(settings.get("PUBLISH_TARGET") or "")


@task(help={"target": "a folder or host:path (default: PUBLISH_TARGET in publishconf.py)"})
def publish(c: Context, target: str = "") -> None:
    """Build with the publishing settings and copy the site with rsync."""
    target = target or _publish_target()
    if not target:
        raise Exit(
            "No publish target: set COPROWEEK_PUBLISH_TARGET or PUBLISH_TARGET in publishconf.py.",
            code=1,
        )
    if shutil.which("rsync") is None:
        raise Exit(
            "rsync is not installed. Install it (Debian: apt-get install rsync) and try again.",
            code=1,
        )
    _build(CONFIG["settings_publish"])
    command = ["rsync", "-rlc", "--delete", f"{CONFIG['output']}/", target.rstrip("/") + "/"]
    c.run(shlex.join(command))
    print(f"Published output/ to {target} with rsync.")


@task(name="gh-pages", help={"push": "push the gh-pages branch to origin as well"})
def gh_pages(c: Context, push: bool = False) -> None:
    """Build with the publishing settings and commit the site to the gh-pages branch."""
    _build(CONFIG["settings_publish"])
    ghp_import = str(Path(sys.executable).parent / "ghp-import")
    command = [ghp_import, "--no-jekyll", "--branch", "gh-pages", "--message", "Publish the site"]
    if push:
        command.append("--push")
    c.run(shlex.join([*command, str(CONFIG["output"])]))
    print("Committed output/ to the gh-pages branch" + (" and pushed it." if push else "."))


def _ask(question: str, default: str) -> str:
    """Ask on the terminal, or read the next line of answers piped in (at the end of them,
    the other questions take their defaults)."""
    suffix = f" [{default}]" if default else ""
    try:
        return input(f"{question}{suffix}: ")
    except EOFError:
        print()
        raise NoMoreAnswers from None


def _scaffold(kind: str, answers: dict[str, str]) -> None:
    settings = load_settings(CONFIG["settings_base"])
    given = {key: value for key, value in answers.items() if value and key != "c"}
    task_name = {"quote": "new-quote", "blog": "new-post", "event": "new-event"}[kind]
    try:
        draft = draft_post(
            kind,
            Path(settings["PATH"]),
            given,
            ask=_ask,
            project_root=ROOT,
            site_organisation=str(settings.get("SITE_ORGANISATION") or ""),
        )
        path = draft.write()
    except ScaffoldRefused as refused:
        lines = "\n".join(problem.format() for problem in refused.problems)
        raise Exit(
            f"{lines}\n\nNothing was written. Give the answers one per line, or as options "
            f"(./kit {task_name} --help lists them).",
            code=1,
        ) from None
    what = "description of the event" if kind == "event" else kind
    print(f"Created {path.relative_to(ROOT)}. Open it, write the {what}, then run ./kit check.")


SHARED_HELP = {
    "naming": "full name, first name, first name and place, anonymous or group",
    "place": "the town or area (with Naming: first name and place)",
    "role": "their role, for example Peer Researcher",
    "organisation": "their organisation",
    "consent": "the id in your private consent register",
    "channels": "web, social, newsletter",
    "date": "the day to publish it, for example 2024-07-02 (default: today)",
    "campaign": "the campaign year (default: this year's, if there is one)",
    "tags": "comma separated",
    "slug": "the file name, without .md",
    "language": "only when not the site's main language: cy (Welsh) or en (English)",
    "translation_key": "only for a translation: the key it shares with the post it translates",
}


@task(
    name="new-quote",
    help={
        "speaker": "the person's name",
        "quote": "the quote itself",
        "excerpt": "for a long quote: words from it for its card",
        "source": "a link to a longer piece (https://...)",
        **SHARED_HELP,
    },
)
def new_quote(
    c: Context,
    speaker: str = "",
    naming: str = "",
    place: str = "",
    role: str = "",
    organisation: str = "",
    consent: str = "",
    channels: str = "",
    date: str = "",
    campaign: str = "",
    quote: str = "",
    excerpt: str = "",
    source: str = "",
    tags: str = "",
    slug: str = "",
    language: str = "",
    translation_key: str = "",
) -> None:
    """Start a new quote post (asks for what the options do not give)."""
    _scaffold("quote", dict(locals()))


@task(
    name="new-post",
    help={
        "title": "the title of the blog post",
        "author": "the author's name",
        "summary": "one or two sentences",
        "original": "where the post first appeared, if elsewhere (https://...)",
        **SHARED_HELP,
    },
)
def new_post_task(
    c: Context,
    title: str = "",
    author: str = "",
    naming: str = "",
    place: str = "",
    role: str = "",
    organisation: str = "",
    consent: str = "",
    channels: str = "",
    date: str = "",
    campaign: str = "",
    summary: str = "",
    original: str = "",
    tags: str = "",
    slug: str = "",
    language: str = "",
    translation_key: str = "",
) -> None:
    """Start a new blog post (asks for what the options do not give)."""
    _scaffold("blog", dict(locals()))


@task(
    name="new-event",
    auto_shortflags=False,  # too many options for one letter each (access_other got "-_")
    help={
        "title": "the name of the event",
        "summary": "one or two sentences about it",
        "date": "the day to announce it (default: today)",
        "starts": "the day and 24-hour time it starts, e.g. 2025-07-03 14:00 (a day: all day)",
        "ends": "when it ends, written the same way",
        "time_zone": "only outside the UK: its IANA time zone, e.g. Europe/Dublin",
        "attendance": "online, in person or hybrid",
        "venue": "the name of the place (in person or hybrid)",
        "address": "its street and town",
        "map": "a link to a map of the place (https://...)",
        "online_link": "the address to join online, if it may be public",
        "booking": "the booking page (https://...), or: no need to book",
        "cost": "Free, or the price (default: Free)",
        "access": "any of: step-free, hearing loop, BSL, captions, quiet room (comma separated)",
        "access_other": "anything else about access",
        "organiser": "the organisation running it, as the site names it (default: the site's)",
        "campaign": "the campaign year (default: the year's, if there is one)",
        "tags": "comma separated",
        "text": "what happens, who it is for (default: a placeholder to replace)",
        "slug": "the file name, without .md",
    },
)
def new_event(
    c: Context,
    title: str = "",
    summary: str = "",
    date: str = "",
    starts: str = "",
    ends: str = "",
    time_zone: str = "",
    attendance: str = "",
    venue: str = "",
    address: str = "",
    map: str = "",
    online_link: str = "",
    booking: str = "",
    cost: str = "",
    access: str = "",
    access_other: str = "",
    organiser: str = "",
    campaign: str = "",
    tags: str = "",
    text: str = "",
    slug: str = "",
) -> None:
    """Start a new event (asks for what the options do not give). Events name no people."""
    _scaffold("event", dict(locals()))


@task(
    name="from-issue",
    help={
        "event": "the issue event's JSON file (GITHUB_EVENT_PATH in a workflow)",
        "comment": "write the comment for the issue to this file",
        "outputs": "append file=, kind= and branch= to this file (GITHUB_OUTPUT)",
    },
)
def from_issue_task(c: Context, event: str, comment: str = "", outputs: str = "") -> None:
    """Turn a quote, blog post or event sent with a GitHub issue form into a new file, checked."""
    from coproweek_build.issue_form import FormRefused, from_issue

    try:
        print(from_issue(Path(event), CONFIG["settings_base"], ROOT, comment, outputs))
    except FormRefused as refused:
        lines = "\n".join(problem.format() for problem in refused.problems)
        raise Exit(f"{lines}\n\nNothing was written.", code=1) from None


@task(help={"file": "the post to tidy", "dry_run": "only show the change"}, positional=["file"])
def tidy(c: Context, file: str, dry_run: bool = False) -> None:
    """Rewrite text pasted from Word or a web page as clean Markdown, showing the change."""
    path = Path(file)
    if not path.is_file():
        raise Exit(f"There is no file {file}.", code=1)
    try:
        before, after = tidied(path)
    except TidyRefused as refused:
        raise Exit(str(refused), code=1) from None
    if before == after:
        print(f"{file} is tidy already: nothing to change.")
        return
    print(difference(before, after, file))
    if dry_run:
        print("Nothing was saved (--dry-run).")
        return
    path.write_text(after, encoding="utf-8")
    print(f"Saved {file}. Look at the change above, then run ./kit check.")


@task(
    help={
        "k": "only run tests whose name matches this expression",
        "fast": "leave out the tests that drive a browser",
    }
)
def tests(c: Context, k: str = "", fast: bool = False) -> None:
    """Run the whole test suite."""
    command = [sys.executable, "-m", "pytest"]
    if k:
        command += ["-k", k]
    if fast:
        command += ["-m", "not browser"]
    c.run(shlex.join(command), pty=False, in_stream=False)


@task
def settings(c: Context) -> None:
    """List every COPROWEEK_ setting, its default and what it is for."""
    from coproweek_build.settings_table import settings_table

    print(settings_table(load_settings(CONFIG["settings_base"])["PLUGINS"]))


@task(name="update-catalogues", aliases=["extract-messages"])
def update_catalogues(c: Context) -> None:
    """Extract the interface's words into each translation catalogue, and list what to translate."""
    from coproweek_build import catalogues

    left = []
    for component in catalogues.components():
        for language in catalogues.TRANSLATED_INTO:
            path = catalogues.update(component, language)
            if path is not None:
                print(f"Updated {catalogues.shown(path)}")
                left += catalogues.problems(component, language)
    if left:
        print("\nTo translate or check (the tests fail until these are done):")
        print("\n".join(f"  {problem}" for problem in left))
    else:
        print("Every message is translated.")


@task
def lint(c: Context) -> None:
    """Check the code: style with ruff, types with mypy."""
    c.run(f"{sys.executable} -m ruff check .")
    c.run(f"{sys.executable} -m ruff format --check .")
    c.run(f"{sys.executable} -m mypy")


@task(help={"posts": 'corpus sizes, e.g. --posts 2000 or --posts "500 2000" (growth is printed)'})
def benchmark(c: Context, posts: str = "2000") -> None:
    """Time our build against bare Pelican on a synthetic corpus; prints a table."""
    c.run(
        shlex.join(
            [sys.executable, str(ROOT / "benchmarks" / "build.py"), "--posts", *posts.split()]
        )
    )
