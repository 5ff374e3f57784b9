"""The semester satisfaction survey (SD-13): answered once per person on the portal, results published.

Built here rather than on ERPNext's Quality Feedback: a Quality Feedback rates a template's parameters
1–5 for one Customer or User, is filled in on the desk by staff, has no open question, no semester, no
opening dates and nothing that stops a second answer. The survey's results feed the quarterly Quality
Review (``quality.fill_review``) as its satisfaction line.

- ``Satisfaction Survey`` (Office Manager): the choice questions (best choice first; empty choices mean the
  five-point scale), the open question, the dates, *Published* (open for answers) and *Results Published*.
  New surveys start with the five standard questions of the seed, in the language of the Office Manager who
  sets the survey up; the standard questions and the scale are shown in each reader's language whichever
  language they were stored in (``shown``), the survey's own questions as written. Anonymous by default.
- ``submit_response`` (portal, POST): the signed-in user's answers, checked against the survey's own
  questions (``school_office/core/survey.py``); one response per person and survey, kept by a unique
  key (an HMAC of survey and user with the site's encryption key, so an anonymous response cannot be traced
  back by hashing user names), which also makes two submissions at once safe.
- ``survey_results``: the figures per question (counts, shares, average score) for the results page and the
  desk; anyone signed in once the results are published, otherwise only those who may read the survey.
  Open answers are shown to the survey's readers on the desk only, never on the published page.
- ``update_states`` (daily): the list view's status follows the dates.
"""

from __future__ import annotations

import hashlib
import hmac

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, nowdate

from school_office.core import survey as rules

SURVEY = "Satisfaction Survey"
RESPONSE = "Satisfaction Survey Response"
ANSWER = "Satisfaction Survey Answer"
OPEN = "Accepting Answers"

# the seed's five choice questions and its open question (SD-13), translated when a survey is set up
DEFAULT_QUESTIONS = (
	"How satisfied are you with the staff's service attitude?",
	"How satisfied are you with how quickly your matters were handled?",
	"How clear were the service guide and the information you were given?",
	"How convenient are the window and online services?",
	"Overall, how satisfied are you with the General Office?",
)
DEFAULT_OPEN_QUESTION = "What should the General Office improve?"


@frappe.whitelist()
def default_questions():
	"""The standard questions for a new survey's form, in the user's language."""
	frappe.has_permission(SURVEY, "create", throw=True)
	return {
		"questions": [_(q) for q in DEFAULT_QUESTIONS],
		"open_question": _(DEFAULT_OPEN_QUESTION),
	}


def app_languages() -> list[str]:
	import os

	folder = frappe.get_app_path("school_office", "translations")
	return sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".csv"))


def standard_texts() -> dict[str, str]:
	"""The standard questions, open question and scale as any of the app's languages writes them ->
	their English source, so a survey set up in Chinese still reads in English for English users."""
	from frappe.translate import get_all_translations

	out = {}
	for lang in app_languages():
		table = get_all_translations(lang)
		for text in (*DEFAULT_QUESTIONS, DEFAULT_OPEN_QUESTION, *rules.SCALE):
			if table.get(text):
				out[table[text]] = text
	return out


def shown(text: str | None, known: dict | None = None) -> str:
	"""A question or choice in the reader's language: the standard texts in whatever language they were
	stored, the survey's own texts as written (or translated, when the translation file has them)."""
	if not text:
		return ""
	known = standard_texts() if known is None else known
	return _(known.get(text, text))


def questions_of(doc) -> list[dict]:
	return [{"question": q.question, "choices": q.choices} for q in doc.questions]


def state_of(doc, today=None) -> str:
	return rules.survey_state(
		bool(doc.published),
		getdate(doc.opens_on) if doc.opens_on else None,
		getdate(doc.closes_on) if doc.closes_on else None,
		getdate(today or nowdate()),
	)


def respondent_key(survey: str, user: str) -> str:
	from frappe.utils.password import get_encryption_key

	return hmac.new(get_encryption_key().encode(), f"{survey}\n{user}".encode(), hashlib.sha256).hexdigest()


