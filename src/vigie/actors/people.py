"""Deciding which units are one actor: kinds by vote, people by surname and first name, ids.

All of it works bucket by bucket (a bucket is the people sharing a phonetic surname), so the
cost grows with the number of units, plus the square of the number of distinct first names in
one surname's bucket (tens, a few hundred for the commonest surnames) — never with the square
of the number of names in the corpus.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from vigie.actors.keys import first_names_compatible, is_short_form
from vigie.actors.mentions import ANON, SPEAKER_ORG, SPEAKER_PERSON

__all__ = ["choose_id", "cluster_first_names", "kind_vote", "label_votes"]


def label_votes(labels: Mapping[str, int]) -> dict[str, int]:
    """Votes per kind from a unit's labels (entity labels and speaker uses)."""
    return {
        "person": labels.get("PER", 0) + labels.get(SPEAKER_PERSON, 0),
        "organisation": labels.get("ORG", 0) + labels.get(SPEAKER_ORG, 0),
        "place": labels.get("LOC", 0),
        "anonymous": labels.get(ANON, 0),
    }


def kind_vote(labels: Mapping[str, int]) -> str | None:
    """The kind a unit's labels vote for: person when person votes are at least the others
    together, else organisation or place (more votes; organisation on a tie); None when the
    name was only ever a MISC entity (not an actor)."""
    v = label_votes(labels)
    per, org, loc = v["person"], v["organisation"], v["place"]
    if per == org == loc == 0:
        return None
    if per >= org + loc:
        return "person"
    return "organisation" if org >= loc else "place"


def cluster_first_names(firsts: Iterable[str]) -> list[list[str]]:
    """Phonetic first names of one surname, grouped into people: names that are spellings of
    one another (:func:`~vigie.actors.keys.first_names_compatible`, every pair) are one; then
    a group of short forms of the names of exactly one other group joins it (Tony → Antony;
    Alex stays apart when there are an Alexandre and an Alexis). Deterministic."""
    keys = sorted(set(firsts), key=lambda f: (-len(f), f))
    clusters: list[list[str]] = []
    for f in keys:
        for c in clusters:
            if all(first_names_compatible(f, g) for g in c):
                c.append(f)
                break
        else:
            clusters.append([f])
    if len(clusters) < 2:
        return clusters
    order = sorted(range(len(clusters)), key=lambda i: (max(len(f) for f in clusters[i]), i))
    gone: set[int] = set()
    for i in order:
        c = clusters[i]
        targets = [
            j
            for j in range(len(clusters))
            if j != i
            and j not in gone
            and all(
                any(is_short_form(f, g) or first_names_compatible(f, g) for g in clusters[j])
                for f in c
            )
        ]
        if len(targets) == 1:
            clusters[targets[0]].extend(c)
            gone.add(i)
    return [sorted(c) for k, c in enumerate(clusters) if k not in gone]


def choose_id(weights: Mapping[str, int], issued: Collection[str]) -> str:
    """The id for a group from its candidate ids and their weights (mentions + quotes): an id
    already issued keeps (stable ids across updates), else the heaviest, then the longest,
    then the first in alphabetical order."""
    sticky = [i for i in weights if i in issued]
    pool = sticky or list(weights)
    return min(pool, key=lambda i: (-weights[i], -len(i), i))
