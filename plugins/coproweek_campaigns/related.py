"""Related posts, found through shared tags without comparing every post with every other.

Posts are indexed by tag, newest first; a post's candidates are the newest posts of each of
its tags (at most CANDIDATES_PER_TAG each) and, to fill the list, of its campaign. So the
work grows with posts x tags, never posts x posts, however large a tag becomes.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

CANDIDATES_PER_TAG = 40


def related_posts(articles: Sequence[Any], count: int) -> dict[int, list[Any]]:
    """For each article (by id()), up to `count` related articles, best first."""
    order = {id(a): (-a.date.timestamp(), a.slug) for a in articles}  # newest first
    by_tag: dict[str, list[Any]] = defaultdict(list)
    by_campaign: dict[int, list[Any]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: order[id(a)]):
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
            for other in by_tag[tag.slug][: CANDIDATES_PER_TAG + 1]:
                if other is not article:
                    scores[id(other)] += 2
                    found[id(other)] = other
        year = article.entry.campaign_year
        for other_id, other in found.items():
            if year is not None and other.entry.campaign_year == year:
                scores[other_id] += 1
        ranked = heapq.nsmallest(
            count, found.values(), key=lambda o: (-scores[id(o)], *order[id(o)])
        )
        if len(ranked) < count and year is not None:
            for other in by_campaign[year]:
                if len(ranked) >= count:
                    break
                if other is not article and id(other) not in found:
                    ranked.append(other)
        result[id(article)] = ranked
    return result