def has_answered(survey: str, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Guest":
		return False
	return bool(frappe.db.exists(RESPONSE, {"respondent_key": respondent_key(survey, user)}))


def open_surveys() -> list[dict]:
	"""Published surveys open today, newest first (name, title, semester, closes_on)."""
	today = nowdate()
	rows = frappe.get_all(
		SURVEY,
		filters={"published": 1},
		fields=["name", "title", "semester", "opens_on", "closes_on", "published"],
		order_by="creation desc",
		ignore_permissions=True,  # the portal lists published surveys to every signed-in user
	)
	return [r for r in rows if state_of(r, today) == OPEN]


def pending_survey_count(user: str) -> int:
	"""Badge of the portal home's survey card: open surveys the user has not answered."""
	if user == "Guest":
		return 0
	return sum(1 for s in open_surveys() if not has_answered(s.name, user))


def any_open_survey(user: str) -> bool:
	return bool(open_surveys())


def any_published_results(user: str) -> bool:
	return bool(frappe.db.exists(SURVEY, {"results_published": 1}))


def require_login_for(route: str):
	"""Guests on a survey page log in and come back to the same survey."""
	from urllib.parse import urlencode

	from school_office.service_desk.portal import require_login

	name = frappe.form_dict.survey
	require_login(route + ("?" + urlencode({"survey": name}) if name else ""))


def survey_for_page(name: str):
	"""The published survey a portal user may open, or None."""
	if not name or not frappe.db.exists(SURVEY, {"name": name, "published": 1}):
		return None
	return frappe.get_doc(SURVEY, name)


@frappe.whitelist(methods=["POST"])
def submit_response(survey: str, answers=None, open_answer: str | None = None):
	"""Answer a survey as the signed-in user.

	Public: every signed-in student, teacher and member of staff may answer an open published survey, once;
	nothing but the answers is taken from the request (survey state, respondent and key are the server's).
	"""
	user = frappe.session.user
	if user == "Guest":
		frappe.throw(_("Please log in to answer the survey."), frappe.PermissionError)
	doc = survey_for_page(survey)
	if not doc:
		frappe.throw(_("This survey does not exist or is not published."), frappe.DoesNotExistError)
	if state_of(doc) != OPEN:
		frappe.throw(_("This survey is not open for answers."), title=_("Survey Closed"))
	if isinstance(answers, str):
		try:
			answers = frappe.parse_json(answers)
		except Exception:
			answers = None
	try:
		cleaned = rules.clean_answers(questions_of(doc), answers or {}, open_answer)
	except rules.SurveyError as e:
		frappe.throw(_(e.args[0]).format(*e.args[1:]), title=_("Please Check Your Answers"))
	key = respondent_key(doc.name, user)
	if frappe.db.exists(RESPONSE, {"respondent_key": key}):
		frappe.throw(_("You have already answered this survey. Thank you."), title=_("Already Answered"))
	scores = [a["score"] for a in cleaned["answers"]]
	response = frappe.get_doc(
		{
			"doctype": RESPONSE,
			"survey": doc.name,
			"respondent": None if doc.anonymous else user,
			"respondent_key": key,
			"submitted_on": now_datetime(),
			"average_score": round(sum(scores) / len(scores), 1) if scores else None,
			"open_answer": cleaned["open_answer"],
			"answers": [
				{
					"question_no": a["idx"],
					"question": a["question"],
					"answer": a["answer"],
					"score": a["score"],
				}
				for a in cleaned["answers"]
			],
		}
	)
	response.flags.ignore_permissions = True  # nobody creates responses but this function
	try:
		response.insert()
	except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
		# the same person's second submission at the same moment: the unique key kept only one
		frappe.throw(_("You have already answered this survey. Thank you."), title=_("Already Answered"))
	if doc.anonymous:
		# Frappe writes the session user as owner: an anonymous response keeps nobody's name
		for table, key in ((RESPONSE, "name"), (ANSWER, "parent")):
			frappe.db.sql(
				f"update `tab{table}` set owner = 'Guest', modified_by = 'Guest' where {key} = %s",
				response.name,
			)
	frappe.db.sql(
		"update `tabSatisfaction Survey` set response_count = ifnull(response_count, 0) + 1 where name = %s",
		doc.name,
	)
	return {"message": _("Thank you. Your answers have been recorded.")}


def can_read_results(doc, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Guest":
		return False
	return bool(doc.results_published) or bool(frappe.has_permission(SURVEY, "read", doc, user=user))


def results_of(doc, with_open_answers: bool = False) -> dict:
	rows = frappe.db.sql(
		f"""select a.question_no as idx, a.answer
		from `tab{ANSWER}` a join `tab{RESPONSE}` r on r.name = a.parent
		where a.parenttype = %s and a.parentfield = 'answers' and r.survey = %s""",
		(RESPONSE, doc.name),
		as_dict=True,
	)
	responses = frappe.db.count(RESPONSE, {"survey": doc.name})
	out = rules.tally(questions_of(doc), rows, responses)
	known = standard_texts()
	for q in out["questions"]:
		q["question_label"] = shown(q["question"], known)
		for c in q["choices"]:
			c["label"] = shown(c["choice"], known)
	out.update(
		{
			"survey": doc.name,
			"title": doc.title,
			"semester": doc.semester,
			"status": state_of(doc),
			"status_label": _(state_of(doc)),
			"open_question": shown(doc.open_question, known),
		}
	)
	if with_open_answers:
		out["open_answers"] = frappe.get_all(
			RESPONSE,
			filters={"survey": doc.name, "open_answer": ("is", "set")},
			fields=["open_answer", "submitted_on"],
			order_by="submitted_on desc",
			limit=500,
		)
	return out


@frappe.whitelist()
def survey_results(survey: str):
	"""The survey's figures: for everyone signed in once published, before that for its readers (desk)."""
	if not survey or not frappe.db.exists(SURVEY, survey):
		frappe.throw(_("This survey does not exist."), frappe.DoesNotExistError)
	doc = frappe.get_doc(SURVEY, survey)
	if not can_read_results(doc):
		frappe.throw(_("The results of this survey are not published."), frappe.PermissionError)
	readers = frappe.has_permission(SURVEY, "read", doc)
	return results_of(doc, with_open_answers=bool(readers))


def update_states():
	"""Daily: the stored status (list view, filters) follows the dates."""
	for row in frappe.get_all(SURVEY, fields=["name", "published", "opens_on", "closes_on", "status"]):
		state = state_of(row)
		if state != row.status:
			frappe.db.set_value(SURVEY, row.name, "status", state, update_modified=False)


def quarter_line(start, end) -> str | None:
	"""The satisfaction line of a quarterly Quality Review: surveys that closed in the quarter."""
	names = frappe.get_all(
		SURVEY,
		filters={"published": 1, "closes_on": ("between", [start, end])},
		pluck="name",
		order_by="closes_on",
	)
	lines = []
	for name in names:
		r = results_of(frappe.get_doc(SURVEY, name))
		if not r["responses"]:
			continue
		lines.append(
			_("Satisfaction survey {0}: {1} responses, average score {2}, satisfied {3} %").format(
				r["title"], r["responses"], r["average_score"], r["satisfaction_rate"]
			)
		)
	return "\n".join(lines) or None
