"""The sentence callers hear, in French and English, for the countries contact centres
answer from (and a name for every ISO country)."""

from __future__ import annotations

import pycountry
import pytest

from api.caller_notice.sentences import default_language, place, sentence


@pytest.mark.parametrize(
    ("countries", "french", "english"),
    [
        (["FR", "MA"], "la France et le Maroc", "France and Morocco"),
        (
            ["TN", "SN", "MU"],
            "la Tunisie, le Sénégal et Maurice",
            "Tunisia, Senegal, and Mauritius",
        ),
        (["MG"], "Madagascar", "Madagascar"),
        (["ES", "IE"], "l’Espagne et l’Irlande", "Spain and Ireland"),
        (["US", "NL"], "les États-Unis et les Pays-Bas", "the United States and the Netherlands"),
        (
            ["PH", "GB"],
            "les Philippines et le Royaume-Uni",
            "the Philippines and the United Kingdom",
        ),
        (["MX", "CI"], "le Mexique et la Côte d’Ivoire", "Mexico and Côte d’Ivoire"),
        (["RE", "IL"], "La Réunion et Israël", "Réunion and Israel"),
        (["DO"], "la République dominicaine", "the Dominican Republic"),
    ],
)
def test_articles_and_lists(countries: list[str], french: str, english: str) -> None:
    assert sentence(countries, "fr") == f"Votre appel est traité depuis {french}"
    assert sentence(countries, "en") == f"Your call is answered from {english}"


def test_nobody_staffed_is_no_sentence() -> None:
    assert sentence([], "fr") is None and sentence((), "en") is None


def test_every_iso_country_has_a_named_place() -> None:
    for country in pycountry.countries:
        for language in ("fr", "en"):
            told = place(country.alpha_2, language)
            assert country.alpha_2 not in told.split(), (country.alpha_2, language, told)


def test_a_queue_speaks_the_language_its_id_starts_with() -> None:
    assert [default_language(q) for q in ("fr-support", "fr_sales", "fr", "en-b2b")] == [
        "fr",
        "fr",
        "fr",
        "en",
    ]
    assert default_language("france-support") == "en" and default_language("support") == "en"
