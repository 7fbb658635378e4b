"""The interface's words in Welsh: every catalogue complete, and Welsh pages that say them.

Messages are extracted from the sources as a translator's tools extract them (Babel's
extract API: Jinja's extractor for the templates, Babel's Python extractor for the plugins),
so a word marked in a template or a plugin and left out of its Welsh catalogue fails here.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from conftest import FIXTURES, ROOT, build
from coproweek_build.catalogues import JINJA, Component, components, extract, problems
from coproweek_content.dates import date_range
from coproweek_content.event_fields import Attendance, When
from coproweek_content.events import Event
from coproweek_content.model import Naming, Person

WELSH = "cy"
WITH_MESSAGES = [component for component in components() if len(extract(component))]


def test_the_extractors_find_the_words_of_templates_and_plugins() -> None:
    """The extraction the other tests rely on reads what is marked: words in templates and
    in each plugin's Python."""
    found = {component.name: {m.id for m in extract(component)} for component in components()}
    assert "Skip to main content" in found["theme"]
    assert ("%(num)d quote", "%(num)d quotes") in found["theme"]
    assert "Anonymous" in found["coproweek_content"]
    assert "Step-free access" in found["coproweek_content"]  # marked with N_ where written
    assert "Events for Co-production Week %(year)s" in found["coproweek_events"]
    assert "Be active" in found["coproweek_campaigns"]


def test_every_component_with_a_catalogue_has_messages_and_the_other_way_round() -> None:
    with_catalogue = {c.name for c in components() if c.translations.is_dir()}
    assert with_catalogue == {c.name for c in WITH_MESSAGES}


@pytest.mark.parametrize("component", WITH_MESSAGES, ids=lambda c: c.name)
def test_the_welsh_catalogue_is_complete(component: Component) -> None:
    """Every message translated, none fuzzy or obsolete, six plural forms, the same
    placeholders: ./kit update-catalogues lists the same problems."""
    assert problems(component, WELSH) == []


def write_catalogue(path: Path, messages: list[tuple[object, object, bool]]) -> None:
    catalogue = Catalog(locale=WELSH, domain="messages")
    for message_id, string, fuzzy in messages:
        catalogue.add(message_id, string, flags=("fuzzy",) if fuzzy else ())  # type: ignore[arg-type]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_po(target, catalogue)


def test_the_check_finds_each_kind_of_problem(tmp_path: Path) -> None:
    """The catalogue check can fail: one template, and a catalogue wrong in every way."""
    templates = tmp_path / "theme" / "templates"
    templates.mkdir(parents=True)
    (templates / "page.html").write_text(
        '<p>{{ _("Hello") }} {{ _("Bye") }} {{ _("By %(name)s", name=who) }}'
        ' {{ _("Fuzzy") }} {{ ngettext("%(num)d quote", "%(num)d quotes", n) }}'
        ' {% trans %}Untranslated{% endtrans %} {{ _("Missing") }}</p>'
    )
    component = Component("theme", templates, (("**.html", JINJA),))
    write_catalogue(
        component.catalogue(WELSH),
        [
            ("Hello", "Helo", False),
            ("Bye", 'Hwyl "fawr"', False),
            ("By %(name)s", "Gan %(enw)s", False),
            ("Fuzzy", "Niwlog", True),
            (("%(num)d quote", "%(num)d quotes"), ("%(num)d dyfyniad",) * 2, False),
            ("Untranslated", "", False),
            ("Gone", "Wedi mynd", False),
        ],
    )
    found = "\n".join(problems(component, WELSH))
    assert "'Missing' is missing" in found
    assert """'Bye' has ", which the message has not""" in found
    assert "'By %(name)s' has placeholders ['%(enw)s']" in found
    assert "'Fuzzy' is marked fuzzy" in found
    # Welsh has six plural forms: a catalogue with two leaves four untranslated
    assert "'%(num)d quote' is not translated (form 2)" in found
    assert "'Untranslated' is not translated" in found
    assert "'Gone' is no longer in the sources" in found
    assert "'Hello'" not in found


# A Welsh page ------------------------------------------------------------------------


ANONYMOUS_WELSH_QUOTE = """Naming: anonymous
Consent: T-2026-009
Channels: web, social
Role: Gofalwr
Language: cy
Campaign: 2026
Date: 2026-05-31

Rydyn ni'n cynllunio'r cyfarfodydd gyda'n gilydd erbyn hyn.
"""


