"""Card rendering benchmark: our cold render against the raw Pillow floor.

Run: .venv/bin/python benchmarks/cards.py [--quotes 200] [--rounds 3]

- floor: the same lines of text, in the same fonts and sizes at the same places, drawn
  straight onto a flat 1200x630 background with ImageDraw.text and encoded as JPEG with the
  same settings (no layout, no fallback choice, no band, no hashing);
- ours: the full cold path of a build for one link preview card: file names (hashes of every
  input), font choice per character, line breaking, fitting, drawing, encoding, writing;
  in-process caches are emptied before each round;
- pool: every size of every quote (5 per quote), drawn by one worker process and then by
  one per core, as a build draws them (workers started afresh, wall time), against the raw
  Pillow floor of every size: a cold build's drawing is the pool's wall time.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from coproweek_cards import fonts, plan, render, text  # noqa: E402
from coproweek_cards.compose import FontSettings, compose  # noqa: E402
from coproweek_cards.layouts import FORMATS, LAYOUTS, STYLES  # noqa: E402
from coproweek_cards.render import Job, encode  # noqa: E402
from coproweek_cards.settings import CardsSettings  # noqa: E402
from coproweek_cards.state import draw  # noqa: E402
from coproweek_content.pool import process_pool  # noqa: E402
from corpus import WORDS  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

PALETTE = {"background": "#FBF8FF", "text": "#1B1B1B", "accent": "#5A2A82"}
PHOTO = ROOT / "content" / "images" / "2024" / "paper-chain-people.jpg"  # for --layout photo
FLOOR_QUOTES = 50  # the floor of every size, timed on the first quotes
ROLES = ("Peer Researcher", "Carer", "Expert Citizen", "Volunteer", "Engagement Worker")


def invented_quotes(count: int, low: int = 12, high: int = 45) -> list[dict[str, str]]:
    """`count` quote cards' words, each quote `low` to `high` words long."""
    chooser = random.Random(2024)
    quotes = []
    for number in range(count):
        length = chooser.randint(low, high)
        sentence = " ".join(chooser.choice(WORDS) for _ in range(length)).capitalize()
        quotes.append(
            {
                "text": f"“{sentence} ({number}).”",
                "attribution": f"— Person {number}, {chooser.choice(ROLES)}",
                "hashtag": "#CoProWeek",
                "wordmark": "Co-production Week",
            }
        )
    return quotes


def empty_caches() -> None:
    text.split_runs.cache_clear()
    text.reference_width.cache_clear()


def job_for(
    words: dict[str, str], fmt: str, folder: Path, settings: FontSettings, layout: str
) -> Job:
    name = f"{layout}-quote"
    if layout == "photo":
        words = {**words, "photo": str(PHOTO)}
    card = plan.Card(
        source="bench", line=1, kind="quote", number=1, slug="bench", folder="bench",
        layout=name, words=words, palette=PALETTE, alt="", alt_long="", caption="",
        page_url="", title="", campaign_year=None,
    )  # fmt: skip
    options = plan.CardOptions("", "", (fmt,), PALETTE, "#CoProWeek", settings, folder, "cards")
    plan.name_images(card, options)
    image = card.images[fmt]
    target = folder / f"{image.key}.{image.extension}"
    return Job(tuple(words.items()), tuple(PALETTE.items()), name, fmt, settings, str(target))


def draw_floor(runs: tuple, fmt_name: str, target: Path) -> None:
    """The floor: the same text runs drawn straight onto a flat background, then encoded."""
    fmt = FORMATS[fmt_name]
    image = Image.new("RGB", (fmt.width, fmt.height), PALETTE["background"])
    draw = ImageDraw.Draw(image)
    for run in runs:
        font = fonts.pillow_font(run.face, run.size)
        draw.text((run.x, run.baseline), run.text, font=font, fill=run.colour, anchor="ls")
    target.write_bytes(encode(image, fmt))


def floor_seconds(
    quotes: list[dict[str, str]], fmt_name: str, folder: Path, settings: FontSettings
) -> float:
    """Seconds to draw every quote in one format the raw Pillow way (layouts not timed)."""
    fmt = FORMATS[fmt_name]
    laid_out = [compose(w, LAYOUTS["light-quote"], fmt, settings, PALETTE).runs for w in quotes]
    start = time.perf_counter()
    for number, runs in enumerate(laid_out):
        draw_floor(runs, fmt_name, folder / f"floor-{number}.{fmt.extension}")
    return time.perf_counter() - start


