"""Which outlets are state media: news agencies and broadcasters that a state owns or runs.

The outlet page counts how much of an outlet's content comes from them: its articles that copy
one of theirs, or that cite one of them as a source ("selon Tass"). The default list names
agencies and broadcasters under state control (TASS, Xinhua, IRNA, …) with the other names they
go by — other scripts, transliterations, web addresses — and the state-run outlets of the demo
corpus (fictional: Telekar, Ekran-K, Orbita Info). Public-service broadcasters whose editorial
independence is set in law (BBC, France Télévisions, …) are not on it. ``[outlets]
state_media`` in the config adds names to the defaults; each is matched like the others.

Names are matched by their key (:func:`media_key`): folded (:func:`~vigie.storage.sqltext.fold`:
case and accents ignored), with a leading ``www.`` dropped and every run of punctuation or
spaces read as one space, so "RIA-Novosti", "ria novosti" and "RIA Novosti" are one name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from vigie.storage.sqltext import fold

__all__ = ["DEFAULT_STATE_MEDIA", "StateMediaList", "StateMedium", "media_key", "state_media"]


@dataclass(frozen=True, slots=True)
class StateMedium:
    """A state news agency or broadcaster: its usual name, its other names and its state."""

    name: str
    country: str
    aliases: tuple[str, ...] = ()
    #: an outlet of the invented world of the demo corpus
    fictional: bool = False


def _m(name: str, country: str, *aliases: str) -> StateMedium:
    return StateMedium(name, country, aliases)


#: the default state media (facts; the fictional ones of the demo corpus last)
DEFAULT_STATE_MEDIA: tuple[StateMedium, ...] = (
    # Russia
    _m("TASS", "Russia", "Tass", "ITAR-TASS", "ТАСС", "ИТАР-ТАСС", "tass.ru", "tass.com"),
    _m("RIA Novosti", "Russia", "RIA", "РИА Новости", "ria.ru"),
    _m("Rossiya Segodnya", "Russia", "Россия сегодня"),
    _m(
        "Sputnik",
        "Russia",
        "Sputnik News",
        "Sputnik France",
        "Sputnik Afrique",
        "Спутник",
        "sputniknews.com",
        "fr.sputniknews.africa",
    ),
    _m(
        "RT",
        "Russia",
        "Russia Today",
        "RT France",
        "RT en français",
        "RT International",
        "RT News",
        "rt.com",
        "francais.rt.com",
    ),
    _m(
        "Channel One Russia",
        "Russia",
        "Channel One",
        "Perviy Kanal",
        "Pervy Kanal",
        "Pervi Kanal",
        "Первый канал",
        "1tv.ru",
    ),
    _m("Rossiya 1", "Russia", "Russia-1", "Россия-1", "Россия 1"),
    _m("Rossiya 24", "Russia", "Russia-24", "Россия-24", "Россия 24"),
    _m("VGTRK", "Russia", "ВГТРК"),
    _m("Zvezda", "Russia", "TV Zvezda", "Звезда"),
    _m(
        "Rossiyskaya Gazeta",
        "Russia",
        "Rossiïskaïa Gazeta",
        "Rossiiskaia Gazeta",
        "Российская газета",
        "rg.ru",
    ),
    # China
    _m(
        "Xinhua",
        "China",
        "Xinhua News Agency",
        "Chine nouvelle",
        "Agence Chine nouvelle",
        "新华社",
        "xinhuanet.com",
        "french.news.cn",
    ),
    _m("CGTN", "China", "China Global Television Network", "CGTN Français", "cgtn.com"),
    _m("CCTV", "China", "China Central Television", "中央电视台"),
    _m("China Media Group", "China", "CMG", "中央广播电视总台"),
    _m("China News Service", "China", "中新社", "chinanews.com"),
    _m("China Radio International", "China", "CRI", "Radio Chine internationale"),
    _m("People's Daily", "China", "Quotidien du peuple", "Renmin Ribao", "人民日报"),
    _m("Global Times", "China", "环球时报", "globaltimes.cn"),
    _m("China Daily", "China", "chinadaily.com.cn"),
    # Iran
    _m("IRNA", "Iran", "Islamic Republic News Agency", "irna.ir"),
    _m("IRIB", "Iran", "Islamic Republic of Iran Broadcasting"),
    _m("Press TV", "Iran", "PressTV", "presstv.ir"),
    _m("Al-Alam", "Iran", "Al Alam"),
    # elsewhere
    _m("KCNA", "North Korea", "Korean Central News Agency", "Agence centrale de presse coréenne"),
    _m("Rodong Sinmun", "North Korea"),
    _m("SANA", "Syria", "Syrian Arab News Agency"),
    _m("BelTA", "Belarus", "Belarusian Telegraph Agency", "БелТА"),
    _m("Anadolu", "Türkiye", "Anadolu Agency", "Agence Anadolu", "Anadolu Ajansı", "aa.com.tr"),
    _m("TRT", "Türkiye", "TRT World", "TRT Français"),
    _m("Prensa Latina", "Cuba"),
    _m("Granma", "Cuba"),
    _m("teleSUR", "Venezuela", "Telesur"),
    _m("VTV", "Venezuela", "Venezolana de Televisión"),
    _m("Vietnam News Agency", "Vietnam", "VNA", "Agence vietnamienne d'information"),
    _m("AZERTAC", "Azerbaijan", "Azertag"),
    _m("MENA", "Egypt", "Middle East News Agency"),
    _m("Saudi Press Agency", "Saudi Arabia", "SPA"),
    _m("WAM", "United Arab Emirates", "Emirates News Agency"),
    _m("Ukrinform", "Ukraine", "Укрінформ"),
    # the demo corpus (src/vigie/demo/README.md): Karsovie's state agency, state television
    # and state-funded international outlet
    StateMedium("Telekar", "Karsovie", ("Телекар", "telekar.kv"), fictional=True),
    StateMedium("Ekran-K", "Karsovie", ("Экран-К",), fictional=True),
    StateMedium("Orbita Info", "Karsovie", ("Orbita", "Орбита", "orbita-fr.kv"), fictional=True),
)

_NOT_WORD = re.compile(r"[\W_]+")
#: names :meth:`StateMediaList.match` remembers (then it starts again)
_SEEN = 20_000


def media_key(name: str | None) -> str:
    """The key names are matched by: folded, without a leading ``www.``, punctuation and
    spaces read as one space (``"RIA-Novosti"`` → ``"ria novosti"``); ``""`` for no name."""
    folded = (fold(name) or "").strip()
    folded = folded.removeprefix("www.")
    return _NOT_WORD.sub(" ", folded).strip()


class StateMediaList:
    """State media by key: :meth:`match` tells which one a name stands for."""

    def __init__(self, media: Iterable[StateMedium], extra: Iterable[str] = ()) -> None:
        self.media: list[StateMedium] = list(media)
        known = {media_key(m.name) for m in self.media}
        for name in extra:
            key = media_key(name)
            if key and key not in known:
                self.media.append(StateMedium(name.strip(), ""))
                known.add(key)
        self._by_key: dict[str, StateMedium] = {}
        #: names already matched (a page matches the same few names thousands of times)
        self._seen: dict[str, StateMedium | None] = {}
        for m in self.media:
            for alias in (m.name, *m.aliases):
                key = media_key(alias)
                if key:
                    # the first one listed keeps an alias two of them share
                    self._by_key.setdefault(key, m)

    def __len__(self) -> int:
        return len(self.media)

    def match(self, name: str | None) -> StateMedium | None:
        """The state medium ``name`` is a name of, or None."""
        if name is None:
            return None
        try:
            return self._seen[name]
        except KeyError:
            pass
        found = self._by_key.get(media_key(name))
        if len(self._seen) >= _SEEN:
            self._seen.clear()
        self._seen[name] = found
        return found

    def __contains__(self, name: object) -> bool:
        """Whether ``name`` is a name of one of them."""
        return isinstance(name, str) and media_key(name) in self._by_key


@lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...]) -> StateMediaList:
    return StateMediaList(DEFAULT_STATE_MEDIA, extra)


def state_media(extra: Sequence[str] = ()) -> StateMediaList:
    """The default state media plus ``extra`` names (``[outlets] state_media``)."""
    return _cached(tuple(extra))