@pytest.fixture(scope="module")
def welsh_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The events fixture (a campaign in its week, events, a quote) as a Welsh-only site,
    with an anonymous quote in Welsh."""
    folder = tmp_path_factory.mktemp("welsh")
    content = folder / "content"
    shutil.copytree(FIXTURES / "events" / "content", content)
    (content / "quotes" / "2026" / "dienw.md").write_text(ANONYMOUS_WELSH_QUOTE)
    output = folder / "output"
    result, printed = build(
        content,
        output,
        COPROWEEK_LANGUAGES=(WELSH,),
        DEFAULT_LANG=WELSH,
    )
    assert result.ok, printed
    return output


def page_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_a_welsh_home_page_says_the_interface_in_welsh(welsh_site: Path) -> None:
    home = page_text(welsh_site / "index.html")
    assert '<html lang="cy">' in home
    assert "Neidio i’r prif gynnwys</a>" in home
    assert "Wythnos Cydgynhyrchu 2026" in home
    assert ">Chwilio</a>" in home and ">Ymgyrchoedd</a>" in home
    assert 'aria-label="Prif ddewislen"' in home
    # Babel's Welsh month names, and the plural forms of Welsh (1: dyfyniad, 0: blogbost)
    assert ">30 Mai</time> – <time" in home and ">3 Mehefin 2026</time>" in home
    assert "Hyd yma: 2 ddyfyniad, 0 blogbost." in home
    assert "June 2026</time>" not in home
    # (the campaign's title card and its alt text are the cards plugin's, in their own words)
    for english in ("Skip to main content", "Latest posts", "Dates", "so far", "Events this week"):
        assert english not in home, english


def test_every_generator_writes_welsh_words(welsh_site: Path) -> None:
    """Pelican's own generators and the kit's (campaigns, events, feeds) all get the words."""
    campaign = page_text(welsh_site / "campaigns" / "2026" / "index.html")
    assert 'aria-label="Briwsion bara"' in campaign and ">Partneriaid</h2>" in campaign
    events = page_text(welsh_site / "campaigns" / "2026" / "events" / "index.html")
    assert ">Digwyddiadau blaenorol</h2>" in events and "Tanysgrifio i’r calendr hwn" in events
    feeds = page_text(welsh_site / "feeds" / "index.html")
    assert "<h2>Beth yw ffrwd?</h2>" in feeds
    wellbeing = page_text(welsh_site / "wellbeing" / "index.html")
    assert ">Bod yn egnïol</a>: symud mewn ffordd rydyn ni’n ei mwynhau (0 post)" in wellbeing


def test_an_anonymous_welsh_quote_is_dienw(welsh_site: Path) -> None:
    page = page_text(welsh_site / "2026" / "dienw" / "index.html")
    assert "<title>Dienw, Gofalwr · " in page
    assert "— Dienw, Gofalwr</figcaption>" in page
    assert "Anonymous" not in page


def test_a_welsh_event_page_gives_its_facts_in_welsh(welsh_site: Path) -> None:
    page = page_text(welsh_site / "events" / "2026" / "peer-support-webinar" / "index.html")
    assert "Dydd Mawrth 2 Mehefin 2026, 10:00 – 11:30 BST" in page
    assert "<dt>Ble</dt><dd>Ar-lein</dd>" in page
    assert "<li>Dehongli Iaith Arwyddion Prydain (BSL)</li>" in page
    assert "<li>Capsiynau byw</li>" in page
    assert ">Archebu lle</a>" in page and ">Ychwanegu at galendr</a>" in page
    main = page[page.index("<main") : page.index("</main>")]  # (cards: the cards plugin's)
    for english in ("Online", "Live captions", "Add to calendar", "Tuesday", "Organised by"):
        assert english not in main, english
    calendar = (welsh_site / "events" / "2026" / "peer-support-webinar").glob("*.ics")
    ics = next(calendar).read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Pryd: Dydd Mawrth 2 Mehefin 2026" in ics and "Trefnwyd gan Oakmoor" in ics


def test_the_search_page_hands_its_script_welsh_words(welsh_site: Path) -> None:
    page = page_text(welsh_site / "search" / "index.html")
    assert 'data-none="Does dim postiadau’n cyfateb i “{query}”."' in page
    assert '<label for="search-words">Geiriau i chwilio amdanyn nhw</label>' in page
    script = (ROOT / "theme" / "static" / "js" / "search.js").read_text()
    assert "posts match" not in script and "Searching" not in script


# Words the plugins write -------------------------------------------------------------


def test_names_keep_their_place_unmutated_in_welsh() -> None:
    welsh = Person("Owain Price", Naming.FIRST_NAME_AND_PLACE, "Caerdydd", interface_language="cy")
    english = Person("Owain Price", Naming.FIRST_NAME_AND_PLACE, "Cardiff")
    assert welsh.display_name == "Owain (Caerdydd)"
    assert english.display_name == "Owain from Cardiff"
    assert Person("X", Naming.ANONYMOUS, interface_language="cy").display_name == "Dienw"
    assert Person("X", Naming.ANONYMOUS).display_name == "Anonymous"


def test_dates_and_an_events_words_follow_the_interface_language() -> None:
    assert date_range(date(2025, 6, 30), date(2025, 7, 4)) == "30 June to 4 July 2025"
    assert date_range(date(2025, 6, 30), date(2025, 7, 4), "cy") == "30 Mehefin – 4 Gorffennaf 2025"
    event = Event(
        source_path=Path("walk.md"),
        slug="walk",
        title="Walk",
        summary="A walk.",
        announced=datetime(2025, 6, 1),
        starts=When(date(2025, 7, 1), None),
        ends=When(date(2025, 7, 1), None),
        zone="Europe/London",
        attendance=Attendance.HYBRID,
        organiser="Fernhill",
        venue="Y Llyfrgell",
        access=("step-free",),
        interface_language="cy",
    )
    assert event.when_text == "Dydd Mawrth 1 Gorffennaf 2025, drwy’r dydd"
    assert event.place_text == "Y Llyfrgell, ac ar-lein"
    assert event.access_texts == ("Mynediad heb risiau",)
    assert event.booking_text == "Does dim angen archebu"
