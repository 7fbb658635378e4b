"""Build benchmark: our full site against bare Pelican, on the same synthetic corpus.

Run: ./kit benchmark [--posts 2000]   (or .venv/bin/python benchmarks/build.py --posts 500 2000)

In one run, on one corpus (benchmarks/corpus.py), each build in its own process:
- bare Pelican: same URL scheme, Pelican's own Markdown reader and default theme, none of
  our plugins; cold (no cache) and warm (content cache kept, nothing changed);
- ours: the full site (checks, cards, feeds, campaigns, search, sitemap), cold, warm, and
  warm after editing one post; and cold with card rendering switched off.
It prints wall time, peak memory and cards rendered for each, the ratios ours / bare, and
writes the same as a Markdown table to benchmarks/results/build-N.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

BARE_SETTINGS = textwrap.dedent(
    """
    PATH = {content!r}
    OUTPUT_PATH = {output!r}
    CACHE_PATH = {cache!r}
    SITENAME = "Bare Pelican"
    TIMEZONE = "Europe/London"
    ARTICLE_PATHS = ["quotes", "blog"]
    PAGE_PATHS = ["pages"]
    STATIC_PATHS = []
    ARTICLE_URL = "{{date:%Y}}/{{slug}}/"
    ARTICLE_SAVE_AS = "{{date:%Y}}/{{slug}}/index.html"
    TAG_URL = "tag/{{slug}}/"
    TAG_SAVE_AS = "tag/{{slug}}/index.html"
    CATEGORY_URL = "type/{{slug}}/"
    CATEGORY_SAVE_AS = "type/{{slug}}/index.html"
    AUTHOR_URL = "people/{{slug}}/"
    AUTHOR_SAVE_AS = "people/{{slug}}/index.html"
    YEAR_ARCHIVE_SAVE_AS = "{{date:%Y}}/index.html"
    SLUGIFY_SOURCE = "basename"
    DEFAULT_PAGINATION = 12
    PAGINATION_PATTERNS = ((1, "{{url}}", "{{save_as}}"), (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"))
    FEED_ALL_ATOM = None
    CATEGORY_FEED_ATOM = None
    AUTHOR_FEED_ATOM = None
    AUTHOR_FEED_RSS = None
    TRANSLATION_FEED_ATOM = None
    CACHE_CONTENT = True
    LOAD_CONTENT_CACHE = True
    CHECK_MODIFIED_METHOD = "mtime"
    CONTENT_CACHING_LAYER = "reader"
    """
)

# Each build runs in a fresh process that reports its own peak memory (and its workers').
BARE_RUNNER = textwrap.dedent(
    """
    import json, resource, sys, time, logging
    from pelican import Pelican
    from pelican.settings import read_settings
    logging.disable(logging.WARNING)
    start = time.perf_counter()
    Pelican(read_settings(sys.argv[1])).run()
    took = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"seconds": took, "peak_mb": peak / 1024}))
    """
)
OURS_RUNNER = textwrap.dedent(
    """
    import io, json, resource, sys, time
    sys.path.insert(0, sys.argv[1] + "/plugins")
    from coproweek_build.build import build_site
    overrides = json.loads(sys.argv[2])
    printed = io.StringIO()
    start = time.perf_counter()
    result = build_site(sys.argv[1] + "/pelicanconf.py", overrides, out=printed)
    took = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"seconds": took, "peak_mb": peak / 1024, "ok": result.ok, "printed": printed.getvalue()}))
    """
)


@dataclass
class Run:
    name: str
    seconds: float
    peak_mb: float
    cards: int | None = None


def run_python(code: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=3600
    )
    if done.returncode != 0:
        raise SystemExit(f"A benchmark build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["stdout"] = done.stdout  # what plugins printed themselves (the cards' counts)
    return result


def bare(name: str, settings: Path) -> Run:
    result = run_python(BARE_RUNNER, str(settings))
    return Run(name, result["seconds"], result["peak_mb"])


def cards_rendered(printed: str) -> int | None:
    match = re.search(r"Cards: (\d+) rendered", printed)
    return int(match[1]) if match else None


def ours(name: str, overrides: dict) -> Run:
    result = run_python(OURS_RUNNER, str(ROOT), json.dumps(overrides))
    if not result["ok"]:
        raise SystemExit(f"Our build failed in '{name}':\n{result['printed'][-3000:]}")
    return Run(
        name,
        result["seconds"],
        result["peak_mb"],
        cards_rendered(result["stdout"] + result["printed"]),
    )


def measure(posts: int, work: Path) -> list[Run]:
    content = work / "content"
    write_corpus(content, posts)
    settings = work / "bareconf.py"
    settings.write_text(
        BARE_SETTINGS.format(
            content=str(content), output=str(work / "bare-out"), cache=str(work / "bare-cache")
        ),
        encoding="utf-8",
    )
    base = {
        "PATH": str(content),
        "OUTPUT_PATH": str(work / "ours-out"),
        "CACHE_PATH": str(work / "ours-cache"),
        "COPROWEEK_PROJECT_ROOT": str(work),
        "COPROWEEK_CARDS_CACHE_DIR": str(work / "ours-cache" / "cards"),
    }
    runs = [bare("bare Pelican, cold", settings), bare("bare Pelican, warm", settings)]
    runs.append(ours("ours, cold", base))
    runs.append(ours("ours, warm (no change)", base))
    edited = sorted((content / "quotes").rglob("*.md"))[0]
    edited.write_text(
        edited.read_text(encoding="utf-8").rstrip() + " One more sentence.\n", encoding="utf-8"
    )
    runs.append(ours("ours, after editing one quote", base))
    cold_no_cards = dict(
        base,
        OUTPUT_PATH=str(work / "ours-out-2"),
        CACHE_PATH=str(work / "ours-cache-2"),
        COPROWEEK_CARDS_CACHE_DIR=str(work / "ours-cache-2" / "cards"),
        COPROWEEK_CARDS_ENABLED=False,
    )
    runs.append(ours("ours, cold, cards off", cold_no_cards))
    return runs


def table(posts: int, runs: list[Run]) -> str:
    by_name = {run.name: run for run in runs}
    bare_cold, bare_warm = by_name["bare Pelican, cold"], by_name["bare Pelican, warm"]
    warm = by_name["ours, warm (no change)"]
    reference = {
        "ours, cold": bare_cold,
        "ours, cold, cards off": bare_cold,
        "ours, warm (no change)": bare_warm,
        "ours, after editing one quote": bare_warm,
    }
    lines = [
        f"Build benchmark, {posts} posts ({os.cpu_count()} cores)",
        "",
        "| build | wall time (s) | peak memory (MB) | cards rendered | ratio |",
        "|---|---:|---:|---:|---|",
    ]
    for run in runs:
        ratio = ""
        if run.name in reference:
            ratio = f"{run.seconds / reference[run.name].seconds:.2f} x {reference[run.name].name}"
        if run.name == "ours, after editing one quote":
            ratio += f"; {run.seconds / warm.seconds:.2f} x ours warm"
        cards = "" if run.cards is None else str(run.cards)
        lines.append(f"| {run.name} | {run.seconds:.2f} | {run.peak_mb:.0f} | {cards} | {ratio} |")
    return "\n".join(lines) + "\n"


def growth(results: dict[int, list[Run]]) -> str:
    """How time and memory grow from the smallest corpus to the largest."""
    small, large = min(results), max(results)
    lines = [f"Growth from {small} to {large} posts ({large / small:.1f}x the posts):", ""]
    lines += ["| build | time ratio | peak memory ratio |", "|---|---:|---:|"]
    for before, after in zip(results[small], results[large], strict=True):
        lines.append(
            f"| {after.name} | {after.seconds / before.seconds:.2f} | {after.peak_mb / before.peak_mb:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--posts", type=int, nargs="+", default=[2000], help="corpus sizes, e.g. --posts 500 2000"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    arguments = parser.parse_args()
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    started = time.perf_counter()
    measured: dict[int, list[Run]] = {}
    for posts in arguments.posts:
        work = Path(tempfile.mkdtemp(prefix="coproweek-bench-"))
        try:
            measured[posts] = measure(posts, work)
        finally:
            if not arguments.keep:
                shutil.rmtree(work, ignore_errors=True)
        report = table(posts, measured[posts])
        print(report)
        (results / f"build-{posts}.md").write_text(report, encoding="utf-8")
    if len(measured) > 1:
        report = growth(measured)
        print(report)
        (results / "growth.md").write_text(report, encoding="utf-8")
    print(f"(whole benchmark: {time.perf_counter() - started:.0f} s; tables in {results}/)")


if __name__ == "__main__":
    main()
