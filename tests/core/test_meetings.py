"""Tier 1: the meeting rules (school_office/core/meetings.py), hand-computed values."""

from datetime import datetime, timedelta

from school_office.core import meetings as m


def test_approver_roles_by_type():
	assert m.approver_roles("Cross-department") == ("School Leader",)
	assert m.approver_roles("Leadership") == ("School Leader",)
	assert m.approver_roles("Department") == ("Department Head", "School Leader")
	assert m.approver_roles("Coordination") == ("Department Head", "School Leader")


def test_notice_lead_time():
	assert m.notice_days("Cross-department", 3, 7) == 7
	assert m.notice_days("Department", 3, 7) == 3
	start = datetime(2030, 3, 10, 9, 0)
	assert m.notice_needed_by(start, 3) == datetime(2030, 3, 7, 9, 0)
	assert m.notice_in_time(datetime(2030, 3, 7, 9, 0), start, 3)
	assert not m.notice_in_time(datetime(2030, 3, 7, 9, 1), start, 3)
	assert not m.notice_in_time(datetime(2030, 3, 4, 9, 0), start, 7)


def test_setup_checklist_from_headcount():
	assert m.setup_checklist(0) == []
	assert m.setup_checklist(5) == [m.SetupLine("Chairs", 5)]
	assert m.setup_checklist(8) == [m.SetupLine("Chairs", 8), m.SetupLine("Projector", 1)]
	assert m.setup_checklist(25, ["Projector", " Whiteboard "]) == [
		m.SetupLine("Chairs", 25),
		m.SetupLine("Microphones", 3),
		m.SetupLine("Projector", 1),
		m.SetupLine("Whiteboard", 1),
	]
	# more than 30 people: at least two microphones (and one per ten)
	assert m.setup_checklist(31)[1] == m.SetupLine("Microphones", 4)
	assert m.setup_checklist(12)[1] == m.SetupLine("Microphones", 2)
	assert m.setup_checklist(10)[1] == m.SetupLine("Microphones", 1)


def test_minutes_due_is_capped():
	end = datetime(2030, 3, 8, 17, 0)  # a Friday evening
	# 4 working hours from the calendar land on Monday 12:00; capped at 24 h
	assert m.minutes_due(end, datetime(2030, 3, 11, 12, 0), 24) == datetime(2030, 3, 9, 17, 0)
	assert m.minutes_due(end, datetime(2030, 3, 8, 21, 0), 24) == datetime(2030, 3, 8, 21, 0)


def test_agenda_slots_and_overrun():
	start = datetime(2030, 3, 10, 9, 0)
	slots = m.agenda_slots(start, [30, 45, 60])
	assert slots == [
		(datetime(2030, 3, 10, 9, 0), datetime(2030, 3, 10, 9, 30)),
		(datetime(2030, 3, 10, 9, 30), datetime(2030, 3, 10, 10, 15)),
		(datetime(2030, 3, 10, 10, 15), datetime(2030, 3, 10, 11, 15)),
	]
	assert m.overrunning(slots, datetime(2030, 3, 10, 10, 15)) == [2]
	assert m.overrunning(slots, datetime(2030, 3, 10, 12, 0)) == []


def test_week_before_friday():
	s, e = m.week_before(datetime(2030, 3, 15, 16, 0))
	assert (s, e) == (datetime(2030, 3, 8), datetime(2030, 3, 15))
	assert e - s == timedelta(days=7)
