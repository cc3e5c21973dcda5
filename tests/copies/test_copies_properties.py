"""Property: evidence offsets always fall inside both original texts, and the text matches."""

from __future__ import annotations

from copies_texts import CHAIN_A, FR_ORIGINAL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigie.article import Removal
from vigie.copies import CopyDoc, classify
from vigie.copies.tokens import fold, tokenize

WORDS = FR_ORIGINAL.split() + CHAIN_A.split()
FURNITURE = ["Partager sur Facebook\n", "Votre inscription a été enregistrée.\n", "Publicité\n"]


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, list[Removal]]:
    """FR_ORIGINAL with random word edits and furniture lines recorded as removals."""
    words = FR_ORIGINAL.split(" ")
    n_edits = draw(st.integers(0, 25))
    for _ in range(n_edits):
        op = draw(st.sampled_from(["replace", "delete", "insert"]))
        i = draw(st.integers(0, len(words) - 1))
        if op == "replace":
            words[i] = draw(st.sampled_from(WORDS))
        elif op == "delete" and len(words) > 20:
            del words[i]
        else:
            words.insert(i, draw(st.sampled_from(WORDS)))
    body = " ".join(words)
    # furniture inserted at line starts, each recorded as a removal
    lines = body.split("\n")
    out: list[str] = []
    removed: list[Removal] = []
    pos = 0
    for line in lines:
        if draw(st.booleans()) and draw(st.booleans()):
            f = draw(st.sampled_from(FURNITURE))
            removed.append(Removal(pos, pos + len(f), f, "rule"))
            out.append(f)
            pos += len(f)
        out.append(line + "\n")
        pos += len(line) + 1
    return "".join(out), removed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited(), edited(), st.booleans())
def test_evidence_offsets_are_inside_and_match(
    left: tuple[str, list[Removal]], right: tuple[str, list[Removal]], swap: bool
) -> None:
    (ta, ra), (tb, rb) = (right, left) if swap else (left, right)
    a = CopyDoc.from_text("a", ta, removed=ra, language="fr", published="2026-01-13T08:00Z")
    b = CopyDoc.from_text("b", tb, removed=rb, language="fr", published="2026-01-13T09:00Z")
    rel = classify(a, b)
    if rel is None:  # two heavily edited versions may share too little: nothing to check
        return
    assert rel.kind in ("exact", "near", "partial")
    furniture_a = [(r.start, r.end) for r in ra]
    furniture_b = [(r.start, r.end) for r in rb]
    for p in rel.passages:
        assert 0 <= p.a_start < p.a_end <= len(ta)
        assert 0 <= p.b_start < p.b_end <= len(tb)
        assert ta[p.a_start : p.a_end] == p.a_text
        assert tb[p.b_start : p.b_end] == p.b_text
        # never quotes furniture
        assert all(p.a_end <= s or p.a_start >= e for s, e in furniture_a)
        assert all(p.b_end <= s or p.b_start >= e for s, e in furniture_b)
        # a passage starts and ends on the same words on both sides
        wa, wb = tokenize(p.a_text).words, tokenize(p.b_text).words
        assert wa[:3] == wb[:3] and wa[-1] == wb[-1]
        assert fold(p.a_text[:1]) == fold(p.b_text[:1])
    for e in rel.added + rel.removed + rel.changed:
        assert 0 <= e.a_start <= e.a_end <= len(ta) and 0 <= e.b_start <= e.b_end <= len(tb)
        assert ta[e.a_start : e.a_end] == e.a_text and tb[e.b_start : e.b_end] == e.b_text
