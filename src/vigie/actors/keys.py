"""Keys that make spellings of one name equal.

Two keys, both plain ASCII strings of space-separated tokens:

- :func:`plain_key` — lower case, accents stripped, Cyrillic written in Latin letters (French
  convention: Сергей Лавров → ``sergei lavrov``), punctuation dropped, a leading article or
  honorific dropped. "l'Otan" = "OTAN" = "Otan"; it keeps spellings apart otherwise. Mentions
  are grouped by this key, and ids of organisations and places are made from it.
- :func:`phonetic_key` — the plain key with French and English transliteration conventions
  folded together, for names of people: Sergueï / Sergei / Sergey / Serguei → ``sergei``,
  Dmitri / Dmitry / Dmitrij → ``dmitri``, Peskov / Peskoff → ``peskov``, Tchoudine / Chudin /
  Чудин → ``shudin``, Iarovaïa / Yarovaïa / Яровая → ``iarovaia``. People's ids are made from
  it, so every spelling gives the same id (``per:sergei-lavrov``).

The phonetic rules, applied in this order to each token (hyphenated parts one by one):

1. ``kh`` → ``h``; the hushing sounds (French ``ch``/``tch``/``chtch``/``j``, English
   ``sh``/``ch``/``shch``/``zh``, ``dj``/``dzh``, Polish ``cz``/``sz``) → one class, written
   ``sh``; ``x`` → ``ks``; ``ph`` → ``f``; ``th`` → ``t``; ``gh`` → ``g``; ``ck``/``q`` → ``k``;
   ``w`` → ``v``;
2. ``ij``/``iy`` at the end → ``i``; ``y`` → ``i``; ``gu`` before a front vowel → ``g``;
   ``ou`` → ``u``; ``ie`` at the start of a word or after a vowel → ``e`` (Yevgeny = Evgueni,
   Andreïev = Andreev);
3. endings: ``-ine`` → ``-in`` (Poutine = Putin), ``-off``/``-ff`` → ``-v`` (Peskoff = Peskov);
4. doubled letters are single (Maasland = Масланд, Vassili = Vasily).

The keys only have to be equal for spellings of one name; two different names that meet the
same key (rare: "Jean" and "Jeanne" do not, see :func:`first_names_compatible`) can be told
apart in the registry.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "HONORIFICS",
    "PARTICLES",
    "cyrillic_to_latin",
    "first_names_compatible",
    "fold",
    "is_short_form",
    "person_parts",
    "phonetic_key",
    "phonetic_of",
    "phonetic_tokens",
    "plain_key",
    "skeleton",
    "slug",
    "without_article",
]

#: Cyrillic letters in Latin, French convention (Russian, Ukrainian, Belarusian, Serbian,
#: Bulgarian letters); the phonetic key makes the English convention meet it
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "ou",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "tch",
    "ш": "ch",
    "щ": "chtch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iou",
    "я": "ia",
    "і": "i",
    "ї": "i",
    "є": "ie",
    "ґ": "g",
    "ў": "ou",
    "ђ": "dj",
    "ј": "j",
    "љ": "lj",
    "њ": "nj",
    "ћ": "tch",
    "џ": "dj",
}
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")

#: honorifics dropped at the start of a person's name
HONORIFICS = frozenset(
    {"m", "mme", "mlle", "mr", "mrs", "ms", "dr", "me", "pr", "mgr", "sir", "monsieur", "madame"}
)
#: lower-case words that start a surname ("Charles de Gaulle", "Marine Le Pen")
PARTICLES = frozenset(
    {
        "de",
        "d",
        "du",
        "des",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "di",
        "da",
        "dos",
        "das",
        "del",
        "della",
        "ben",
        "bin",
        "ibn",
        "al",
        "el",
        "abou",
        "abu",
        "mac",
        "st",
        "saint",
    }
)
_ARTICLES = frozenset({"l", "le", "la", "les"})


def cyrillic_to_latin(text: str) -> str:
    """Cyrillic letters in Latin (French convention); other characters unchanged."""
    if not _CYRILLIC_RE.search(text):
        return text
    out = []
    for ch in text:
        low = ch.lower()
        rep = _CYRILLIC.get(low)
        if rep is None:
            out.append(ch)
        elif ch != low and rep:
            out.append(rep[0].upper() + rep[1:])
        else:
            out.append(rep)
    return "".join(out)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, Cyrillic in Latin letters, accents stripped, typographic apostrophes and
    dashes straightened, spaces squeezed."""
    s = cyrillic_to_latin(text)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("`", "'")
    s = s.replace("\x92", "'")  # a Windows-1252 apostrophe read as Latin-1
    s = s.replace("‐", "-").replace("‑", "-").replace("–", "-").replace("—", "-")
    s = s.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("ß", "ss")
    s = s.replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
    s = s.replace("đ", "dj").replace("Đ", "dj").replace("ı", "i")
    return " ".join(s.casefold().split())


