"""Article records written by hand: a text, its entities and quotes with real offsets."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import pytest

Record = dict[str, Any]
MakeRecord = Callable[..., Record]

_HONORIFIC_RE = re.compile(r"^(?:M|Mme|Mlle|Dr)\.?\s+")


def _make_record(
    article_id: str,
    text: str,
    entities: Sequence[tuple[str, str]] = (),
    quotes: Sequence[tuple[str | None, str | None]] = (),
    *,
    published: str | None = None,
    outlet: str | None = None,
    with_text: bool = True,
) -> Record:
    """``entities``: (surface, label) in text order; ``quotes``: (speaker, speaker mention
    surface or None) — each surface is looked up after the previous one."""
    ents: list[dict[str, Any]] = []
    pos = 0
    for surface, label in entities:
        s = text.index(surface, pos)
        e = s + len(surface)
        rec: dict[str, Any] = {"start": s, "end": e, "text": surface, "label": label}
        if label == "PER" and _HONORIFIC_RE.match(surface):
            rec["name"] = _HONORIFIC_RE.sub("", surface)
        ents.append(rec)
        pos = e
    qs: list[dict[str, Any]] = []
    pos = 0
    for speaker, mention in quotes:
        sm = None
        if mention is not None:
            s = text.index(mention, pos)
            sm = {"start": s, "end": s + len(mention), "text": mention}
            pos = s + len(mention)
        qs.append(
            {
                "start": 0,
                "end": 1,
                "text": text[:1],
                "type": "indirect",
                "speaker": speaker,
                "speaker_mention": sm,
            }
        )
    out: Record = {
        "article_id": article_id,
        "published": published,
        "outlet": outlet,
        "entities": ents,
        "quotes": qs,
    }
    if with_text:
        out["text"] = text
    return out


@pytest.fixture
def make_record() -> MakeRecord:
    return _make_record