def floor_per_card(
    quotes: list[dict[str, str]], folder: Path, settings: FontSettings, rounds: int
) -> dict[str, float]:
    """Seconds per card of the raw Pillow floor in one process, best of `rounds`, by format."""
    return {
        name: min(floor_seconds(quotes, name, folder, settings) for _ in range(rounds))
        / len(quotes)
        for name in FORMATS
    }


def one_round(
    quotes: list[dict[str, str]], folder: Path, settings: FontSettings, layout: str
) -> tuple[float, float]:
    """(ours, floor) in seconds. Each card is timed both ways back to back, so changes in the
    load of a shared machine hit both alike. The floor's layouts are worked out beforehand;
    then every cache of ours is emptied, so ours starts cold."""
    fmt = FORMATS["link"]
    laid_out = [compose(w, LAYOUTS["light-quote"], fmt, settings, PALETTE).runs for w in quotes]
    empty_caches()
    ours_total = floor_total = 0.0
    for number, (words, runs) in enumerate(zip(quotes, laid_out, strict=True)):
        start = time.perf_counter()
        render.render_to_file(job_for(words, "link", folder, settings, layout))
        middle = time.perf_counter()
        draw_floor(runs, "link", folder / f"floor-{number}.jpg")
        ours_total += middle - start
        floor_total += time.perf_counter() - middle
    return ours_total, floor_total


def all_sizes(
    quotes: list[dict[str, str]], folder: Path, settings: FontSettings, workers: int, layout: str
) -> tuple[float, float]:
    """(wall seconds, processor seconds of this process and its workers)."""
    empty_caches()
    jobs = [job_for(w, name, folder, settings, layout) for w in quotes for name in FORMATS]
    for job in jobs:
        Path(job.target).unlink(missing_ok=True)
    before = _cpu()
    start = time.perf_counter()
    with process_pool(workers) as pool:
        for _ in draw(pool, jobs, workers):
            pass
    return time.perf_counter() - start, _cpu() - before


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--layout", choices=STYLES, default="light", help="the card layout drawn (default: light)"
    )
    args = parser.parse_args(argv)
    layout = args.layout
    settings = FontSettings(CardsSettings().font_dirs)
    quotes = invented_quotes(args.quotes)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        one_round(quotes[:5], folder, settings, layout)  # load the fonts once, as a build does
        floor_best = ours_best = float("inf")
        for _ in range(args.rounds):
            ours_time, floor_time = one_round(quotes, folder, settings, layout)
            ours_best, floor_best = min(ours_best, ours_time), min(floor_best, floor_time)
        n = len(quotes)
        print(
            f"Link preview cards (1200x630 JPEG, {layout} layout), {n} quotes, best of {args.rounds} rounds:"
        )
        print(f"  raw Pillow floor: {floor_best / n * 1000:6.2f} ms per card")
        print(f"  our cold render:  {ours_best / n * 1000:6.2f} ms per card")
        print(f"  ratio:            {ours_best / floor_best:6.2f}x (target at most 1.3x)")
        floor = floor_per_card(quotes[:FLOOR_QUOTES], folder, settings, args.rounds)
        mean_floor = sum(floor.values()) / len(floor)
        single, single_cpu = all_sizes(quotes, folder, settings, 1, layout)
        pooled, pooled_cpu = all_sizes(quotes, folder, settings, cores, layout)
        cards = n * len(FORMATS)
        by_size = ", ".join(f"{name} {seconds * 1000:.1f}" for name, seconds in floor.items())
        print(f"All {len(FORMATS)} sizes of {n} quotes ({cards} cards):")
        print(f"  raw Pillow floor: {mean_floor * 1000:6.2f} ms per card ({by_size} ms)")
        print(f"  one worker:       {single:6.2f} s wall, {single_cpu:6.2f} s processor")
        print(f"  {cores} workers:        {pooled:6.2f} s wall, {pooled_cpu:6.2f} s processor")
        print(f"  ratio:            {pooled / single:6.2f}x wall (target at most 0.65x on 2 cores)")
        print(f"  pool overhead:    {pooled_cpu / single_cpu:6.2f}x processor time")
        print(
            f"  cold drawing:     {pooled / (cards * mean_floor):6.2f} x cards x floor "
            "(target at most 0.65 on 2 cores)"
        )
        print(
            f"  load average:     {os.getloadavg()[0]:.1f} (other work on this machine skews wall times)"
        )
        sizes = [p.stat().st_size for p in folder.glob("*.jpg") if not p.name.startswith("floor")]
        print(f"Largest JPEG written: {max(sizes) / 1000:.0f} KB")


if __name__ == "__main__":
    main()
