"""Number normalization: every way of writing a figure reads as one value, kind and precision."""

from __future__ import annotations

import pytest


def read(checks, text):
    return [(m.kind, m.value) for m in checks.reader.read(text)]


@pytest.mark.parametrize("text, expected", [
    ("4.2M", ("plain", 4_200_000)),
    ("$4,200,000", ("money", 4_200_000)),
    ("4.2 million", ("plain", 4_200_000)),
    ("$4.2M", ("money", 4_200_000)),
    ("4.2M USD", ("money", 4_200_000)),
    ("200K", ("plain", 200_000)),
    ("$180K", ("money", 180_000)),
    ("350,000 USD", ("money", 350_000)),
    ("92%", ("percent", 92)),
    ("92 percent", ("percent", 92)),
    ("0.92", ("plain", 0.92)),
    ("1.4x", ("multiplier", 1.4)),
    ("30 days", ("duration", 30)),
    ("a 10-day target", ("duration", 10)),
    ("nine months", ("duration", 9 * 30.44)),
    ("two seats", ("plain", 2)),
    ("2026", ("year", 2026)),
])
def test_one_figure_many_spellings(checks, text, expected):
    found = read(checks, text)
    assert len(found) == 1, found
    kind, value = found[0]
    assert kind == expected[0]
    assert value == pytest.approx(expected[1])


@pytest.mark.parametrize("text", ["FY27 plan", "Q3 review", "one of the teams", "version v2", "SKU-9"])
def test_not_numbers(checks, text):
    assert read(checks, text) == []


def test_precision_follows_the_stated_digits(checks):
    by_text = {m.text: m.precision for m in checks.reader.read("4.2M and 200,000 and 92% and 0.925")}
    assert by_text["4.2M"] == pytest.approx(100_000)
    assert by_text["200,000"] == pytest.approx(100_000)
    assert by_text["92%"] == pytest.approx(1)
    assert by_text["0.925"] == pytest.approx(0.001)


def test_a_sentence_full_of_figures(checks):
    text = "You hit $4.2M in the first nine months, 40% over the 3M target, at 92% utilization."
    assert [k for k, _ in read(checks, text)] == ["money", "duration", "percent", "plain", "percent"]
