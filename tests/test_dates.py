"""Date resolution against a publication date."""

from __future__ import annotations

import pytest

from realpolitik.extract.dates import find_dates, parse_pub_date

PUB = parse_pub_date("2024-11-14")


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Troops withdrew last July from the base.", "2024-07", "month"),
        ("The minister resigned last December.", "2023-12", "month"),
        ("The deal was signed a few days ago.", "2024-11", "month"),
        ("Talks resumed 3 days ago.", "2024-11-11", "day"),
        ("In 2022, the president visited Paris.", "2022", "year"),
        ("Elections are due next March.", "2025-03", "month"),
        ("The summit opened on 3 March 2023.", "2023-03-03", "day"),
        ("The summit opened on March 3, 2023.", "2023-03-03", "day"),
        ("Ties were cut in August 2024.", "2024-08", "month"),
        ("The embassy reopened yesterday.", "2024-11-13", "day"),
        ("Sanctions were lifted last year.", "2023", "year"),
        # 2024-11-14 is a Thursday: "on Thursday" in that day's paper is that day
        ("The envoys met on Thursday in Geneva.", "2024-11-14", "day"),
        ("The envoys met on Tuesday in Geneva.", "2024-11-12", "day"),
        ("The envoys met last Thursday in Geneva.", "2024-11-07", "day"),
        ("The envoys will meet next Monday.", "2024-11-18", "day"),
    ],
)
def test_expressions_resolve_with_their_precision(text: str, value: str, precision: str) -> None:
    [found] = find_dates(text, PUB)
    assert (found.value, found.precision) == (value, precision)
    assert text[found.start : found.end]


def test_relative_expressions_need_a_publication_date() -> None:
    assert find_dates("They met last July.", None) == []
    assert [d.value for d in find_dates("They met in 2019.", None)] == ["2019"]
