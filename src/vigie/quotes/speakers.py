"""Resolve speaker mentions to canonical speakers.

The article's people are collected first (a registry): every person entity, grouped by
surname ("Sergueï Lavrov", "M. Lavrov", "Lavrov" are one person, named by the fullest form),
with the titles the text gives them ("le ministre russe des Affaires étrangères Sergueï
Lavrov", "Antony Blinken, secrétaire d'État américain"). Mentions are then resolved in text
order:

- a name → the registry person with that surname;
- a title ("le ministre russe", "le chef de la diplomatie russe", "le président des
  États-Unis") → the most recently mentioned person whose title fits (same role, modifiers
  contained, demonyms and countries made equal: "américain" = "des États-Unis"); a vague role
  ("le diplomate", "le représentant du Kremlin") → the last speaker; otherwise
  ``anonymous:<description>``;
- a pronoun ("il", "a-t-elle", "son" in "à son avis", "qui", "ce dernier") → the most recent
  speaker or subject of matching gender;
- a place standing for a government ("Moscou", "Washington", "la partie américaine") →
  "gouvernement russe", "gouvernement des États-Unis"; an institution ("le Kremlin") → its
  name; "ces déclarations" → the speaker of the last speech act.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vigie.quotes.gazetteer import (
    country_government,
    demonym_country,
    fold,
    institution_name,
    outlet_name,
    strip_article,
)
from vigie.quotes.lexicon import FEMININE_HONORIFICS, HONORIFICS, ROLE_NOUNS, SPEECH_NOUNS
from vigie.quotes.mentions import Mention, chunk_np

if TYPE_CHECKING:
    from vigie.quotes.context import Context

__all__ = ["Person", "Registry", "Resolver"]

_STOP = frozenset(
    {"de", "du", "des", "d'", "la", "le", "les", "l'", "et", ",", "en", "a", "au", "aux", "pour"}
)
_CALENDAR = frozenset(
    fold(w)
    for w in [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "hier",
        "soir",
        "matin",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
)
_ABBREVIATIONS = {"ae": ("affaires", "etrangeres"), "ue": ("union", "europeenne")}
#: role paraphrases → (role, implied modifiers)
_ROLE_PHRASES = (
    (re.compile(r"\bchef(?:fe)? de la diplomatie\b"), "ministre", ("affaires", "etrangeres")),
    (re.compile(r"\bchef(?:fe)? de l'etat\b"), "president", ()),
    (re.compile(r"\blocataire de l'elysee\b"), "president", ("france",)),
    (re.compile(r"\blocataire de la maison[ -]blanche\b"), "president", ("etats-unis",)),
    (re.compile(r"\bpremier ministre\b|\bpremiere ministre\b"), "premier ministre", ()),
    (re.compile(r"\bchef(?:fe)? du gouvernement\b"), "premier ministre", ()),
)
#: roles vague enough to refer back to the last speaker when no titled person fits
_VAGUE_ROLES = frozenset(
    fold(w)
    for w in [
        "diplomate",
        "responsable",
        "dirigeant",
        "dirigeante",
        "représentant",
        "représentante",
        "chef",
        "cheffe",
        "patron",
        "patronne",
        "élu",
        "élue",
        "interlocuteur",
        "interlocutrice",
        "homme",
        "femme",
        "officiel",
        "officielle",
        "haut-représentant",
        "intéressé",
        "intéressée",
    ]
)
_INSTITUTION_HEADS = frozenset(
    fold(w)
    for w in [
        "ministère",
        "gouvernement",
        "parlement",
        "assemblée",
        "sénat",
        "commission",
        "conseil",
        "parquet",
        "police",
        "gendarmerie",
        "armée",
        "état-major",
        "tribunal",
        "cour",
        "mairie",
        "préfecture",
        "agence",
        "organisation",
        "parti",
        "syndicat",
        "entreprise",
        "groupe",
        "société",
        "association",
        "fédération",
        "union",
        "banque",
        "ambassade",
        "présidence",
        "chancellerie",
        "administration",
        "direction",
        "service",
        "services",
        "diplomatie",
        "département",
        "office",
        "autorité",
        "institut",
        "fondation",
        "comité",
    ]
)
_INSTITUTION_HEADS = _INSTITUTION_HEADS | frozenset(
    fold(w)
    for w in (
        "club ligue ville commune municipalité région musée théâtre festival université école "
        "hôpital clinique usine compagnie groupe laboratoire académie orchestre opéra station "
        "chaîne journal quotidien rédaction assureur banque constructeur opérateur distributeur "
        "enseigne marque firme start-up cabinet collectivité agglomération métropole"
    ).split()
)
