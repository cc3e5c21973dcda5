"""Comparison keys for story grouping: names that read the same across scripts, word stems.

A name is reduced to a *skeleton*: folded (case and accents), Cyrillic transliterated, a few
spellings merged ("tch"/"ч", "ts"/"ц", "y"/"i", "w"/"v", "x"/"ks"), then its first letter and
the next three consonants. The skeleton survives the ways outlets spell a foreign name and the
case endings of Russian: "Koslevski", "Koslevsky", "Кослевский" and "Кослевского" all give
``kslv``; "Valdorie", "Valdoria" and "Вальдории" give ``vldr``. It is coarse on purpose: two
unrelated names may share a skeleton, which the weighting by rarity and the other keys of an
article absorb.

Words are folded and cut to a six-letter stem ("bombardée", "bombardements" → ``bombar``);
function words of French, English and Russian are left out.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "STOP_WORDS",
    "fold",
    "is_stop",
    "name_key",
    "stem",
]

_COMBINING = re.compile(r"[\u0300-\u036f]")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def fold(text: str) -> str:
    """Lower case without accents ("Iarovaïa" → "iarovaia"; "й" folds to "и")."""
    out = _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return out.translate(_LIGATURES) if "œ" in out or "æ" in out else out


# Cyrillic letters (after folding) to Latin, spelt so that the merges below apply to both
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ж": "j",
    "з": "z",
    "и": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    "і": "i",
    "ї": "i",
    "є": "e",
}
_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)
# spellings merged before the skeleton is taken (order matters)
_MERGES = (
    ("sch", "sh"),
    ("tch", "ch"),
    ("zh", "j"),
    ("ts", "c"),
    ("tz", "c"),
    ("ck", "k"),
    ("ph", "f"),
    ("qu", "k"),
    ("gu", "g"),
    ("kh", "h"),
)
_SINGLE = str.maketrans({"c": "k", "q": "k", "w": "v", "y": "i", "j": "i", "x": "ks", "h": ""})
_NOT_LETTER = re.compile(r"[^a-z]")
_REPEAT = re.compile(r"(.)\1+")
_VOWELS = str.maketrans("", "", "aeiou")

#: consonants kept after the first letter
SKELETON_CONSONANTS = 3


@functools.lru_cache(maxsize=1 << 17)
def name_key(word: str) -> str:
    """The skeleton of one name token (empty when nothing is left)."""
    w = fold(word)
    if not w.isascii():
        w = w.translate(_CYRILLIC_TABLE)
    w = _NOT_LETTER.sub("", w)
    for a, b in _MERGES:
        if a in w:
            w = w.replace(a, b)
    w = _REPEAT.sub(r"\1", w.translate(_SINGLE))
    if not w:
        return ""
    return w[0] + w[1:].translate(_VOWELS)[:SKELETON_CONSONANTS]


#: stems are the first this many letters of a folded word
STEM_LETTERS = 6


def stem(folded_word: str) -> str:
    """A crude stem of a folded word: its first :data:`STEM_LETTERS` letters."""
    return folded_word[:STEM_LETTERS]


_STOP_TEXT = """
a au aux avec ce ces cet cette ceci cela ca dans de des du elle elles en et eux il ils je la le
les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui
sa se ses son sur ta te tes toi ton tu un une vos votre vous y est sont ete etre avoir avait
avaient ont aussi alors apres avant tres plus moins tout tous toute toutes autre autres bien
comme dont donc encore entre hier aujourd demain depuis deja fait faire ici ainsi car chez selon
sans sous lors leurs quand quel quelle quels quelles sera seront serait etait etaient peut
doit deux trois quatre cinq six sept huit neuf dix cent mille premier premiere dernier derniere
lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet
aout septembre octobre novembre decembre annee annees jour jours mois semaine heure heures ans
monsieur madame mme m mr mrs ms hui aujourd comment pourquoi combien quoi voici voila
the of and to in on for with at by from as is was were be been are has have had that this these
those it its they them their there here he she his her we our you your not but or if than then
so such which who whom what when where why how all any some no more most other into over after
before about also said says say will would can could may might one two three new last first
monday tuesday wednesday thursday friday saturday sunday january february march april june
july august september october november december year years day days week month
и в во не что он она они оно на я с со как а то все так его ее её их но да ты к у же вы за бы по
только мне было был была были вот от меня еще ещё нет о из ему теперь когда даже ну ли если уже
или ни быть него до вас нибудь опять уж вам ведь там потом себя ничего ей может тут где есть
надо ней для мы тебя чем была сам чтобы без будто чего раз тоже себе под будет ж тогда кто
это эту этот этого эта эти этой этом том том при после над больше через об также который которые
которая которых заявил заявила сказал сказала года году лет день дня понедельник вторник
среда среду четверг пятница пятницу суббота субботу воскресенье января февраля марта апреля
мая июня июля августа сентября октября ноября декабря
"""
#: folded function words (and day, month and time words) of French, English and Russian
STOP_WORDS = frozenset(fold(w) for w in _STOP_TEXT.split())


def is_stop(folded_word: str) -> bool:
    return folded_word in STOP_WORDS