_TOKEN_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# an apostrophe inside a name after two letters is part of it: "Cléac'h", "N'Diaye" is not
_INNER_APOSTROPHE_RE = re.compile(r"(?<=[a-z]{2})'(?=[a-z])")


@lru_cache(maxsize=200_000)
def plain_key(name: str) -> str:
    """``"l’Organisation du traité de l’Atlantique Nord"`` → ``"organisation du traite de l
    atlantique nord"``; ``"M. Lavrov"`` → ``"lavrov"``; ``"НАТО"`` → ``"nato"``. A leading
    "l'" and honorifics are dropped; "le", "la", "les" only when written in lower case ("le
    Kremlin" → "kremlin", but "Le Pen" → "le pen")."""
    f = _INNER_APOSTROPHE_RE.sub("", fold(name))
    toks = _TOKEN_RE.findall(f)
    lower_start = name.lstrip(" \t\"'«“([")[:1].islower()
    while len(toks) > 1 and (
        toks[0] == "l" or toks[0] in HONORIFICS or (lower_start and toks[0] in _ARTICLES)
    ):
        toks = toks[1:]
    return " ".join(toks)


def without_article(plain: str) -> str | None:
    """A plain key without a leading "le", "la" or "les" ("le kremlin" → "kremlin"), or None
    when it has none."""
    head, _, rest = plain.partition(" ")
    return rest if head in _ARTICLES and rest else None


_PHONETIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"kh", "h"),
        (r"(?<=i)[jy]$", ""),  # Dmitrij, Dmitriy
        (r"(?:chtch|shtch|shch|sch)", "§"),
        (r"(?:dzh|dj|tsch|tch|cz|sz|zh|sh|ch|j)", "§"),
        (r"x", "ks"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"gh", "g"),
        (r"ck", "k"),
        (r"q", "k"),
        (r"w", "v"),
        (r"y", "i"),
        (r"gu(?=[ei])", "g"),
        (r"ou", "u"),
        (r"^ie", "e"),
        (r"(?<=[aeiou])ie", "e"),
        (r"(?<=[^aeiou])ine$", "in"),
        (r"ff$", "v"),
        (r"(.)\1+", r"\1"),
    )
)


_ROMAN_RE = re.compile(r"^[ivx]{1,5}$")


@lru_cache(maxsize=200_000)
def _phonetic_part(part: str) -> str:
    if _ROMAN_RE.match(part):
        return part  # Jean-Paul II is not Jean-Paul III
    s = part
    for pat, rep in _PHONETIC_RULES:
        s = pat.sub(rep, s)
    return s.replace("§", "sh")


def phonetic_key(name: str) -> str:
    """The plain key with transliteration conventions folded (see the module doc):
    ``"Sergueï Lavrov"``, ``"Sergey Lavrov"`` and ``"Сергей Лавров"`` → ``"sergei lavrov"``."""
    return phonetic_of(plain_key(name))


@lru_cache(maxsize=200_000)
def phonetic_of(plain: str) -> str:
    """The phonetic key of a plain key."""
    return " ".join("-".join(_phonetic_part(p) for p in tok.split("-")) for tok in plain.split())


