from datetime import date, datetime, time

import pytest

from school_office.core.supplies import (
	Quote,
	approval_reasons,
	history_window,
	normalise_period,
	over_quota,
	pickup_slots,
	plan_line,
	quarter_bounds,
	queue_key,
	quota_pages,
	quote_problems,
	rank_quotes,
	variance_flagged,
	variance_percent,
)


def test_quarter_bounds():
	assert quarter_bounds("2027-Q1") == (date(2027, 1, 1), date(2027, 3, 31))
	assert quarter_bounds("2026q4") == (date(2026, 10, 1), date(2026, 12, 31))
	assert normalise_period(" 2026 - q2 ") == "2026-Q2"
	with pytest.raises(ValueError):
		quarter_bounds("2026-05")


def test_history_window_crosses_years():
	assert history_window(date(2027, 1, 1), 4) == (date(2026, 1, 1), date(2026, 12, 31))
	assert history_window(date(2027, 4, 1), 8) == (date(2025, 4, 1), date(2027, 3, 31))


def test_plan_line_takes_larger_of_demand_and_history_adds_buffer_subtracts_stock():
	# demand 100 > history 320/4=80: need 100, buffer 15, on hand 30 -> 85
	line = plan_line(100, 320, 4, 15, 30)
	assert (line.history_consumption, line.buffer_qty, line.proposed_qty) == (80.0, 15.0, 85.0)
	# history wins: 400/4=100 > 40, buffer 15 (ceil of 15.0), nothing on hand -> 115
	assert plan_line(40, 400, 4, 15, 0).proposed_qty == 115.0
	# buffer rounds up: 7 * 15 % = 1.05 -> 2
	assert plan_line(7, 0, 4, 15, 0).buffer_qty == 2.0
	# enough on hand: nothing to buy, never negative
	assert plan_line(10, 0, 4, 15, 50).proposed_qty == 0.0


def test_quote_rule():
	good = [Quote("A", 10, True, 3), Quote("B", 9, True, 5), Quote("C", 11, False, 1)]
	assert quote_problems("Pen", good, "A") == []
	two = good[:2]
	msgs = [m for m, _ in quote_problems("Pen", two, "A")]
	assert msgs == ["{0}: only {1} supplier quotation(s), at least {2} are needed"]
	# three quotes, but the ordered one fails the criteria
	assert len(quote_problems("Pen", good, "C")) == 1
	assert "criteria" in quote_problems("Pen", good, "C")[0][0]
	# ordered supplier without a quote
	assert "no submitted quotation" in quote_problems("Pen", good, "D")[0][0]
	# two quotes of one supplier count once
	dup = [Quote("A", 10, True, 3), Quote("A", 9, True, 3), Quote("B", 9, True, 3)]
	assert quote_problems("Pen", dup, "A")[0][1] == ("Pen", 2, 3)
	assert [q.supplier for q in rank_quotes(good)] == ["B", "A", "C"]


def test_printing_rules():
	assert quota_pages(10, 3) == 30
	with pytest.raises(ValueError):
		quota_pages(0, 1)
	assert over_quota(100, 90, 11) is True
	assert over_quota(100, 90, 10) is False
	assert over_quota(None, 10**6, 1) is False
	assert len(approval_reasons(True, True)) == 2 and approval_reasons(False, False) == []
	a = queue_key(True, datetime(2026, 12, 1, 15, 0))
	b = queue_key(False, datetime(2026, 12, 1, 9, 0))
	c = queue_key(False, datetime(2026, 12, 1, 10, 0))
	assert sorted([c, b, a]) == [a, b, c]


def test_pickup_slots_and_variance():
	slots = pickup_slots(date(2026, 12, 1), time(9), time(11), 15)
	assert (
		len(slots) == 8
		and slots[0] == datetime(2026, 12, 1, 9)
		and slots[-1] == datetime(2026, 12, 1, 10, 45)
	)
	assert variance_percent(100, 96) == 4.0
	assert variance_flagged(100, 96, 3) is True
	assert variance_flagged(100, 97, 3) is False
	assert variance_percent(0, 0) == 0.0 and variance_percent(0, 2) == 100.0
