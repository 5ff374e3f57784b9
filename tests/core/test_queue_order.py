"""The service desk queue (school_office/core/service_desk.py): urgent first, then first come first served;
"Move to Front of Queue" puts a request before the others of its priority only. Scores worked out by hand
(time-zone-aware times, so the epoch seconds do not depend on the machine's zone)."""

from datetime import datetime, timezone

from school_office.core import service_desk as sd

NEW_YEAR = datetime(2026, 1, 1, tzinfo=timezone.utc)  # 1,767,225,600 seconds after the epoch
LATER = datetime(2026, 1, 1, 0, 0, 30, tzinfo=timezone.utc)  # 30 seconds later


def test_scores_by_priority_then_time():
	assert sd.RANK_SPAN == 10_000_000_000
	assert sd.queue_score("Urgent", NEW_YEAR) == 11_767_225_600.0
	assert sd.queue_score("High", NEW_YEAR) == 21_767_225_600.0
	assert sd.queue_score("Medium", NEW_YEAR) == 31_767_225_600.0
	assert sd.queue_score("Low", NEW_YEAR) == 41_767_225_600.0
	assert sd.queue_score(None, NEW_YEAR) == 31_767_225_600.0  # no priority: Medium
	assert sd.queue_score("Medium", LATER) == 31_767_225_630.0


def test_queue_order():
	requests = {
		"low, first": sd.queue_score("Low", NEW_YEAR),
		"medium, later": sd.queue_score("Medium", LATER),
		"medium, first": sd.queue_score("Medium", NEW_YEAR),
		"urgent, later": sd.queue_score("Urgent", LATER),
	}
	assert sorted(requests, key=requests.get) == [
		"urgent, later",
		"medium, first",
		"medium, later",
		"low, first",
	]


def test_move_to_front_of_its_band():
	band = [31_767_225_600.0, 31_767_225_630.0]  # two Medium requests
	others = [11_767_225_600.0, 41_767_225_600.0]  # an urgent and a low one
	# one second before the first Medium request: still after every urgent one
	assert sd.front_of_queue_score("Medium", band + others) == 31_767_225_599.0
	assert sd.front_of_queue_score("Low", band + others) == 41_767_225_599.0
	# a band with nobody in it: its start
	assert sd.front_of_queue_score("High", band + others) == 20_000_000_000.0
	assert sd.front_of_queue_score("Medium", []) == 30_000_000_000.0
