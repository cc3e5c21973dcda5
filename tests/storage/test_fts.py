from __future__ import annotations

import pytest

from vigie.errors import QueryError
from vigie.storage.fts import to_fts5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sécurité indivisible", '"sécurité" "indivisible"'),
        ("États-Unis", '"États Unis"'),
        ("l'Otan", '"l Otan"'),
        ('"sécurité indivisible" OR otan', '"sécurité indivisible" OR "otan"'),
        ("otan*", '"otan"*'),
        ("(russie OR ukraine) NOT otan", '( "russie" OR "ukraine" ) NOT "otan"'),
    ],
)
def test_translation(query: str, expected: str) -> None:
    assert to_fts5(query) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ('"sécurité indivisible', "unbalanced double quote"),
        ("(otan", "never closed"),
        ("otan)", "without '\\('"),
        ("OR otan", "needs a word"),
        ("otan OR", "ends with an operator"),
        ("NOT otan", "NOT needs a word before"),
    ],
)
def test_malformed_queries_get_clear_messages(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        to_fts5(query)
