"""A compact, language-neutral summary of an article, for finding translations.

MinHash compares words, so it cannot see that an English article is a French one translated.
What survives translation is numbers, dates, names and shape: this module extracts them as
keys that read the same in French, English, Russian and German ("Moscou", "Moscow" and
"Москва" share the key ``mosk``; "12 janvier", "January 12" and "12 января" share ``12/1``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from vigie.copies.tokens import fold

__all__ = ["Summary", "entity_key", "number_keys", "summarize"]

_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ][^\W\d_]{2,}")

_MONTHS: dict[str, int] = {}
for _names in (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "january february march april may june july august september october november december",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "januar februar märz april mai juni juli august september oktober november dezember",
):
    for _i, _m in enumerate(_names.split(), start=1):
        _MONTHS[fold(_m)] = _i
_MONTHS.update(
    {
        "jan": 1,
        "feb": 2,
        "fev": 2,
        "apr": 4,
        "avr": 4,
        "aug": 8,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
        "janv": 1,
        "fevr": 2,
        "juil": 7,
    }
)

_CYR = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)
_PHON = [
    ("sch", "sh"),
    ("tch", "ch"),
    ("ck", "k"),
    ("ph", "f"),
    ("qu", "k"),
    ("c", "k"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("x", "ks"),
    ("h", ""),
]
_DOUBLE = re.compile(r"(.)\1+")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_NOT_LETTER = re.compile(r"[^a-z]")

#: capitalised words that start sentences or are common function words, not names
_CAPITAL_STOP_WORDS = (
    "les des une dans pour avec mais sur selon ces cette elle ils elles nous vous leur "
    "the this that these those and but with for from they there their when while after "
    "monsieur madame président ministre premier etat etats m mme mr mrs это этот как для "
    "при его она они так что после "
)
_CAPITAL_STOP = frozenset(fold(w) for w in _CAPITAL_STOP_WORDS.split())


_CYR_TABLE = str.maketrans(_CYR)
_MULTI = [("sch", "sh"), ("tch", "ch"), ("ck", "k"), ("ph", "f"), ("qu", "k")]
_SINGLE = str.maketrans({"c": "k", "q": "k", "w": "v", "y": "i", "j": "i", "x": "ks", "h": ""})
_NO_VOWELS = str.maketrans("", "", "aeiou")


def entity_key(word: str, *, folded: bool = False) -> str:
    """A spelling- and script-tolerant key for a name: its first letter and the next two
    consonants, after transliteration and a few phonetic merges ("Moscou", "Moscow" and
    "Москва" → ``msk``; "Lavrov" and "Лавров" → ``lvr``)."""
    w = word if folded else fold(word)
    if not w.isascii():
        w = _NOT_LETTER.sub("", w.translate(_CYR_TABLE))
    elif not w.isalpha():
        w = _NOT_LETTER.sub("", w)
    for a, b in _MULTI:
        if a in w:
            w = w.replace(a, b)
    w = _DOUBLE.sub(r"\1", w.translate(_SINGLE))
    if not w:
        return ""
    return w[0] + w[1:].translate(_NO_VOWELS)[:2]


def _number_key(s: str) -> str | None:
    parts = s.replace(",", ".").split(".")
    if len(parts) > 1 and 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
        parts = ["".join(parts)]  # 1,200 / 1.200.000: thousands
    integer = parts[0].lstrip("0") or "0"
    if len(parts) == 1:
        return None if int(integer) < 10 else integer
    decimals = "".join(parts[1:]).rstrip("0")
    return f"{integer}.{decimals}" if decimals else integer


def number_keys(text: str, words: list[str] | None = None) -> list[str]:
    """Numbers of ``text`` written one way ("1 200" = "1,200" → "1200"; "3,5" → "3.5").

    Numbers below 10 are left out (they are often written as words in another language).
    ``words``: the text's folded words, when already computed (numbers are read from them).
    """
    if words is None:
        from vigie.copies.tokens import content_words

        words = content_words(text)
    out: set[str] = set()
    n = len(words)
    after = -1  # words up to this index were read as part of a grouped number
    for i in [i for i, w in enumerate(words) if w[0].isdigit()]:
        if i <= after:
            continue
        w = words[i]
        # "1 200 000": a 1–3 digit group followed by 3-digit groups
        if w.isdigit() and len(w) <= 3:
            j = i + 1
            while j < n and len(words[j]) == 3 and words[j].isdigit():
                j += 1
            if j > i + 1:
                w = "".join(words[i:j])
                after = j - 1
        if w.replace(",", "").replace(".", "").isdigit():
            key = _number_key(w)
            if key is not None:
                out.add(key)
    return sorted(out)


def _dates(words: list[str]) -> list[str]:
    """Day-month dates from folded words ("12 janvier", "January 12", "1er mai")."""
    if _MONTHS.keys().isdisjoint(words):
        return []
    out: set[str] = set()
    n = len(words)
    for i, w in enumerate(words):
        month = _MONTHS.get(w)
        if not month:
            continue
        for j in (i - 1, i - 2, i + 1):
            if (
                0 <= j < n
                and words[j].isdigit()
                and len(words[j]) <= 2
                and 1 <= int(words[j]) <= 31
            ):
                if j == i - 2 and words[i - 1] not in ("er", "st", "nd", "rd", "th", "go"):
                    continue
                out.add(f"{int(words[j])}/{month}")
                break
    return sorted(out)


def _entities(text: str, words: list[str], keys: dict[str, str] | None = None) -> list[str]:
    """Keys of words the text always capitalises (names, acronyms; not sentence starts).
    ``keys``: entity keys already computed, by folded word (read and filled)."""
    found = _CAPITALISED.findall(text)
    if not found:
        return []
    caps = Counter(fold(" ".join(found)).split())
    counts = Counter(words)
    known = {} if keys is None else keys
    out: set[str] = set()
    for folded, n in caps.items():
        if counts.get(folded, 0) > n or folded in _CAPITAL_STOP or folded in _MONTHS:
            continue
        key = known.get(folded)
        if key is None:
            key = known[folded] = entity_key(folded, folded=True)
        if len(key) >= 3:
            out.add(key)
    return sorted(out)


@dataclass(frozen=True, slots=True)
class Summary:
    """What survives translation: numbers, dates, name keys, and the text's shape."""

    numbers: tuple[str, ...]
    dates: tuple[str, ...]
    entities: tuple[str, ...]
    chars: int
    paragraphs: int

    def index_keys(self) -> list[str]:
        """Cross-language index keys (numbers ``n:``, dates ``d:``, names ``e:``)."""
        return (
            [f"n:{n}" for n in self.numbers if len(n) >= 2]
            + [f"d:{d}" for d in self.dates]
            + [f"e:{e}" for e in self.entities]
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "numbers": list(self.numbers),
            "dates": list(self.dates),
            "entities": list(self.entities),
            "chars": self.chars,
            "paragraphs": self.paragraphs,
        }

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> Summary:
        def strs(v: object) -> tuple[str, ...]:
            return tuple(map(str, v)) if isinstance(v, list) else ()

        chars = d.get("chars", 0)
        paragraphs = d.get("paragraphs", 0)
        return cls(
            strs(d.get("numbers")),
            strs(d.get("dates")),
            strs(d.get("entities")),
            int(chars) if isinstance(chars, int) else 0,
            int(paragraphs) if isinstance(paragraphs, int) else 0,
        )


def summarize(
    text: str, words: list[str] | None = None, *, entity_keys: dict[str, str] | None = None
) -> Summary:
    """The summary of a clean text (``words``: its folded words, when already computed;
    ``entity_keys``: a dict of name keys by folded word shared by the texts of a batch)."""
    if words is None:
        from vigie.copies.tokens import content_words

        words = content_words(text)
    if "\n" in text:
        paragraphs = sum(1 for p in _PARAGRAPH.split(text) if p.strip())
    else:
        paragraphs = 1 if text.strip() else 0
    return Summary(
        numbers=tuple(number_keys(text, words)),
        dates=tuple(_dates(words)),
        entities=tuple(_entities(text, words, entity_keys)),
        chars=len(text),
        paragraphs=paragraphs,
    )
