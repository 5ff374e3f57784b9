"""Plain-Python rules of the satisfaction survey and the complaint analysis (school_office/core/survey.py)."""

from datetime import date, datetime

import pytest

from school_office.core import survey as s

QUESTIONS = [
	{"question": "Attitude", "choices": ""},  # the five-point scale
	{"question": "Speed", "choices": "Fast\nSlow\n\nFast"},
]


def test_choices_default_to_the_scale_and_drop_blanks_and_repeats():
	assert s.parse_choices("") == list(s.SCALE)
	assert s.parse_choices(" Fast \n\nSlow\nFast") == ["Fast", "Slow"]


def test_choice_score_runs_from_100_to_0():
	assert [s.choice_score(i, 5) for i in range(5)] == [100.0, 75.0, 50.0, 25.0, 0.0]
	assert s.choice_score(1, 2) == 0.0
	assert s.choice_score(0, 1) == 100.0
	with pytest.raises(ValueError):
		s.choice_score(5, 5)


def test_check_questions():
	assert s.check_questions(QUESTIONS) == []
	assert s.check_questions([]) == [("A survey needs at least one choice question.",)]
	problems = s.check_questions([{"question": " ", "choices": "Only"}])
	assert problems == [
		("Question {0} has no text.", 1),
		("Question {0} needs between {1} and {2} choices.", 1, 2, 10),
	]


def test_clean_answers_scores_each_and_trims_the_open_answer():
	got = s.clean_answers(QUESTIONS, {"1": "Satisfied", 2: "Slow"}, "  more windows  ")
	assert got["open_answer"] == "more windows"
	assert [(a["idx"], a["answer"], a["choice_index"], a["score"]) for a in got["answers"]] == [
		(1, "Satisfied", 1, 75.0),
		(2, "Slow", 1, 0.0),
	]


@pytest.mark.parametrize(
	"answers, message",
	[
		({"1": "Satisfied"}, "Please answer question {0}."),
		({"1": "Satisfied", "2": "Medium"}, "The answer to question {0} is not one of its choices."),
		({"1": "Satisfied", "2": "Fast", "3": "Fast"}, "The survey has no question {0}."),
		(["Satisfied"], "The answers could not be read."),
		({"1": 5, "2": "Fast"}, "Please answer question {0}."),
	],
)
def test_clean_answers_refuses(answers, message):
	with pytest.raises(s.SurveyError) as e:
		s.clean_answers(QUESTIONS, answers)
	assert e.value.args[0] == message


def test_open_answer_length_is_limited():
	with pytest.raises(s.SurveyError):
		s.clean_answers(QUESTIONS, {"1": "Neutral", "2": "Fast"}, "x" * (s.MAX_OPEN_ANSWER + 1))


def test_tally_by_hand():
	rows = [
		{"idx": 1, "answer": "Very Satisfied"},
		{"idx": 1, "answer": "Satisfied"},
		{"idx": 1, "answer": "Dissatisfied"},
		{"idx": 1, "answer": "Old choice"},
		{"idx": 2, "answer": "Fast"},
		{"idx": 2, "answer": "Fast"},
		{"idx": 2, "answer": "Slow"},
	]
	got = s.tally(QUESTIONS, rows, responses=4)
	q1, q2 = got["questions"]
	assert q1["answered"] == 4 and q1["other"] == 1
	assert [(c["choice"], c["count"], c["percent"]) for c in q1["choices"]] == [
		("Very Satisfied", 1, 25.0),
		("Satisfied", 1, 25.0),
		("Neutral", 0, 0.0),
		("Dissatisfied", 1, 25.0),
		("Very Dissatisfied", 0, 0.0),
	]
	assert q1["average_score"] == round((100 + 75 + 25) / 3, 1)
	assert q2["average_score"] == round(200 / 3, 1)
	# six scored answers: 100, 75, 25, 100, 100, 0; the top two choices: 2 of q1 + all 3 of q2
	assert got["average_score"] == round(400 / 6, 1)
	assert got["satisfaction_rate"] == round(100 * 5 / 6, 1)
	assert got["responses"] == 4


def test_tally_of_no_answers():
	got = s.tally(QUESTIONS, [], responses=0)
	assert got["average_score"] is None and got["satisfaction_rate"] is None
	assert got["questions"][0]["choices"][0]["percent"] == 0.0


def test_survey_state():
	today = date(2026, 12, 1)
	assert s.survey_state(False, None, None, today) == "Draft"
	assert s.survey_state(True, date(2026, 12, 2), None, today) == "Not Yet Open"
	assert s.survey_state(True, None, date(2026, 11, 30), today) == "Closed"
	assert s.survey_state(True, date(2026, 12, 1), date(2026, 12, 1), today) == "Accepting Answers"


def test_period_keys():
	d = date(2026, 11, 5)
	assert s.period_key(d, "Month") == "2026-11"
	assert s.period_key(datetime(2026, 11, 5, 9), "Quarter") == "2026 Q4"
	assert s.period_key(d, "Semester") == "2026 S2"
	assert s.period_key(date(2027, 1, 20), "Semester") == "2026 S2"
	assert s.period_key(date(2027, 3, 1), "Semester") == "2027 S1"
	assert s.period_key(d, "Year") == "2026"
	with pytest.raises(ValueError):
		s.period_key(d, "Week")


def test_analyse_groups_and_counts():
	t = datetime(2026, 11, 2, 9)
	due = datetime(2026, 11, 9, 9)
	rows = [
		{"creation": t, "nature": "Complaint", "problem_type": "Facilities", "department": "Logistics",
		 "status": "Closed", "outcome": "Solved", "plan_due": due, "plan_on": datetime(2026, 11, 5)},
		{"creation": t, "nature": "Complaint", "problem_type": "Facilities", "department": "Logistics",
		 "status": "Open", "plan_due": due, "plan_on": datetime(2026, 11, 10)},
		{"creation": t, "nature": "Complaint", "problem_type": "Facilities", "department": "Logistics",
		 "status": "Closed", "outcome": "Cannot Be Solved"},
		{"creation": datetime(2026, 12, 1), "nature": "Suggestion", "problem_type": "", "department": None,
		 "status": "Resolved", "adopted": 1, "published": 1},
	]  # fmt: skip
	got = s.analyse(rows, "Month")
	assert [(g["period"], g["nature"], g["department"]) for g in got] == [
		("2026-11", "Complaint", "Logistics"),
		("2026-12", "Suggestion", "Not Assigned"),
	]
	c, g = got
	assert (c["received"], c["resolved"], c["solved"], c["cannot_be_solved"]) == (3, 2, 1, 1)
	assert (c["plan_on_time"], c["plan_on_time_rate"], c["resolution_rate"]) == (1, 50.0, 66.7)
	assert (g["adopted"], g["published"], g["plan_on_time_rate"], g["resolution_rate"]) == (1, 1, None, 100.0)
	assert len(s.analyse(rows, "Year")) == 2  # nature still splits them
