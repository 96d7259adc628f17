"""The sentence a caller hears: "Votre appel est traité depuis la France et le Maroc".

Country names come from Babel (CLDR), in the queue's language. French puts an article before
most country names, chosen by the name's gender, number and first letter, with the
exceptions no rule derives (islands and city-states take none; a few masculine names end in
``-e``); English puts "the" before names that are a union, a republic or a plural.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from babel import Locale
from babel.lists import format_list

NoticeLanguage = Literal["en", "fr"]
LANGUAGES: tuple[NoticeLanguage, ...] = ("en", "fr")

_SENTENCES: dict[NoticeLanguage, str] = {
    "en": "Your call is answered from {places}",
    "fr": "Votre appel est traité depuis {places}",
}
_SHORT_NAMES = {"fr": {"HK": "Hong Kong", "MO": "Macao"}, "en": {"HK": "Hong Kong", "MO": "Macao"}}

_FR_WITHOUT_ARTICLE = frozenset(
    [
        "AG",
        "BH",
        "BL",
        "CU",
        "CY",
        "DJ",
        "HK",
        "HT",
        "IL",
        "KI",
        "KN",
        "MC",
        "MF",
        "MG",
        "MO",
        "MT",
        "MU",
        "NR",
        "OM",
        "PM",
        "SG",
        "SM",
        "ST",
        "TO",
        "TT",
        "TV",
        "TW",
        "WF",
        "YT",
    ]
)
_FR_PLURAL = frozenset(
    [
        "AE",
        "BS",
        "FJ",
        "FK",
        "FO",
        "KM",
        "KY",
        "MH",
        "MP",
        "MV",
        "NL",
        "PH",
        "PW",
        "SB",
        "SC",
        "TC",
        "UM",
        "US",
        "VG",
        "VI",
    ]
)
_FR_MASCULINE_ENDING_IN_E = frozenset(["BZ", "KH", "MX", "MZ", "SR", "ZW"])
_FR_VOWELS = tuple("AEIOUYÀÂÉÈÊÎÏÔÖÙÛÜ")

_EN_WITH_THE = frozenset(["BS", "CD", "CF", "CG", "GM", "KM", "MV", "NL", "PH", "SC"])
_EN_WITH_THE_WORDS = ("Republic", "Islands", "Kingdom", "United", "States", "Territories")


def default_language(queue_id: str) -> NoticeLanguage:
    """The language a queue id starts with (``fr-support`` -> fr), else English.

    The rule migration 0007 applied to queues that existed before queues had a language.
    """
    for language in LANGUAGES:
        if queue_id == language or queue_id.startswith((f"{language}-", f"{language}_")):
            return language
    return "en"


@cache
def country_name(code: str, language: NoticeLanguage) -> str:
    """The country's name in ``language``; an unknown code is returned as it is."""
    short = _SHORT_NAMES[language].get(code)
    if short is not None:
        return short
    name: str | None = Locale(language).territories.get(code)
    return name or code


def _french_place(code: str) -> str:
    name = country_name(code, "fr")
    if code in _FR_WITHOUT_ARTICLE or name.startswith("La "):
        return name
    if code in _FR_PLURAL or name.startswith("Îles "):
        return f"les {name}"
    if name.startswith(_FR_VOWELS):
        return f"l’{name}"
    if name.endswith("e") and code not in _FR_MASCULINE_ENDING_IN_E:
        return f"la {name}"
    return f"le {name}"


def _english_place(code: str) -> str:
    name = country_name(code, "en")
    if code in _EN_WITH_THE or any(word in name.split() for word in _EN_WITH_THE_WORDS):
        return f"the {name}"
    return name


def place(code: str, language: NoticeLanguage) -> str:
    """The country as it follows "depuis" / "from": "la France", "the Netherlands"."""
    return _french_place(code) if language == "fr" else _english_place(code)


def sentence(countries: list[str] | tuple[str, ...], language: NoticeLanguage) -> str | None:
    """The ready sentence for the IVR; None when no agent is staffed (nobody answers)."""
    if not countries:
        return None
    places = format_list([place(code, language) for code in countries], locale=language)
    return _SENTENCES[language].format(places=places)
