"""Property: whatever the text, cleaning only cuts spans out of the original, and every
character of the clean text maps back to the same character of the original."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.article import Article, apply_removals
from vigie.stages.clean import find_furniture

FURNITURE = [
    "Laisser un commentaire",
    "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
    "Votre inscription a été enregistrée avec succès!",
    "S'abonner",
    "Tagged",
    "loader",
    "Fil d’actu",
    "0",
    "Chat",
    "Заголовок открываемого материала",
    "237online.com",
    " - Sputnik France, 1920, 12.01.2022",
    "Vice-ministre russe Sergueï Riabkov - Sputnik France, 1920, 09.01.2022",
    "© Sputnik . Ilya Pitalev\u00a0/\u00a0Aller dans la banque de photosVice-ministre russe",
    "© Reuters",
    "International",
    "12 janvier 2022",
    "Publié le 12/01/2022 à 10h30",
    "Lire aussi : Lavrov menace l'Otan",
    "Nous utilisons des cookies pour améliorer votre expérience.",
    "Tous droits réservés",
    "Поделиться",
    "Share this:",
    "Facebook Twitter WhatsApp",
    "\ufeffCulture",
    "   ",
    "L'Otan",
]
CONTENT = [
    "Moscou déplore que les États-Unis continuent d’insister sur des concessions unilatérales.",
    "« Nous défendrons une approche complexe », a-t-il ajouté devant la presse.",
    "Le diplomate juge décevants les signaux venant de Washington et de Bruxelles.",
    "Abonnez-vous à notre chaîne, a lancé le youtubeur avant de couper le direct.",
    "Мы не пойдём ни на какие уступки под давлением, заявил замминистра.",
    "The talks in Geneva ended without any agreement, officials said on Monday.",
]
LEARNED = ["TF1 INFO", "(Économie).", "Fil d’actu", "Radio Exemple, la radio qui informe"]

line = st.one_of(
    st.sampled_from(FURNITURE),
    st.sampled_from(CONTENT),
    st.sampled_from(LEARNED),
    st.text(max_size=60),  # any unicode, line breaks included
    st.builds(
        lambda a, b: f"{a} {b}",
        st.sampled_from(CONTENT),
        st.sampled_from(["TF1 INFO", "(Économie).  TF1 INFO", "Bienvenue à tous."]),
    ),
)
separator = st.sampled_from(["\n", "\n\n", " \n", "\n\n\n", "\n \n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line, max_size=14))
    seps = draw(st.lists(separator, min_size=len(lines), max_size=len(lines)))
    text = "".join(a + b for a, b in zip(lines, seps, strict=True))
    return text if draw(st.booleans()) else text.rstrip("\n")


@settings(max_examples=300, deadline=None)
@given(
    text=texts(),
    rules=st.booleans(),
    learned=st.sets(st.sampled_from([*LEARNED, "Bienvenue à tous."])),
    title=st.one_of(st.none(), st.sampled_from(FURNITURE + CONTENT)),
)
def test_clean_text_maps_back_to_the_original(
    text: str, rules: bool, learned: set[str], title: str | None
) -> None:
    removed = find_furniture(text, rules=rules, learned=learned, outlet="TF1", title=title)
    article = Article(doc="p", text=text)
    article.set_removed(removed)  # validates: inside the text, in order, text matches
    clean = article.clean_text

    # sorted, non-overlapping, each removal is exactly the original text it names
    for r in removed:
        assert 0 <= r.start < r.end <= len(text)
        assert r.text == text[r.start : r.end]
    for a, b in pairwise(removed):
        assert a.end <= b.start
    assert [r.start for r in removed] == sorted(r.start for r in removed)

    # the clean text is the original minus the removals, whatever order they are applied in
    assert len(clean) == len(text) - sum(r.end - r.start for r in removed)
    assert apply_removals(text, list(reversed(removed))) == clean
    kept = [True] * len(text)
    for r in removed:
        kept[r.start : r.end] = [False] * (r.end - r.start)
    assert "".join(c for c, k in zip(text, kept, strict=True) if k) == clean

    # every clean character is the original character at its mapped offset, and back
    omap = article.offset_map()
    for i, ch in enumerate(clean):
        o = omap.to_original(i)
        assert text[o] == ch
        assert omap.to_clean(o) == i
    for p, k in enumerate(kept):
        assert (omap.to_clean(p) is None) == (not k)

    # content sentences never go, and a line equal to the title stays whole
    clean_lines = {s.strip() for s in clean.split("\n")}
    for sentence in CONTENT:
        if any(s.strip() == sentence for s in text.split("\n")):
            assert sentence in clean_lines
    if title and title.strip() and any(s.strip() == title.strip() for s in text.split("\n")):
        assert title.strip() in clean_lines
