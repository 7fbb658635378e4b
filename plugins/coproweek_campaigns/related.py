"""Related posts, found through shared tags without comparing every post with every other.

Posts are indexed by tag; a post's candidates are only the posts that share a tag with it
(or, to fill the list, its campaign), so the work grows with the tags, not posts x posts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any


def _key(article: Any) -> tuple[float, str]:
    return (-article.date.timestamp(), article.slug)


def related_posts(articles: Sequence[Any], count: int) -> dict[int, list[Any]]:
    """For each article (by id()), up to `count` related articles, best first."""
    by_tag: dict[str, list[Any]] = defaultdict(list)
    by_campaign: dict[int, list[Any]] = defaultdict(list)
    for article in articles:
        for tag in getattr(article, "tags", None) or ():
            by_tag[tag.slug].append(article)
        year = article.entry.campaign_year
        if year is not None:
            by_campaign[year].append(article)

    result: dict[int, list[Any]] = {}
    for article in articles:
        scores: dict[int, int] = defaultdict(int)
        found: dict[int, Any] = {}
        for tag in getattr(article, "tags", None) or ():
            for other in by_tag[tag.slug]:
                if other is not article:
                    scores[id(other)] += 2
                    found[id(other)] = other
        year = article.entry.campaign_year
        for other_id, other in found.items():
            if year is not None and other.entry.campaign_year == year:
                scores[other_id] += 1
        ranked = sorted(found.values(), key=lambda o: (-scores[id(o)], *_key(o)))
        if len(ranked) < count and year is not None:
            extra = [o for o in sorted(by_campaign[year], key=_key) if o is not article]
            ranked += [o for o in extra if id(o) not in found]
        result[id(article)] = ranked[:count]
    return result
