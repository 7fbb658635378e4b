"""coproweek_cards: social media image cards for every quote, blog post, campaign and event.

Signals (handlers in plugin.py):
- initialized: add the COPROWEEK_CARDS_* defaults; the content checks (run when Pelican
  starts) check the cards too: every quote and event fits, every character has a font;
- article_generator_finalized: plan every card and its file names, give each published
  article `card` (its link preview) and `cards` (all its cards), and the template context
  `campaign_cards` ({year: Card}), `event_cards` ({event address: Card}) and
  `card_galleries` ({year: gallery address}); start worker processes drawing the card
  files the cache lacks, while Pelican writes pages;
- get_generators: CardsGenerator waits for the drawing, links the cards into
  output/cards/ and writes the gallery and manifest per campaign, and has a worker build
  each zip pack the cache lacks;
- finalized: wait for the packs and link them into the site.

What a build does with cards lives in its build state (state.py), so nothing of one build
is left in a module for the next.

Languages: each edition's run draws the cards of its own posts (its view of the model) into
its own output (/cy/cards/ for Welsh), every word a card says, its alt texts and post text
and the gallery in the edition's language (translations/cy/LC_MESSAGES/messages.po; dates
by Babel). Welsh cards are cached in a folder of their own (cache_dir/cy) and their keys
name their language. On a bilingual site a campaign with words in both languages gets one
bilingual title card (bilingual.py, titlecards.py), the same in both editions.
"""

from __future__ import annotations


def register() -> None:
    # Imported only when Pelican loads the plugin: a worker process imports this package
    # for its drawing and pack modules, and starts faster without Pelican and the plugin.
    from .plugin import connect

    connect()
