"""Semester satisfaction survey (SD-13) and the complaint analysis (CF-4): rules without a database.

Survey
- A survey has choice questions (the seed's [5]) and one open question. Each choice question lists its
  choices best first, one per line; a question without choices uses the five-point scale ``SCALE``.
- ``choice_score``: the first (best) of n choices scores 100, the last 0, evenly between.
- ``clean_answers``: what a respondent sent, checked against the survey's questions: every choice question
  answered with one of its own choices; the open answer is optional and trimmed.
- ``tally``: per question the count and share of each choice and the average score; overall, the number of
  responses, the average score over all choice answers and the satisfaction rate (share of answers in the
  top two choices).
- ``survey_state``: Draft (not published), Not Yet Open, Accepting Answers, Closed, by the dates.

Complaint analysis
- ``period_key``: the period (month, quarter, semester or year) a date falls in.
- ``analyse``: complaints and suggestions grouped by period, nature, problem type and department, with
  the counts the office reports on (received, resolved, solved, adopted, published, plan on time).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, datetime

SCALE = ("Very Satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very Dissatisfied")
MAX_CHOICES = 10
MAX_OPEN_ANSWER = 2000


class SurveyError(ValueError):
	"""A respondent's answers do not fit the survey. ``args[0]`` is an English message with {0} slots,
	``args[1:]`` its values (the caller translates)."""


def parse_choices(text: str | None) -> list[str]:
	"""The choices of a question, one per line, best first; empty lines and repeats dropped."""
	out: list[str] = []
	for line in (text or "").splitlines():
		line = line.strip()
		if line and line not in out:
			out.append(line)
	return out or list(SCALE)


def choice_score(index: int, count: int) -> float:
	"""Score of the choice at ``index`` (0 = best) among ``count`` choices: 100 for the best, 0 for the worst."""
	if count < 2:
		return 100.0
	if not 0 <= index < count:
		raise ValueError(index)
	return round(100.0 * (count - 1 - index) / (count - 1), 2)


def check_questions(questions: list[dict]) -> list[tuple]:
	"""Problems of a survey's questions: ``(English message with {0} slots, values...)`` for the caller to
	translate; none means the survey can be used."""
	problems: list[tuple] = []
	if not questions:
		problems.append(("A survey needs at least one choice question.",))
	for i, q in enumerate(questions, 1):
		if not (q.get("question") or "").strip():
			problems.append(("Question {0} has no text.", i))
		choices = parse_choices(q.get("choices"))
		if not 2 <= len(choices) <= MAX_CHOICES:
			problems.append(("Question {0} needs between {1} and {2} choices.", i, 2, MAX_CHOICES))
	return problems


def clean_answers(questions: list[dict], answers: dict, open_answer: str | None = None) -> dict:
	"""The answers to store: ``{"answers": [{"idx", "question", "answer", "choice_index", "score"}], "open_answer"}``.

	``questions`` are the survey's rows in order (``question``, ``choices``); ``answers`` maps the question's
	number (1-based, as str or int) to the chosen text. Raises SurveyError on a missing or foreign answer.
	"""
	if not isinstance(answers, dict):
		raise SurveyError("The answers could not be read.")
	given = {str(k).strip(): v for k, v in answers.items()}
	rows = []
	for i, q in enumerate(questions, 1):
		choices = parse_choices(q.get("choices"))
		value = given.get(str(i))
		value = value.strip() if isinstance(value, str) else None
		if not value:
			raise SurveyError("Please answer question {0}.", i)
		if value not in choices:
			raise SurveyError("The answer to question {0} is not one of its choices.", i)
		idx = choices.index(value)
		rows.append(
			{
				"idx": i,
				"question": q.get("question"),
				"answer": value,
				"choice_index": idx,
				"score": choice_score(idx, len(choices)),
			}
		)
	extra = set(given) - {str(i) for i in range(1, len(questions) + 1)}
	if extra:
		raise SurveyError("The survey has no question {0}.", sorted(extra)[0])
	text = (open_answer or "").strip()
	if len(text) > MAX_OPEN_ANSWER:
		raise SurveyError("The open answer is too long (at most {0} characters).", MAX_OPEN_ANSWER)
	return {"answers": rows, "open_answer": text}


def tally(questions: list[dict], answer_rows: list[dict], responses: int) -> dict:
	"""Results of a survey.

	``answer_rows``: every stored answer, ``{"idx": question number, "answer": text}``; answers whose text is
	no longer a choice of the question (the question was edited) are counted under "other" and not scored.
	"""
	out = []
	all_scores: list[float] = []
	top_two = 0
	scored = 0
	by_q: dict[int, list[str]] = {}
	for r in answer_rows:
		by_q.setdefault(int(r["idx"]), []).append(r["answer"])
	for i, q in enumerate(questions, 1):
		choices = parse_choices(q.get("choices"))
		counts = OrderedDict((c, 0) for c in choices)
		other = 0
		scores = []
		for a in by_q.get(i, []):
			if a in counts:
				counts[a] += 1
				idx = choices.index(a)
				scores.append(choice_score(idx, len(choices)))
				if idx < 2:
					top_two += 1
				scored += 1
			else:
				other += 1
		answered = sum(counts.values()) + other
		out.append(
			{
				"idx": i,
				"question": q.get("question"),
				"answered": answered,
				"choices": [
					{"choice": c, "count": n, "percent": pct(n, answered)} for c, n in counts.items()
				],
				"other": other,
				"average_score": round(sum(scores) / len(scores), 1) if scores else None,
			}
		)
		all_scores.extend(scores)
	return {
		"responses": responses,
		"questions": out,
		"average_score": round(sum(all_scores) / len(all_scores), 1) if all_scores else None,
		"satisfaction_rate": pct(top_two, scored) if scored else None,
	}


def pct(part: int, whole: int) -> float:
	return round(100.0 * part / whole, 1) if whole else 0.0


def survey_state(published: bool, opens_on: date | None, closes_on: date | None, today: date) -> str:
	if not published:
		return "Draft"
	if opens_on and today < opens_on:
		return "Not Yet Open"
	if closes_on and today > closes_on:
		return "Closed"
	return "Accepting Answers"


# ----------------------------------------------------------------------------- complaint analysis (CF-4)

PERIODS = ("Month", "Quarter", "Semester", "Year")


def period_key(day: date | datetime, period: str) -> str:
	"""The period a day falls in: ``2026-11``, ``2026 Q4``, ``2026 S2`` (semesters: Feb–Jul is S1 of the
	calendar year, Aug–Jan is S2 of the year it starts in), ``2026``."""
	if isinstance(day, datetime):
		day = day.date()
	if period == "Month":
		return f"{day.year}-{day.month:02d}"
	if period == "Quarter":
		return f"{day.year} Q{(day.month - 1) // 3 + 1}"
	if period == "Semester":
		if 2 <= day.month <= 7:
			return f"{day.year} S1"
		return f"{day.year if day.month >= 8 else day.year - 1} S2"
	if period == "Year":
		return str(day.year)
	raise ValueError(period)


RESOLVED = ("Resolved", "Closed")
COUNTS = ("received", "resolved", "solved", "cannot_be_solved", "adopted", "published", "plan_on_time")


def analyse(rows: list[dict], period: str, unassigned: str = "Not Assigned") -> list[dict]:
	"""Group complaints and suggestions.

	Each row: ``creation``, ``nature``, ``problem_type``, ``department`` (responsible, else lead), ``status``,
	``outcome``, ``adopted``, ``published`` (0/1), ``plan_due``, ``plan_on``. Output rows, sorted by period,
	nature, problem type, department: the keys, the COUNTS, ``plan_on_time_rate`` (share of plans made by
	their due time among those with a plan) and ``resolution_rate``.
	"""
	groups: dict[tuple, dict] = {}
	for r in rows:
		key = (
			period_key(r["creation"], period),
			r.get("nature") or "",
			r.get("problem_type") or "",
			r.get("department") or unassigned,
		)
		g = groups.get(key)
		if g is None:
			g = groups[key] = dict(zip(("period", "nature", "problem_type", "department"), key, strict=True))
			g.update({c: 0 for c in COUNTS})
			g["planned"] = 0
		g["received"] += 1
		if r.get("status") in RESOLVED:
			g["resolved"] += 1
		if r.get("outcome") == "Solved":
			g["solved"] += 1
		if r.get("outcome") == "Cannot Be Solved":
			g["cannot_be_solved"] += 1
		if r.get("adopted"):
			g["adopted"] += 1
		if r.get("published"):
			g["published"] += 1
		if r.get("plan_on"):
			g["planned"] += 1
			if r.get("plan_due") and r["plan_on"] <= r["plan_due"]:
				g["plan_on_time"] += 1
	out = []
	for key in sorted(groups):
		g = groups[key]
		g["plan_on_time_rate"] = pct(g["plan_on_time"], g["planned"]) if g["planned"] else None
		g["resolution_rate"] = pct(g["resolved"], g["received"])
		out.append(g)
	return out
