"""Events: checked like every other kind, published as pages, calendars and feeds, and only
while published. The fixture (tests/fixtures/events) is built on the pinned day, 2026-06-01,
inside its campaign week (30 May to 3 June 2026); it has events on both days the UK's clocks
change in 2026 (29 March and 25 October), an all-day and a cancelled one, one announced
after the pinned day (scheduled) and one withdrawn."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
import vobject
from conftest import FIXTURES, build, check, copy_fixture
from test_hostile import readable
from test_search import indexed_pages

LONDON = ZoneInfo("Europe/London")
PUBLISHED = {
    "peer-support-webinar",
    "clocks-go-back-walk",
    "spring-forward-drop-in",
    "open-day",
    "cancelled-workshop",
}
HELD_BACK = {"later-announcement": "Zephyrsecret", "withdrawn-talk": "Quillwithdrawn"}
QUICK = {"COPROWEEK_CARDS_ENABLED": False}


@pytest.fixture(scope="module")
def events_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("events") / "output"
    result, printed = build(FIXTURES / "events" / "content", output)
    assert result.ok, printed
    return output


class Texts(HTMLParser):
    """The text of every element with one of `classes`, in page order, and the JSON-LD."""

    def __init__(self, *classes: str) -> None:
        super().__init__()
        self.wanted = classes
        self.found: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self._open: list[tuple[str, str, int]] = []  # (class, tag, depth)
        self._depth = 0
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._depth += 1
        values = dict(attrs)
        self._in_json = tag == "script" and values.get("type") == "application/ld+json"
        for name in (values.get("class") or "").split():
            if name in self.wanted:
                self.found.append((name, ""))
                self._open.append((name, tag, self._depth))

    def handle_endtag(self, tag: str) -> None:
        self._open = [item for item in self._open if item[2] < self._depth]
        self._depth -= 1
        self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json_ld.append(data)
        if self._open:
            for index in range(len(self.found) - 1, -1, -1):
                if self.found[index][0] == self._open[-1][0]:
                    self.found[index] = (self.found[index][0], self.found[index][1] + data)
                    break


def texts(page: Path, *classes: str) -> Texts:
    parser = Texts(*classes)
    parser.feed(page.read_text(encoding="utf-8"))
    parser.found = [(name, " ".join(text.split())) for name, text in parser.found]
    return parser


def calendar_events(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(item["uid"]): item for item in calendar.walk("VEVENT")}


# Checks ---------------------------------------------------------------------------------


def test_every_problem_of_an_event_is_explained_with_its_line(tmp_path: Path) -> None:
    content = copy_fixture("events", tmp_path)
    (content / "events" / "2026" / "muddled.md").write_text(
        "Title: A muddled event\nSummary: Everything wrong at once.\nDate: 2026-05-01\n"
        "Starts: 2026-06-02 15:00\nEnds: 2026-06-02 14:00\nAttendance: in person\n"
        "Booking: tomorrow\nCost: Free\nAccess: step free, lift\n"
        "Organiser: Nobody We Know\nCampaign: 2031\n\nDetails.\n",
        encoding="utf-8",
    )
    code, printed = check(content)
    assert code == 1
    where = "content/events/2026/muddled.md:"
    expected = [
        f"{where}5: Ends is not after Starts.",
        f"{where}6: the event is in person, but there is no Venue",
        f'{where}7: Booking: "tomorrow" is not a booking address.',
        f'{where}9: Access: "lift" is not one of the kinds of access the site lists.',
        f'{where}10: "Nobody We Know" is not an organisation the site knows.',
        f"{where}11: there is no campaign for 2031. Campaigns we have: 2026.",
    ]
    for line in expected:
        assert line in printed, f"{line}\n--- report ---\n{printed}"
    assert "step-free, hearing loop, bsl, captions, quiet room" in printed  # the valid ones
    assert "Fernhill Tenants Union" in printed  # organisations the site knows, to choose from
    assert "Traceback" not in printed and "fault in the site kit" not in printed


def test_an_event_missing_its_essentials_names_each_one(tmp_path: Path) -> None:
    content = copy_fixture("events", tmp_path)
    (content / "events" / "2026" / "bare.md").write_text(
        "Title: Just a title\nStarts: 2026-06-02 10:00\n\nWords.\n", encoding="utf-8"
    )
    code, printed = check(content)
    assert code == 1
    for name in ("Summary", "Date", "Attendance", "Booking", "Cost", "Organiser"):
        assert f"content/events/2026/bare.md:1: {name} is missing." in printed, name
    assert "content/events/2026/bare.md:2: Ends is missing" in printed


def test_a_wrong_default_time_zone_is_a_settings_problem(tmp_path: Path) -> None:
    code, printed = check(FIXTURES / "events" / "content", COPROWEEK_EVENTS_TIME_ZONE="London")
    assert code == 1
    assert "COPROWEEK_EVENTS_TIME_ZONE is not a time zone name from the IANA list" in printed


# Pages ----------------------------------------------------------------------------------


def test_each_published_event_has_a_page_and_a_calendar_file(events_site: Path) -> None:
    written = {path.parent.name for path in events_site.glob("events/2026/*/index.html")}
    assert written == PUBLISHED
    for name in PUBLISHED:
        assert (events_site / f"events/2026/{name}/{name}.ics").is_file()


def test_held_back_events_are_nowhere_in_the_site(events_site: Path) -> None:
    for name, marker in HELD_BACK.items():
        assert not (events_site / "events" / "2026" / name).exists()
        for path in sorted(p for p in events_site.rglob("*") if p.is_file()):
            for member, data in readable(path):
                assert marker.encode() not in data, f"{marker} in {path} ({member})"
                assert name.encode() not in data, f"{name} in {path} ({member})"


def test_the_campaign_events_page_lists_upcoming_then_past_by_day(events_site: Path) -> None:
    page = texts(events_site / "campaigns/2026/events/index.html", "event-day", "event-title")
    shown = [(kind, text) for kind, text in page.found]
    upcoming, past = [], []
    target = upcoming
    for kind, text in shown:
        if kind == "event-day" and text == "Sunday 29 March 2026":
            target = past
        target.append(text)
    assert upcoming == [
        "Monday 1 June 2026",
        "Co-production open day",
        "Tuesday 2 June 2026",
        "Peer support in practice: a webinar",
        "Wednesday 3 June 2026",
        "Writing plain-English letters together Cancelled",
        "Sunday 25 October 2026",
        "Autumn walk when the clocks go back",
    ]
    assert past == ["Sunday 29 March 2026", "Drop-in on the day the clocks go forward"]
    html = (events_site / "campaigns/2026/events/index.html").read_text(encoding="utf-8")
    assert html.index("Upcoming events") < html.index("Past events")
    assert 'href="/campaigns/2026/events/calendar.ics"' in html


def test_the_site_wide_page_lists_only_upcoming_events(events_site: Path) -> None:
    page = texts(events_site / "events/index.html", "event-title")
    titles = [text for _, text in page.found]
    assert "Autumn walk when the clocks go back" in titles
    assert "Drop-in on the day the clocks go forward" not in titles
    assert len(titles) == 4


def test_an_event_page_shows_time_place_booking_cost_and_access(events_site: Path) -> None:
    html = (events_site / "events/2026/clocks-go-back-walk/index.html").read_text("utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Sunday 25 October 2026, 10:00 to 12:00 GMT" in text
    assert "Fernhill Community Garden, 4 Mill Lane, Fernhill" in text
    assert 'href="https://maps.example.org/?q=fernhill-community-garden"' in html
    assert "No need to book" in text and "Cost Free" in text
    for access in ("Step-free access", "A quiet room", "Benches every 200 metres"):
        assert access in text
    assert 'href="/events/2026/clocks-go-back-walk/clocks-go-back-walk.ics" download' in html
    assert "<iframe" not in html  # a map is a plain link
    summer = (events_site / "events/2026/spring-forward-drop-in/index.html").read_text("utf-8")
    assert "Sunday 29 March 2026, 14:00 to 16:00 BST" in summer
    cancelled = (events_site / "events/2026/cancelled-workshop/index.html").read_text("utf-8")
    assert "This event is cancelled." in cancelled
    assert "<title>Cancelled: Writing plain-English letters together" in cancelled


def test_the_campaign_page_and_the_home_page_link_to_the_events(events_site: Path) -> None:
    campaign = (events_site / "campaigns/2026/index.html").read_text("utf-8")
    assert 'href="/campaigns/2026/events/"' in campaign
    home = (events_site / "index.html").read_text("utf-8")
    assert "Events this week" in home and 'href="/campaigns/2026/events/"' in home


def test_after_the_week_the_home_page_leaves_the_events_out(tmp_path: Path) -> None:
    output = tmp_path / "output"
    result, printed = build(
        FIXTURES / "events" / "content", output, COPROWEEK_TODAY="2026-08-01", **QUICK
    )
    assert result.ok, printed
    assert "Events this week" not in (output / "index.html").read_text("utf-8")
    assert 'href="/campaigns/2026/events/"' in (output / "campaigns/2026/index.html").read_text(
        "utf-8"
    )
    # Later on, so are the ones that were upcoming; the one announced on 20 June is out.
    titles = [t for _, t in texts(output / "events/index.html", "event-title").found]
    assert titles == ["Autumn walk when the clocks go back"]
    assert (output / "events/2026/later-announcement/index.html").is_file()


def test_each_event_page_carries_a_schema_org_event(events_site: Path) -> None:
    def data(name: str) -> dict:
        page = texts(events_site / f"events/2026/{name}/index.html")
        return json.loads("".join(page.json_ld))

    walk = data("clocks-go-back-walk")
    assert walk["@type"] == "Event"
    assert walk["startDate"] == "2026-10-25T10:00:00+00:00"
    assert walk["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert walk["eventStatus"] == "https://schema.org/EventScheduled"
    assert walk["location"]["@type"] == "Place" and walk["location"]["name"]
    assert walk["offers"]["price"] == "0" and walk["offers"]["priceCurrency"] == "GBP"
    assert walk["organizer"] == {"@type": "Organization", "name": "Fernhill Tenants Union"}
    webinar = data("peer-support-webinar")
    assert webinar["startDate"] == "2026-06-02T10:00:00+01:00"
    assert webinar["location"]["@type"] == "VirtualLocation"
    assert webinar["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    hybrid = data("open-day")
    assert [place["@type"] for place in hybrid["location"]] == ["Place", "VirtualLocation"]
    assert hybrid["startDate"] == "2026-06-01"
    assert data("cancelled-workshop")["eventStatus"] == "https://schema.org/EventCancelled"
    assert data("spring-forward-drop-in")["offers"]["price"] == "3"


# Calendars ------------------------------------------------------------------------------


def test_calendars_import_with_the_right_local_times_across_the_clock_changes(
    events_site: Path,
) -> None:
    path = events_site / "campaigns/2026/events/calendar.ics"
    events = calendar_events(path)
    walk = events["events/2026/clocks-go-back-walk@localhost"]
    drop_in = events["events/2026/spring-forward-drop-in@localhost"]
    # icalendar: local times in the event's zone, and the moments they are.
    assert walk["dtstart"].dt == datetime(2026, 10, 25, 10, 0, tzinfo=LONDON)
    assert walk["dtstart"].dt.astimezone(UTC) == datetime(2026, 10, 25, 10, 0, tzinfo=UTC)
    assert drop_in["dtstart"].dt.astimezone(UTC) == datetime(2026, 3, 29, 13, 0, tzinfo=UTC)
    # vobject, a separate parser, reading the calendar's own VTIMEZONE.
    parsed = vobject.readOne(path.read_text(encoding="utf-8"))
    by_uid = {item.uid.value: item for item in parsed.vevent_list}
    assert len(by_uid) == len(PUBLISHED)
    walk_start = by_uid["events/2026/clocks-go-back-walk@localhost"].dtstart.value
    drop_start = by_uid["events/2026/spring-forward-drop-in@localhost"].dtstart.value
    assert (walk_start.hour, walk_start.utcoffset().total_seconds()) == (10, 0)
    assert (drop_start.hour, drop_start.utcoffset().total_seconds()) == (14, 3600)
    assert walk_start.astimezone(UTC).hour == 10 and drop_start.astimezone(UTC).hour == 13
    assert parsed.vtimezone.tzid.value == "Europe/London"


def test_calendar_entries_are_stable_and_dated_from_the_content(events_site: Path) -> None:
    events = calendar_events(events_site / "events/calendar.ics")
    assert sorted(events) == sorted(f"events/2026/{name}@localhost" for name in PUBLISHED)
    walk = events["events/2026/clocks-go-back-walk@localhost"]
    # Updated: 2026-05-28 09:15, London summer time.
    assert walk["dtstamp"].dt == datetime(2026, 5, 28, 8, 15, tzinfo=UTC)
    webinar = events["events/2026/peer-support-webinar@localhost"]
    assert webinar["dtstamp"].dt == datetime(2026, 5, 19, 23, 0, tzinfo=UTC)  # Date: 2026-05-20
    description = str(walk["description"])
    assert "Step-free access" in description and "A quiet room" in description
    assert str(walk["url"]) == "http://localhost:8000/events/2026/clocks-go-back-walk/"
    assert str(webinar["location"]) == "Online"
    assert "British Sign Language (BSL) interpretation" in str(webinar["description"])
    open_day = events["events/2026/open-day@localhost"]
    assert open_day["dtstart"].dt == date(2026, 6, 1) and open_day["dtend"].dt == date(2026, 6, 2)
    cancelled = events["events/2026/cancelled-workshop@localhost"]
    assert str(cancelled["status"]) == "CANCELLED"
    assert str(walk["status"]) == "CONFIRMED"


def test_a_single_event_file_holds_that_event_only(events_site: Path) -> None:
    path = events_site / "events/2026/open-day/open-day.ics"
    assert list(calendar_events(path)) == ["events/2026/open-day@localhost"]
    parsed = vobject.readOne(path.read_text(encoding="utf-8"))
    assert parsed.vevent.dtstart.value == date(2026, 6, 1)


def test_two_builds_give_identical_events_files(events_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "output"
    result, printed = build(FIXTURES / "events" / "content", again)
    assert result.ok, printed
    names = [
        path.relative_to(events_site)
        for pattern in ("**/*.ics", "events/**/*.html", "campaigns/2026/events/*")
        for path in sorted(events_site.glob(pattern))
    ]
    assert len(names) > 12
    for name in names:
        assert (again / name).read_bytes() == (events_site / name).read_bytes(), name


# Feeds, sitemap, search -----------------------------------------------------------------


def test_the_events_feeds_list_the_newest_announced_first(events_site: Path) -> None:
    for name in ("feed.atom.xml", "feed.rss.xml"):
        feed = feedparser.parse((events_site / "campaigns/2026/events" / name).read_bytes())
        assert not feed.bozo, name
        titles = [entry.title for entry in feed.entries]
        assert titles == [
            "Autumn walk when the clocks go back",  # announced 25 May
            "Peer support in practice: a webinar",  # 20 May
            "Cancelled: Writing plain-English letters together",  # 12 May
            "Co-production open day",  # 10 May
            "Drop-in on the day the clocks go forward",  # 1 March
        ], name
        assert feed.entries[0].link == "http://localhost:8000/events/2026/clocks-go-back-walk/"


def test_the_sitemap_and_the_search_hold_published_events_only(events_site: Path) -> None:
    sitemap = (events_site / "sitemap.xml").read_text(encoding="utf-8")
    indexed = indexed_pages(events_site)
    for name in PUBLISHED:
        assert f"/events/2026/{name}/</loc>" in sitemap
        assert f"/events/2026/{name}/" in indexed
    assert "/events/</loc>" in sitemap and "/campaigns/2026/events/</loc>" in sitemap
    for name in HELD_BACK:
        assert name not in sitemap
        assert not [url for url in indexed if name in url]
    walk = indexed["/events/2026/clocks-go-back-walk/"]
    assert walk["meta"]["type"] == "Events" and "garden gate" in walk["content"]


def test_an_event_in_another_time_zone_keeps_its_own_local_time(tmp_path: Path) -> None:
    content = copy_fixture("events", tmp_path)
    (content / "events" / "2026" / "new-york-exchange.md").write_text(
        "Title: Learning exchange with New York peers\nSummary: Two networks compare notes.\n"
        "Date: 2026-05-02\nStarts: 2026-06-02 09:00\nEnds: 2026-06-02 10:00\n"
        "Time-zone: America/New_York\nAttendance: online\nBooking: no need to book\n"
        "Cost: Free\nOrganiser: Oakmoor Carers Circle\nCampaign: 2026\n\nBring questions.\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    result, printed = build(content, output, **QUICK)
    assert result.ok, printed
    page = (output / "events/2026/new-york-exchange/index.html").read_text("utf-8")
    assert "Tuesday 2 June 2026, 09:00 to 10:00 EDT" in page
    path = output / "events/2026/new-york-exchange/new-york-exchange.ics"
    item = calendar_events(path)["events/2026/new-york-exchange@localhost"]
    assert item["dtstart"].dt.astimezone(UTC) == datetime(2026, 6, 2, 13, 0, tzinfo=UTC)
    parsed = vobject.readOne(path.read_text(encoding="utf-8"))
    assert parsed.vtimezone.tzid.value == "America/New_York"
    assert parsed.vevent.dtstart.value.astimezone(UTC).hour == 13


def test_a_field_from_elsewhere_is_pointed_to_the_event_field(tmp_path: Path) -> None:
    content = copy_fixture("events", tmp_path)
    walk = content / "events" / "2026" / "clocks-go-back-walk.md"
    text = walk.read_text(encoding="utf-8").replace("Venue:", "Location:")
    walk.write_text(text.replace("Organiser:", "Organisation:"), encoding="utf-8")
    code, printed = check(content)
    assert code == 1
    where = "content/events/2026/clocks-go-back-walk.md:"
    assert (
        f'{where}8: "Location" is not a field an event can have. Did you mean "Venue"?' in printed
    )
    assert (
        f'{where}15: "Organisation" is not a field an event can have. Did you mean "Organiser"?'
        in printed
    )
    assert "Organiser is missing" not in printed  # the hint is enough
    assert "there is no Venue" not in printed


def test_a_withdrawn_event_is_listed_for_taking_down(tmp_path: Path) -> None:
    result, printed = build(FIXTURES / "events" / "content", tmp_path / "output")
    assert result.ok, printed
    listed = [line for line in result.taken_down if "withdrawn-talk.md" in line]
    assert len(listed) == 1 and "remove anything already shared from" in listed[0], printed
    assert "/events/2026/withdrawn-talk/" in listed[0]
    assert not any("later-announcement" in line for line in result.taken_down)  # only held back
