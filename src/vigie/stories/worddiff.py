"""Word-level difference between two versions of one quotation.

Words are compared folded (case, accents, apostrophe and quote-mark styles do not count) but
reported as written. An ellipsis ("…", "...", "[…]", "(...)") in a version marks a cut: words
of the other version missing at that point are a truncation, not an alteration.

Kinds, for a ``variant`` against a ``reference`` (the fullest version of a group):

* ``identical`` — the same words;
* ``truncated`` — words of the reference missing only at its start, its end, or at an
  ellipsis; nothing added or changed;
* ``extended`` — words beyond the reference's ends (the variant quotes more of the statement
  on one side), possibly cut on the other side; nothing changed inside;
* ``altered`` — words removed, added or changed inside the span both versions cover.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from vigie.stories.keys import fold

__all__ = ["CUT", "Edit", "WordDiff", "diff_words", "quote_words"]

#: the token an ellipsis becomes
CUT = "…"
_ELLIPSIS = r"\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\."
_TOKEN = re.compile(_ELLIPSIS + r"|[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def quote_words(text: str) -> tuple[list[str], list[str]]:
    """Words of a quotation as written and folded; ellipses become :data:`CUT`."""
    shown: list[str] = []
    folded: list[str] = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if not tok[0].isalnum():
            if not shown or shown[-1] != CUT:
                shown.append(CUT)
                folded.append(CUT)
            continue
        shown.append(tok)
        folded.append(fold(tok).replace("’", "'"))
    return shown, folded


@dataclass(frozen=True, slots=True)
class Edit:
    """One difference: ``removed`` words of the reference missing from the variant, ``added``
    words of the variant absent from the reference, ``changed`` both; ``where`` is ``start``,
    ``end`` (outside the span both cover) or ``inside``; ``cut`` when an ellipsis marks it."""

    op: str
    where: str
    reference: tuple[str, ...]
    variant: tuple[str, ...]
    cut: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "op": self.op,
            "where": self.where,
            "reference": " ".join(self.reference),
            "variant": " ".join(self.variant),
            "cut": self.cut,
        }


@dataclass(frozen=True, slots=True)
class WordDiff:
    kind: str
    edits: tuple[Edit, ...]
    #: share of the reference's words the variant carries unchanged
    coverage: float

    @property
    def removed(self) -> list[str]:
        return [w for e in self.edits if e.op in ("removed", "changed") for w in e.reference]

    @property
    def added(self) -> list[str]:
        return [w for e in self.edits if e.op in ("added", "changed") for w in e.variant]


def diff_words(reference: str, variant: str) -> WordDiff:
    """How ``variant`` differs from ``reference``, word by word."""
    ref_shown, ref_fold = quote_words(reference)
    var_shown, var_fold = quote_words(variant)
    matcher = difflib.SequenceMatcher(None, ref_fold, var_fold, autojunk=False)
    ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    equal = sum(i2 - i1 for tag, i1, i2, _, _ in matcher.get_opcodes() if tag == "equal")
    real_ref = sum(1 for w in ref_fold if w != CUT) or 1
    coverage = equal / real_ref
    edits: list[Edit] = []
    n_ref, n_var = len(ref_fold), len(var_fold)
    for _tag, i1, i2, j1, j2 in ops:
        ref_part = tuple(w for w in ref_shown[i1:i2] if w != CUT)
        var_part = tuple(w for w in var_shown[j1:j2] if w != CUT)
        cut = CUT in var_fold[j1:j2] or CUT in ref_fold[i1:i2]
        if not ref_part and not var_part:
            continue  # an ellipsis on one side only, nothing missing
        at_start = (i1 == 0 and j1 == 0) or (i1 == 0 and not ref_part) or (j1 == 0 and not var_part)
        at_end = (
            (i2 == n_ref and j2 == n_var)
            or (i2 == n_ref and not ref_part)
            or (j2 == n_var and not var_part)
        )
        where = "start" if at_start else "end" if at_end else "inside"
        op = "changed" if ref_part and var_part else "removed" if ref_part else "added"
        edits.append(Edit(op, where, ref_part, var_part, cut and not var_part))
    return WordDiff(_kind(edits), tuple(edits), round(coverage, 3))


def _kind(edits: list[Edit]) -> str:
    if not edits:
        return "identical"
    inside = [e for e in edits if e.where == "inside" and not e.cut]
    if inside or any(e.op == "changed" for e in edits):
        return "altered"
    if any(e.op == "added" for e in edits):
        return "extended"
    return "truncated"
