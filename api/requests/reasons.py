"""Why a request was decided so: a code and its parameters, stored; words, rendered.

A decision's reasons are stored as codes with plain parameters (queue ids, counts, UTC
instants, ISO days), never as sentences, so that each reader gets them in their own
language: the API renders them in the caller's language (``?lang=``, then
``Accept-Language``), the pages in the page's, and a machine reads ``code`` and ``params``.
Times are shown in the agent's own time zone, days and numbers through Babel (CLDR).

Each code's English and French words sit side by side below. A text is one sentence, or
a pair (singular, plural) chosen by a count (``PLURAL_BY``). Parameters are formatted by
name: ``kind`` (a request kind), ``day`` / ``days`` (ISO days), ``start`` + ``end`` (UTC
instants, shown together as ``{span}``), numbers (Babel), lists of ids (comma-separated);
anything else (a queue id, a colleague, the verifier's own words) as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = ("en", "fr")

Text = str | tuple[str, str]

TEXTS: dict[str, dict[Language, Text]] = {
    "kind_closed": {
        "en": "Requests for {kind} are closed at this site.",
        "fr": "Les demandes {kind} sont fermées sur ce site.",
    },
    "kind_manual": {
        "en": "A manager answers every request for {kind} here.",
        "fr": "Un responsable répond ici à chaque demande {kind}.",
    },
    "blackout": {
        "en": "{days} is a blackout day: no time off is granted then.",
        "fr": "{days} est un jour bloqué : aucun congé n'est accordé ce jour-là.",
    },
    "illegal": {
        "en": "The roster would break a working-time rule: {detail}.",
        "fr": "Le planning enfreindrait une règle de temps de travail : {detail}.",
    },
    "short_notice": {
        "en": "Asked {ahead} h ahead; requests need {notice} h notice to be approved at once, "
        "so a manager will answer.",
        "fr": "Demandé {ahead} h à l'avance ; il faut {notice} h de préavis pour une réponse "
        "immédiate, donc un responsable répondra.",
    },
    "late_notice": {
        "en": "Asked after it started; requests need {notice} h notice to be approved at "
        "once, so a manager will answer.",
        "fr": "Demandé après son début ; il faut {notice} h de préavis pour une réponse "
        "immédiate, donc un responsable répondra.",
    },
    "allotment_full": {
        "en": (
            "{count} agent already has time off on {day}, the most the site allows at once "
            "({allowed}).",
            "{count} agents already have time off on {day}, the most the site allows at once "
            "({allowed}).",
        ),
        "fr": (
            "{count} agent est déjà en congé le {day}, le maximum que le site accorde à la "
            "fois ({allowed}).",
            "{count} agents sont déjà en congé le {day}, le maximum que le site accorde à la "
            "fois ({allowed}).",
        ),
    },
    "coverage_drop": {
        "en": "{queue} would fall to {after} of {required} agents on {span}.",
        "fr": (
            "{queue} tomberait à {after} agent sur {required} {span}.",
            "{queue} tomberait à {after} agents sur {required} {span}.",
        ),
    },
    "approved_at_once": {
        "en": "Approved at once: notice, coverage and the day's allotment all allow it.",
        "fr": "Approuvé tout de suite : le préavis, la couverture et le quota du jour le "
        "permettent.",
    },
    "approved_pick_up": {
        "en": "Approved: the shift is yours and fits every working-time rule.",
        "fr": "Approuvé : le créneau est à vous et respecte toutes les règles de temps de travail.",
    },
    "approved_swap": {
        "en": "Approved: both weeks fit every working-time rule after the swap.",
        "fr": "Approuvé : les deux semaines respectent toutes les règles de temps de travail "
        "après l'échange.",
    },
    "whole_shift_freed": {
        "en": "Your whole shift is freed: keeping only part of it would break a working-time "
        "rule ({detail}).",
        "fr": "Tout votre créneau est libéré : n'en garder qu'une partie enfreindrait une "
        "règle de temps de travail ({detail}).",
    },
    "waitlisted": {
        "en": "You are number {position} on the waitlist: your time off is approved "
        "automatically as soon as a place frees.",
        "fr": "Vous êtes numéro {position} sur la liste d'attente : votre congé sera approuvé "
        "automatiquement dès qu'une place se libère.",
    },
    "approved_from_waitlist": {
        "en": "Approved from the waitlist: a place freed, and notice, coverage and the day's "
        "allotment now allow it.",
        "fr": "Approuvé depuis la liste d'attente : une place s'est libérée, et le préavis, la "
        "couverture et le quota du jour le permettent désormais.",
    },
    "approved_by_manager": {"en": "Approved by a manager.", "fr": "Approuvé par un responsable."},
    "declined_by_manager": {"en": "Declined by a manager.", "fr": "Refusé par un responsable."},
    "manager_note": {"en": "{note}", "fr": "{note}"},
    "withdrawn": {"en": "Withdrawn.", "fr": "Retirée."},
    "extra_hours_recorded": {
        "en": "Your extra hours are recorded; {count} open shift(s) you may work are offered "
        "to you, and the next re-plan may use them.",
        "fr": "Vos heures supplémentaires sont enregistrées ; {count} créneau(x) ouvert(s) "
        "que vous pouvez prendre vous sont proposés, et la prochaine replanification pourra "
        "les utiliser.",
    },
    "swap_waiting": {
        "en": "Waiting for {colleague} to accept.",
        "fr": "En attente de l'accord de {colleague}.",
    },
    "swap_offered": {
        "en": "Offered to the colleagues who may take it: {colleagues}.",
        "fr": "Proposé aux collègues qui peuvent le prendre : {colleagues}.",
    },
}

KIND_WORDS: dict[Language, dict[str, str]] = {
    # French elides "de" before a vowel ("demande d'échange"), so the preposition is here.
    "en": {
        "time_off": "time off",
        "drop": "dropping a shift",
        "pick_up": "picking up an open shift",
        "swap": "swapping shifts",
        "extra_hours": "offering extra hours",
    },
    "fr": {
        "time_off": "de congé",
        "drop": "de restitution de créneau",
        "pick_up": "de reprise de créneau ouvert",
        "swap": "d'échange de créneaux",
        "extra_hours": "d'heures supplémentaires",
    },
}

PLURAL_BY = {"coverage_drop": "after"}
"""The parameter that picks a text's singular or plural (``count`` otherwise), by the
language's own plural rule (CLDR: French says 0 agent, English 0 agents)."""

