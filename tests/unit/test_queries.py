from __future__ import annotations

import csv
import io

from vigie.queries import to_csv_rows


def test_csv_neutralises_formulas_and_serialises_lists() -> None:
    rows = [{"a": '=HYPERLINK("http://x")', "b": ["x", 1], "c": None, "d": "-2"}]
    text = "".join(to_csv_rows(rows, ["a", "b", "c", "d"]))
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == ["a", "b", "c", "d"]
    assert parsed[1] == ['\'=HYPERLINK("http://x")', '["x", 1]', "", "'-2"]
