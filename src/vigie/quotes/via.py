"""Cited sources: outlets and agencies a statement was relayed through.

A citation is an outlet named as a source: "selon Tass", "a rapporté Interfax", "cité par RIA
Novosti", "a-t-il expliqué à Sputnik", "dans une interview à la chaîne de télévision RT",
"sur Telegram", "au micro de France Inter". An outlet is recognised from a gazetteer, from an
outlet noun before a name ("l'agence …", "le quotidien …"), or — after the strongest patterns
("dans une interview à …", "au micro de …") — from any capitalised name.

A quote's ``via`` is the citation stated in the sentence of its attribution, unless that outlet
is the speaker itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vigie.quotes.gazetteer import PLACES, fold, outlet_name

if TYPE_CHECKING:
    from vigie.quotes.context import Context
    from vigie.quotes.cues import Cue

__all__ = ["Citation", "find_citations", "via_for"]

_NP = r"(?P<o>[^\s,.;:!?()«»“”\"]+(?:[ \u00a0'’-][^\s,.;:!?()«»“”\"]+){0,6})"
_INTERVIEW = (
    r"(?:dans|lors d['’]|au cours d['’]|pendant)\s+(?:une|un|l['’]|son|sa|cette|cet|leur)\s*"
    r"(?:\w+\s+)?(?:interview|entretien|entrevue|émission|intervention|tribune|chronique|"
    r"éditorial|podcast|message vidéo|vidéo|conférence de presse)s?"
    r"(?:\s+(?:exclusive?|télévisée?|radiophonique|publiée?|accordée?|diffusée?|donnée?|"
    r"parue?|mise? en ligne))*\s+(?:à|au|aux|sur|dans|pour|de|du|d['’])\s*"
)
_STRONG = [
    _INTERVIEW,
    r"\bau micro d(?:e|u|es|['’])\s*",
    r"\bsur l['’]antenne d(?:e|u|es|['’])\s*",
    r"\bsur le plateau d(?:e|u|es|['’])\s*",
    r"\bdans les colonnes d(?:e|u|es|['’])\s*",
    r"\binterviewée?s?\s+par\s+",
    r"\binterrogée?s?\s+(?:\w+\s+){0,3}?(?:par|au micro d[eu'’])\s*",
]
_WEAK = [
    r"\binterrogée?s?\s+(?:\w+\s+){0,3}?(?:sur|à|dans)\s+",
    r"\b(?=(?:la|le|l['’])\s*(?:chaîne|agence|radio|quotidien|journal|hebdomadaire|"
    r"magazine|site|télévision)\b)",
    r"\bselon\s+",
    r"\bd['’]après\s+",
    r"\bcitée?s?\s+par\s+",
    r"\brelayée?s?\s+par\s+",
    r"\brapportée?s?\s+par\s+",
    r"\b(?:a|ont|avait)\s+rapporté\s+",
    r"\brapport(?:e|ent|ait|aient)\s+",
    r"\b(?:a|ont)\s+(?:indiqué|annoncé|précisé|affirmé|écrit)\s+",
    r"\bsur\s+(?:son|sa|ses|leur|leurs)\s+(?:compte|page|chaîne|fil|profil|réseau)s?\s+"
    r"(?:officiel(?:le)?s?\s+)?(?:sur\s+)?",
    r"\b(?:publiée?|postée?|diffusée?|mise? en ligne)\s+sur\s+",
    r"\bsur\s+(?:les\s+ondes\s+d[eu'’]\s*)?",
    r"\bdans\s+(?=(?:le|la|les|l['’])\s*\w)",
    r"\bpour\s+(?=(?:le|la|les|l['’])?\s*[A-Z])",
]
_STRONG_RE = re.compile("(?:" + "|".join(_STRONG) + ")" + _NP, re.IGNORECASE)
_WEAK_RE = re.compile("(?:" + "|".join(_WEAK) + ")" + _NP, re.IGNORECASE)
_AFTER_CUE_RE = re.compile(
    r"^[\s,]*(?:\w+\s+){0,2}?(?:à|au|aux|auprès d(?:e|u|es|['’]))\s*" + _NP, re.IGNORECASE
)


@dataclass(slots=True)
class Citation:
    start: int  # clean offsets of the outlet mention
    end: int
    outlet: str
    cue: str  # the words that make it a source ("selon", "interview à", "à")

    def key(self) -> tuple[int, int]:
        return self.start, self.end


def _capitalised(cand: str) -> bool:
    """ "Le Point", "RT", "l'agence Tass": not "sur le point de", "dans 20 minutes"."""
    words = cand.split()
    return bool(words) and (
        words[-1][:1].isupper() or (words[-1][:1].isdigit() and len(words) == 1)
    )


def _outlet_in(
    text: str, s: int, e: int, strong: bool, people: frozenset[int] = frozenset()
) -> tuple[int, int, str] | None:
    """The longest prefix of ``text[s:e]`` that names an outlet (any capitalised name after
    an outlet noun, or after a pattern that says it is one when ``strong``); it stops before
    a person's name (``people``: start offsets of person entities)."""
    words = list(re.finditer(r"[^\s\u00a0]+", text[s:e]))
    for k in range(1, len(words)):
        if s + words[k].start() in people and words[k - 1].group()[:1].isupper():
            words = words[:k]  # "au Courrier Bertrand Lescot": the outlet ends before the name
            break
    for n in range(len(words), 0, -1):
        ws, we = s + words[0].start(), s + words[n - 1].end()
        cand = text[ws:we]
        name = outlet_name(cand, named_as_outlet=strong)
        if name and _capitalised(cand) and fold(name) not in PLACES:
            return ws, we, name
    return None