@lru_cache(maxsize=200_000)
def phonetic_tokens(plain: str) -> tuple[str, ...]:
    """Phonetic form of each token of a plain key."""
    return tuple("-".join(_phonetic_part(p) for p in tok.split("-")) for tok in plain.split())


@lru_cache(maxsize=200_000)
def slug(key: str) -> str:
    """A key as the second part of an id: ``"sergei lavrov"`` → ``"sergei-lavrov"``."""
    return "-".join(_TOKEN_RE.findall(key.replace("-", " "))) or "x"


@lru_cache(maxsize=200_000)
def person_parts(plain: str) -> tuple[str | None, str]:
    """A person's plain key cut into (first name, surname), or ``(None, surname)`` for a
    surname alone. The surname is the last word, or everything from a particle on ("marine le
    pen" → ("marine", "le pen"), "charles de gaulle" → ("charles", "de gaulle")); middle names
    and patronymics are dropped. A one-letter first word is an initial: ``("j", "biden")``."""
    toks = plain.split()
    if not toks:
        return None, ""
    if len(toks) == 1 or toks[0] in PARTICLES:
        return None, " ".join(toks)
    first = toks[0]
    rest = toks[1:]
    for i, t in enumerate(rest[:-1]):
        if t in PARTICLES:
            return first, " ".join(rest[i:])
    return first, rest[-1]


def skeleton(first: str) -> str:
    """A first name's first letter and its consonants (phonetic form): "dmitar", "dimitar" and
    "dmitri" → "dmtr"."""
    if not first:
        return ""
    return first[0] + re.sub(r"[aeiou-]", "", first[1:])


def _gender_pair(a: str, b: str) -> bool:
    """Masculine and feminine forms of one first name (phonetic): Jean/Jeanne, Denis/Denise,
    Paul/Paula, Mario/Maria."""
    if len(a) > len(b):
        a, b = b, a
    if b in (a + "e", a + "a"):
        return True
    return len(a) == len(b) and a[:-1] == b[:-1] and {a[-1], b[-1]} in ({"o", "a"}, {"e", "a"})


def first_names_compatible(a: str, b: str) -> bool:
    """Two phonetic first names that can be spellings of one name: equal, or the same
    :func:`skeleton` and not a masculine/feminine pair (Dmitar = Dimitar = Dmitri; Jean ≠
    Jeanne)."""
    if a == b:
        return True
    if "-" in a or "-" in b:
        return False
    return skeleton(a) == skeleton(b) and not _gender_pair(a, b)


#: usual short forms of first names (a name → the names it is short for)
_SHORT_FORM_ROWS = """
tony|antony anthony antonio
alex|alexandre alexander alexis alexandra
fred|frederic frederick
nico|nicolas
max|maxime maximilien maximilian
chris|christophe christian christopher
seb|sebastien
greg|gregory gregoire
joe|joseph
jo|joseph josephine joanna johanna
jim|james
bill|william
bob|robert
rob|robert
mike|michael
matt|matthew matthieu mathieu
nick|nicholas nicolas
dan|daniel
ben|benjamin
sam|samuel samantha
tom|thomas
steve|steven stephen
dave|david
pat|patrick patricia
liz|elizabeth
kate|katherine catherine
jeff|jeffrey
andy|andrew
manu|emmanuel
"""


def _short_forms() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for row in _SHORT_FORM_ROWS.strip().splitlines():
        short, longs = row.split("|")
        out[_phonetic_part(short)] = frozenset(_phonetic_part(x) for x in longs.split())
    return out


_SHORT_FORMS = _short_forms()


def is_short_form(short: str, long: str) -> bool:
    """``short`` is a usual short form of ``long`` (phonetic first names): Tony → Antony,
    Jim → James, Alex → Alexandre or Alexis (:data:`_SHORT_FORM_ROWS`)."""
    return long in _SHORT_FORMS.get(short, ())
