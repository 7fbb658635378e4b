"""The campaigns generator: campaign pages, the campaigns archive, organisation and
wellbeing listings, related posts and share links on every post, and the 404 page."""

from __future__ import annotations

from typing import Any

from coproweek_content.buildstate import BuildState
from coproweek_content.templatewords import language_of
from coproweek_content.words import Words, own_words
from pelican.generators import Generator

from . import pages as build_pages
from .related import related_posts
from .settings import (
    ARCHIVE_URL,
    CAMPAIGN_URL,
    GALLERY_URL,
    ORGANISATIONS_URL,
    WELLBEING_URL,
    CampaignsSettings,
)
from .share import share_links, share_text


class CampaignGenerator(Generator):
    """Adds the campaign pages and listings to the site (see the module docstring)."""

    @property
    def chosen(self) -> CampaignsSettings:
        return CampaignsSettings.of(self.settings)

    @property
    def words(self) -> Words:
        """This plugin's words in the edition's language."""
        return own_words(language_of(self.settings), __file__)

    def generate_context(self) -> None:
        site = BuildState.of(self.settings).loaded
        articles = sorted(
            self.context.get("articles", []), key=lambda a: (a.date, a.slug), reverse=True
        )
        campaigns = dict(sorted(site.context.campaigns.items(), reverse=True))
        organisations = build_pages.organisations(articles, ORGANISATIONS_URL)
        grouped = build_pages.group_by_campaign(articles)
        campaign_pages = []
        for year, campaign in campaigns.items():
            posts = grouped.get(year, [])
            partners = [
                (name, build_pages.organisation_url(organisations, name))
                for name in campaign.partners
            ]
            campaign_pages.append(
                build_pages.CampaignPage(
                    campaign=campaign,
                    url=CAMPAIGN_URL.format(year=year),
                    intro_html=campaign.intro_html,
                    status=build_pages.campaign_status(campaign, site.context.today),
                    quotes=[a for a in posts if a.kind == "quote"],
                    blogs=[a for a in posts if a.kind == "blog"],
                    partners=partners,
                    today=site.context.today,
                )
            )
        by_year = {page.year: page for page in campaign_pages}
        home_campaign = build_pages.lead_campaign(campaign_pages)
        wellbeing_ways = build_pages.wellbeing_ways(articles, WELLBEING_URL, self.words)
        organisation_url = {
            name: listing.url for listing in organisations.values() for name in listing.names
        }
        # The *_links, *_urls, home_lead and first_campaign_year values are light stand-ins
        # for the listings (which hold posts), so per-post and per-list pages need no posts.
        self.context.update(
            campaign_pages=campaign_pages,
            campaign_page_for=by_year,
            campaign_urls={page.year: page.url for page in campaign_pages},
            first_campaign_year=min(by_year, default=None),
            home_campaign=home_campaign,
            home_lead=build_pages.lead_summary(home_campaign),
            organisations=list(organisations.values()),
            organisation_url=organisation_url,
            wellbeing_ways=wellbeing_ways,
            wellbeing_way_links=tuple((way.key, way.name, way.url) for way in wellbeing_ways),
            campaigns_archive_url=ARCHIVE_URL,
            organisations_url=ORGANISATIONS_URL,
            wellbeing_url=WELLBEING_URL,
        )
        self._decorate(articles, by_year, organisation_url)

    def _decorate(
        self, articles: list[Any], by_year: dict[int, Any], organisation_url: dict[str, str]
    ) -> None:
        """Give every post its campaign, related posts, share links, dates as shown and the
        address of its organisation's page."""
        related = related_posts(articles, self.chosen.related_count)
        site_url = self.settings.get("SITEURL", "")
        networks = list(self.chosen.share)
        mastodon_server = self.chosen.mastodon_server
        site_name = self.settings.get("SITENAME", "")
        locale = str(self.words.locale)
        links = {
            year: build_pages.CampaignLink(page.campaign, page.url)
            for year, page in by_year.items()
        }
        for article in articles:
            entry = article.entry
            page = by_year.get(entry.campaign_year)
            article.campaign_link = links.get(entry.campaign_year)
            article.related_posts = related[id(article)]
            article.organisation_link = organisation_url.get(entry.organisation, "")
            build_pages.date_strings(article, locale)
            # Share links invite reposting: only for people who agreed to social media.
            article.share_links = []
            if entry.consent.allows("social"):
                hashtag = page.campaign.hashtag if page else ""
                quote_text = entry.quotes[0].short_text if entry.quotes else ""
                text = share_text(entry.kind, article.title, quote_text, entry.byline, hashtag)
                article.share_links = share_links(
                    networks,
                    text,
                    f"{site_url}/{article.url}",
                    f"{article.title} · {site_name}",
                    mastodon_server,
                )

    def _card_galleries(self) -> dict[int, str]:
        """Where coproweek_cards writes each campaign's gallery, when it is on."""
        plugins = [getattr(p, "__name__", str(p)) for p in self.settings.get("PLUGINS", [])]
        if "coproweek_cards" not in plugins or not self.settings.get(
            "COPROWEEK_CARDS_ENABLED", True
        ):
            return {}
        pattern = GALLERY_URL
        return {
            page.year: pattern.format(year=page.year) for page in self.context["campaign_pages"]
        }

    def generate_output(self, writer: Any) -> None:
        # Read now: the feeds and cards plugins fill these in their own generate_context.
        galleries = self.context.get("card_galleries") or self._card_galleries()
        feeds = self.context.get("feeds")
        for page in self.context["campaign_pages"]:
            page.feed_links = build_pages.feed_links(feeds, page.year, self.words)
            page.gallery_url = str(galleries.get(page.year, ""))

        def write(save_as: str, template: str, url: str, **values: Any) -> None:
            writer.write_file(save_as, self.get_template(template), self.context, url=url, **values)

        archive_url = self.context["campaigns_archive_url"]
        write(f"{archive_url}index.html", "campaigns", archive_url)
        for page in self.context["campaign_pages"]:
            write(page.save_as, "campaign", page.url, campaign_page=page)
        organisations_url = self.context["organisations_url"]
        write(f"{organisations_url}index.html", "organisations", organisations_url)
        for listing in self.context["organisations"]:
            write(listing.save_as, "organisation", listing.url, listing=listing)
        wellbeing_url = self.context["wellbeing_url"]
        write(f"{wellbeing_url}index.html", "wellbeing", wellbeing_url)
        for listing in self.context["wellbeing_ways"]:
            write(listing.save_as, "wellbeing_way", listing.url, listing=listing)
        if self.chosen.not_found_page:
            write("404.html", "404", "404.html")
