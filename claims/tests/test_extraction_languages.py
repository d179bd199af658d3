"""Languages without a hand-written table read dates through a lexicon derived from dateparser's data."""

from datetime import date, datetime, timezone

import pytest

from claims.extraction import extract
from claims.extraction.languages import LEXICONS, lexicon_for
from claims.extraction.languages.derived import derived_lexicon
from claims.extraction.types import ArticleText, Granularity

PUBLISHED = datetime(2026, 2, 11, 10, 0, tzinfo=timezone.utc)


def claims(text, language):
    return [
        (c.text, c.interval.start, c.interval.end, c.granularity)
        for c in extract(ArticleText(text, language, PUBLISHED)).claims
        if c.interval is not None
    ]


AUG_8 = (date(2025, 8, 8), date(2025, 8, 8), Granularity.DAY)


@pytest.mark.parametrize(
    "language, text, phrase, expected",
    [
        ("fr", "Le traité a été signé le 8 août 2025 à Paris.", "8 août 2025", AUG_8),
        ("de", "Der Vertrag wurde am 8. August 2025 unterzeichnet.", "8. August 2025", AUG_8),
        ("es", "El acuerdo se firmó el 8 de agosto de 2025.", "8 de agosto de 2025", AUG_8),
        ("it", "L'accordo è stato firmato l'8 agosto 2025.", "8 agosto 2025", AUG_8),
        ("fr", "Le sommet s'est tenu le 8 mai 2025.", "8 mai 2025", (date(2025, 5, 8), date(2025, 5, 8), Granularity.DAY)),
        ("fr", "Le 8 janv. 2025, rien.", "8 janv. 2025", (date(2025, 1, 8), date(2025, 1, 8), Granularity.DAY)),
        ("pt", "O acordo foi assinado em agosto de 2025.", "agosto de 2025",
         (date(2025, 8, 1), date(2025, 8, 31), Granularity.MONTH)),
        ("tr", "Anlaşma Ağustos 2025'te imzalandı.", "Ağustos 2025",
         (date(2025, 8, 1), date(2025, 8, 31), Granularity.MONTH)),
        ("fr", "Le ministre est arrivé hier à Lyon.", "hier", (date(2026, 2, 10), date(2026, 2, 10), Granularity.DAY)),
        ("de", "Der Minister kommt morgen.", "morgen", (date(2026, 2, 12), date(2026, 2, 12), Granularity.DAY)),
        ("es", "El ministro llegó ayer.", "ayer", (date(2026, 2, 10), date(2026, 2, 10), Granularity.DAY)),
        ("fr", "Les discussions ont eu lieu la semaine dernière.", "la semaine dernière",
         (date(2026, 2, 2), date(2026, 2, 8), Granularity.WEEK)),
        ("fr", "Le traité a été signé l’année dernière.", "l’année dernière",
         (date(2025, 1, 1), date(2025, 12, 31), Granularity.YEAR)),
        ("de", "Die Wahl findet nächstes Jahr statt.", "nächstes Jahr",
         (date(2027, 1, 1), date(2027, 12, 31), Granularity.YEAR)),
    ],
)
def test_derived_languages_read_common_dates(language, text, phrase, expected):
    assert claims(text, language) == [(phrase, *expected)]


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "Il a dit que mai était un bon mois pour cela."),  # a month alone does not count
        ("es", "Esta mañana el presidente habló."),  # the morning, not tomorrow
        ("es", "El presidente habló por la mañana."),
        ("de", "Er sprach am Montag."),  # a weekday alone does not count
        ("es", "Vive cerca del mar."),  # "mar" (March, abbreviated) without its dot is the sea
        ("fr", "Il a marqué 8 buts en 3 jours."),  # no units or offsets in a derived lexicon
    ],
)
def test_derived_languages_stay_quiet_on_ambiguous_words(language, text):
    assert claims(text, language) == []


def test_a_derived_tomorrow_still_counts_after_the_morning():
    assert claims("Esta mañana habló. Mañana viajará.", "es") == [
        ("Mañana", date(2026, 2, 12), date(2026, 2, 12), Granularity.DAY)
    ]


def test_english_and_russian_keep_their_tables():
    assert lexicon_for("en") is LEXICONS["en"]
    assert lexicon_for("ru-RU") is LEXICONS["ru"]
    assert claims("The treaty was signed on August 8, 2025.", "en") == [("August 8, 2025", *AUG_8)]
    assert claims("Договор подписали 8 августа 2025 года.", "ru") == [("8 августа 2025 года", *AUG_8)]
    # "may" the modal is still no month in English
    assert claims("They may sign it.", "en") == []


def test_lexicon_choice_and_fallback():
    assert lexicon_for("fr").code == "fr"
    assert lexicon_for("pt-BR").code == "pt"
    assert lexicon_for("xx").code == "en"  # dateparser does not know it either
    assert derived_lexicon("xx") is None
    assert derived_lexicon("fr") is derived_lexicon("fr")  # cached


def test_derived_abbreviations_need_their_dot_and_three_letters():
    fr = derived_lexicon("fr")
    august = fr.months[8]
    assert "août" in august
    assert all(not fragment.startswith("ao") or fragment in ("août", r"aoû\.") for fragment in august)
    assert r"janv\." in fr.months[1] and "janv" not in fr.months[1]
