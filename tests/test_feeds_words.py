"""The feeds plugin's Welsh catalogue: every word the plugin writes into a feed (titles,
descriptions, the words inside items and events) is translated, with its placeholders."""

from __future__ import annotations

import re

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import ROOT

PLUGIN = ROOT / "plugins" / "coproweek_feeds"
CATALOGUE = PLUGIN / "translations" / "cy" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def written_messages() -> set[str]:
    """The messages the plugin's code asks for (Babel's own extractor, as pybabel runs it)."""
    found = extract_from_dir(PLUGIN, keywords={"gettext": None, "ngettext": (1, 2)})
    return {message if isinstance(message, str) else message[0] for *_, message, _, _ in found}


def test_every_message_of_the_feeds_plugin_is_in_welsh() -> None:
    with CATALOGUE.open("rb") as source:
        catalogue = read_po(source, locale="cy")
    translated = {message.id: message.string for message in catalogue if message.id}
    wanted = written_messages()
    assert len(wanted) > 20
    assert sorted(wanted - set(translated)) == [], "messages missing from the catalogue"
    assert sorted(set(translated) - wanted) == [], "messages the code no longer writes"
    for message, welsh in translated.items():
        assert welsh and welsh != message or message == "Cost", message
        assert sorted(PLACEHOLDER.findall(str(welsh))) == sorted(PLACEHOLDER.findall(message))
    assert not [message for message in catalogue if message.fuzzy and message.id]