def _unknown_outlet_after_cue(ctx: Context, s: int, e: int) -> tuple[int, int, str] | None:
    """ "a-t-elle expliqué à Orbita": one capitalised word after "à" right after a speech verb
    is taken for an outlet unless it is a known place or a person's name."""
    text = ctx.text
    m = re.match(r"(?:l['’])?([A-ZÀ-Þ][\w-]+)(?=[\s,.;:!?]|$)", text[s:e])
    if m is None:
        return None
    word = m.group(1)
    ws = s + m.start(1)
    we = ws + len(word)
    nxt = text[we : we + 2]
    with_article = bool(re.match(r"(?:l['’])", text[s:e])) or fold(
        text[max(0, s - 3) : s]
    ).endswith(("au ", "aux "))
    if fold(word) in PLACES or (nxt[:1] == " " and nxt[1:2].isupper() and not with_article):
        return None  # "à Paris", "à Jean Dupont" (but "au Veilleur Bertrand Lescaut")
    if with_article:
        return ws, we, word  # persons take no article: "au Veilleur", "à l'Estafette"
    for es, ee, label in ctx.entities:
        if es <= ws < ee and label == "PER" and ee - es > len(word):
            return None
    return ws, we, word


def find_citations(ctx: Context, cues: list[Cue]) -> list[Citation]:
    """Every outlet named as a source in the clean text."""
    text = ctx.text
    people = frozenset(s for s, _, label in ctx.entities if label == "PER")
    found: dict[tuple[int, int], Citation] = {}
    for rx, strong in ((_STRONG_RE, True), (_WEAK_RE, False)):
        for m in rx.finditer(text):
            hit = _outlet_in(text, m.start("o"), m.end("o"), strong, people)
            if hit is None:
                continue
            s, e, name = hit
            if (s, e) not in found:
                cue = re.sub(r"\s+", " ", text[m.start() : m.start("o")]).strip()
                found[(s, e)] = Citation(s, e, name, cue)
    for c in cues:
        if c.kind not in ("verb", "participle"):
            continue
        end = c.end
        if (
            c.subject is not None
            and c.inverted
            and c.subject.start >= c.end
            and not text[c.end : c.subject.start].strip(" \u00a0-")
        ):
            end = c.subject.end  # "a déclaré le ministre à l'AFP": look after the subject
        window = text[end : min(len(text), end + 80)]
        after = _AFTER_CUE_RE.match(window)
        if after is None:
            continue
        hit = _outlet_in(text, end + after.start("o"), end + after.end("o"), False, people)
        if hit is None:
            hit = _unknown_outlet_after_cue(ctx, end + after.start("o"), end + after.end("o"))
        if hit is None:
            continue
        s, e, name = hit
        if (s, e) not in found:
            cue_words = re.sub(
                r"\s+", " ", text[end + after.start() : end + after.start("o")]
            ).strip(" ,")
            found[(s, e)] = Citation(s, e, name, cue_words)
    return sorted(found.values(), key=lambda c: c.start)


def via_for(
    ctx: Context,
    citations: list[Citation],
    at: int | None,
    speaker: str | None,
    exclude: tuple[int, int] | None = None,
) -> Citation | None:
    """The citation in the sentence of the attribution at ``at`` (None if none, or if the
    outlet is the speaker)."""
    if at is None:
        return None
    ss, se = ctx.sentence(at)
    cands = [c for c in citations if ss <= c.start < se]
    if exclude is not None:
        cands = [c for c in cands if not (exclude[0] <= c.start < exclude[1])]
    cands = [
        c
        for c in cands
        if ctx.outer_quote_at(c.start) is None
        or ctx.outer_quote_at(at) is ctx.outer_quote_at(c.start)
    ]
    if not cands:
        return None
    best = min(cands, key=lambda c: abs(c.start - at))
    if speaker and fold(speaker) == fold(best.outlet):
        return None
    return best