DAY_PATTERN: dict[Language, str] = {"en": "EEE d MMM", "fr": "EEEE d MMMM"}


@dataclass(frozen=True)
class Reason:
    """One reason of a decision: a code of ``TEXTS`` and its plain parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in TEXTS:
            raise ValueError(f"no words for reason code {self.code!r}")

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}

    @classmethod
    def from_json(cls, stored: dict[str, Any]) -> Reason:
        return cls(code=str(stored["code"]), params=dict(stored.get("params", {})))


def language_or_default(language: str | None) -> Language:
    return "fr" if language == "fr" else "en"


def render(reason: Reason, language: str, zone: ZoneInfo) -> str:
    """The reason as one sentence in ``language``, times in ``zone``."""
    lang = language_or_default(language)
    text = TEXTS[reason.code][lang]
    if isinstance(text, tuple):
        count = reason.params[PLURAL_BY.get(reason.code, "count")]
        text = text[0] if Locale.parse(lang).plural_form(count) == "one" else text[1]
    values = {key: _value(key, value, lang) for key, value in reason.params.items()}
    if "start" in reason.params and "end" in reason.params:
        values["span"] = span_words(
            datetime.fromisoformat(reason.params["start"]),
            datetime.fromisoformat(reason.params["end"]),
            zone,
            lang,
        )
    return text.format(**values)


def render_all(reasons: list[Reason], language: str, zone: ZoneInfo) -> str:
    return " ".join(render(r, language, zone) for r in reasons)


def day_words(day: date, language: Language) -> str:
    return format_date(day, DAY_PATTERN[language], locale=language)


def span_words(start: datetime, end: datetime, zone: ZoneInfo, language: Language) -> str:
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    return f"{day_words(local_start.date(), language)} {local_start:%H:%M}–{local_end:%H:%M}"


def _value(key: str, value: Any, language: Language) -> str:
    if key == "kind":
        return KIND_WORDS[language].get(str(value), str(value))
    if key == "day":
        return day_words(date.fromisoformat(value), language)
    if key == "days":
        return ", ".join(day_words(date.fromisoformat(d), language) for d in value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_decimal(value, format="#,##0.##", locale=language)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
