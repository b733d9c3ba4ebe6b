"""The zh-Hans catalogue is complete: every user-facing string has a translation, none is fuzzy."""

from pathlib import Path

from babel.messages.pofile import read_po

import qunying

CATALOGUE = Path(qunying.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_message_is_translated_and_none_is_fuzzy():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)

    missing = [
        message.id
        for message in catalogue
        if message.id
        and (message.fuzzy or not (all(message.string) if isinstance(message.string, tuple) else message.string))
    ]

    assert missing == []
