"""The pure parts of the pages: nesting overlapping spans, the volume chart's geometry, and
timelines (an actor's quotations per day, ISO week, month or year)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.web.chart import (
    MAX_BUCKETS,
    bar_chart,
    fill_periods,
    period_bounds,
    period_of,
    timeline,
    timeline_unit,
)
from vigie.web.highlight import Mark, Node, build_tree, flat_segments, tokens


def _check(text: str, marks: list[Mark]) -> None:
    root = build_tree(len(text), marks)
    toks = tokens(text, root)
    assert "".join(t.text for t in toks if t.kind == "text") == text
    segments = flat_segments(text, root)
    assert "".join(s["text"] for s in segments) == text
    # every character is covered by exactly the marks whose span holds it
    for s in segments:
        for i in range(s["start"], s["end"]):
            want = {m.id for m in marks if max(0, m.start) <= i < min(len(text), m.end)}
            assert set(s["marks"]) == want
    # the tags nest, and each mark has exactly one first piece (the leftmost)
    stack: list[object] = []
    firsts: dict[str, list[int]] = {}
    for t in toks:
        if t.kind == "open":
            assert t.node is not None and t.node.mark is not None
            stack.append(t.node)
            firsts.setdefault(t.node.mark.id, []).append(t.node.start if t.node.first else -1)
        elif t.kind == "close":
            assert stack.pop() is t.node
    assert not stack
    for m in marks:
        if max(0, m.start) < min(len(text), m.end):
            pieces = firsts[m.id]
            assert pieces[0] == max(0, m.start) and pieces.count(-1) == len(pieces) - 1


spans = st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 48)), max_size=10)


@settings(max_examples=300, derandomize=True, database=None)
@given(text=st.text(alphabet="ab «»<>&\n", max_size=40), pairs=spans)
def test_any_spans_nest_without_losing_text(text: str, pairs: list[tuple[int, int]]) -> None:
    _check(text, [Mark(a, b, "x", f"m{i}") for i, (a, b) in enumerate(pairs)])


def test_a_fragment_nests_in_its_quote_and_a_crossing_entity_is_cut() -> None:
    text = "Il a dit que « la paix viendra » et Jean Dupont a ri."
    outer = Mark(0, 31, "quote", "q-0")
    inner = Mark(14, 29, "quote", "q-1")
    crossing = Mark(27, 40, "entity", "e-0")
    root = build_tree(len(text), [outer, inner, crossing])
    q0 = root.children[0]
    assert q0.mark is outer and q0.children[0].mark is inner

    def pieces(node: Node) -> list[tuple[int, int, bool]]:
        out = [(node.start, node.end, node.first)] if node.mark is crossing else []
        for child in node.children:
            out += pieces(child)
        return out

    # cut where it crosses the fragment's end and the quotation's end; the first piece leads
    assert sorted(pieces(root)) == [(27, 29, True), (29, 31, False), (31, 40, False)]
    _check(text, [outer, inner, crossing])


def test_same_extent_nests_in_the_order_given() -> None:
    root = build_tree(10, [Mark(2, 5, "quote", "q"), Mark(2, 5, "entity", "e")])
    assert root.children[0].mark and root.children[0].mark.id == "q"
    assert root.children[0].children[0].mark and root.children[0].children[0].mark.id == "e"


def test_periods_are_filled_in() -> None:
    buckets, filled = fill_periods(
        [("2024-11", 2), ("2025-02", 5), ("bad", 9), ("2024-1", 1)], "month"
    )
    assert filled
    assert buckets == [
        {"period": "2024-11", "count": 2},
        {"period": "2024-12", "count": 0},
        {"period": "2025-01", "count": 0},
        {"period": "2025-02", "count": 5},
    ]
    days, _ = fill_periods([("2024-02-28", 1), ("2024-03-01", 1)], "day")
    assert [b["period"] for b in days] == ["2024-02-28", "2024-02-29", "2024-03-01"]
    assert fill_periods([], "year") == ([], True)
    assert fill_periods([("0000", 3)], "year") == ([], True)


def test_a_spread_too_wide_keeps_only_the_periods_with_matches() -> None:
    rows = [("1900-01-01", 1), ("2020-01-01", 2)]
    buckets, filled = fill_periods(rows, "day")
    assert not filled and [b["count"] for b in buckets] == [1, 2]
    wide = [(f"{1000 + i:04d}", 1) for i in range(0, MAX_BUCKETS * 2, 2)]
    assert not fill_periods(wide, "year")[1]


def test_bar_chart_geometry() -> None:
    buckets = [
        {"period": f"2025-{m:02d}", "count": c}
        for m, c in zip(range(1, 13), [0, 3, 7, 12, 1, 0, 0, 5, 9, 11, 2, 4], strict=True)
    ]
    chart = bar_chart(buckets)
    assert len(chart["bars"]) == 12
    values = [t["value"] for t in chart["yticks"]]
    assert values[0] == 0 and values[-1] >= 12 and values == sorted(values)
    step = values[1] - values[0]
    assert step in (1, 2, 5, 10)
    tallest = max(chart["bars"], key=lambda b: b["h"])
    assert tallest["count"] == 12
    base = chart["baseline"]
    for b in chart["bars"]:
        assert abs(b["y"] + b["h"] - base) < 0.2
        assert abs(b["h"] - chart["plot_h"] * b["count"] / values[-1]) < 0.2
    xs = [b["x"] for b in chart["bars"]]
    assert (
        xs == sorted(xs)
        and xs[-1] + chart["bars"][-1]["w"] <= chart["left"] + chart["plot_w"] + 0.1
    )
    assert 1 <= len(chart["xlabels"]) <= 12
    flat = bar_chart([{"period": "2025", "count": 0}])
    assert flat["bars"][0]["h"] == 0 and flat["yticks"][-1]["value"] >= 1


def test_timeline_counts_dates_per_period() -> None:
    dates: list[str | None] = [
        "2025-02-14", "2025-02-14T23:30:00+01:00", "2025-02-20", "2025-03-05T12:15", None, "",
        "soon",
    ]  # fmt: skip
    tl = timeline(dates, "week")
    assert tl["unit"] == "week" and tl["total"] == 4 and tl["undated"] == 3 and tl["filled"]
    assert tl["buckets"] == [
        {"period": "2025-W07", "count": 2},
        {"period": "2025-W08", "count": 1},
        {"period": "2025-W09", "count": 0},
        {"period": "2025-W10", "count": 1},
    ]
    assert timeline(dates)["unit"] == "day"  # 19 days apart
    assert [b["count"] for b in timeline(dates, "month")["buckets"]] == [3, 1]
    empty = timeline([None, "x"])
    assert empty["buckets"] == [] and empty["total"] == 0 and empty["undated"] == 2
    # ISO weeks across a year's end: 2020 has a week 53
    assert [b["period"] for b in timeline(["2020-12-31", "2021-01-11"], "week")["buckets"]] == [
        "2020-W53",
        "2021-W01",
        "2021-W02",
    ]


def test_timeline_unit_and_period_bounds() -> None:
    start = date(2025, 1, 1)
    assert timeline_unit([start, start + timedelta(days=45)]) == "day"
    assert timeline_unit([start, start + timedelta(days=46)]) == "week"
    assert timeline_unit([start, start + timedelta(days=400)]) == "month"
    assert timeline_unit([start, start + timedelta(days=4000)]) == "year"
    assert timeline_unit([]) == "month"
    assert period_of("2025-02-16T23:59", "week") == "2025-W07"
    assert period_of("2025-02-17", "week") == "2025-W08"
    assert period_of("bad", "day") is None
    assert period_bounds("2025-W07", "week") == ("2025-02-10", "2025-02-16")
    assert period_bounds("2024-02", "month") == ("2024-02-01", "2024-02-29")
    assert period_bounds("2025-12-31", "day") == ("2025-12-31", "2025-12-31")
    assert period_bounds("2025", "year") == ("2025-01-01", "2025-12-31")
    assert period_bounds("2025-W54", "week") is None
    assert period_bounds("2025-02", "week") is None
