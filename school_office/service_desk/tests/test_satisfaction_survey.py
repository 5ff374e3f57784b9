# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""SD-13: the semester satisfaction survey. The Office Manager sets it up; students answer once each on the
portal (anonymous by default), with answers checked against the survey's own questions; the results are
tallied by hand-checked figures and shown to everyone only once published; the quarterly Quality Review
gets the satisfaction line."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from school_office.service_desk import survey
from school_office.service_desk.tests.test_hardening import make_staff
from school_office.service_desk.tests.test_portal import make_portal_user
from school_office.tests.fixtures import make_user

SCALE = ["Very Satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very Dissatisfied"]


def all_best(n=5, pick="Very Satisfied"):
	return {str(i): pick for i in range(1, n + 1)}


class TestSatisfactionSurvey(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.manager = make_staff("survey.manager@test.school")
		cls.students = [make_portal_user(f"survey.student{i}@test.school", f"Survey {i}") for i in range(3)]
		cls.staff = make_user("survey.staff@test.school", ["Office Staff"])

	def tearDown(self):
		frappe.set_user("Administrator")

	def make_survey(self, **values):
		frappe.set_user(self.manager)
		doc = frappe.get_doc(
			{
				"doctype": survey.SURVEY,
				"title": "Survey " + frappe.generate_hash(length=6),
				"semester": "2026-2027 S1",
				"published": 1,
				**values,
			}
		).insert()
		frappe.set_user("Administrator")
		return doc

	def answer(self, user, doc, answers=None, open_answer=None):
		frappe.set_user(user)
		try:
			return survey.submit_response(doc.name, frappe.as_json(answers or all_best()), open_answer)
		finally:
			frappe.set_user("Administrator")

	def test_new_survey_has_the_five_standard_questions_and_only_the_manager_makes_one(self):
		doc = self.make_survey(published=0)
		self.assertEqual([q.question for q in doc.questions], [frappe._(q) for q in survey.DEFAULT_QUESTIONS])
		self.assertEqual(doc.open_question, frappe._(survey.DEFAULT_OPEN_QUESTION))
		self.assertEqual(doc.status, "Draft")
		for user in (self.staff, self.students[0]):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc({"doctype": survey.SURVEY, "title": "x", "semester": "y"}).insert()
		frappe.set_user(self.manager)
		doc.reload()
		doc.published = 1
		doc.save()
		self.assertEqual(doc.status, "Accepting Answers")

	def test_a_student_answers_once_anonymously(self):
		doc = self.make_survey()
		student = self.students[0]
		out = self.answer(student, doc, open_answer="  More windows at noon  ")
		self.assertIn("message", out)
		rows = frappe.get_all(
			survey.RESPONSE,
			filters={"survey": doc.name},
			fields=["name", "respondent", "owner", "open_answer", "average_score", "respondent_key"],
		)
		self.assertEqual(len(rows), 1)
		r = rows[0]
		self.assertEqual((r.respondent, r.owner, r.open_answer), (None, "Guest", "More windows at noon"))
		self.assertEqual(r.average_score, 100)
		self.assertNotIn(student, r.respondent_key)
		answers = frappe.get_all(
			survey.ANSWER, filters={"parent": r.name}, fields=["owner", "question_no", "answer"]
		)
		self.assertEqual({a.owner for a in answers}, {"Guest"})
		self.assertEqual(sorted(a.question_no for a in answers), [1, 2, 3, 4, 5])
		self.assertEqual(frappe.db.get_value(survey.SURVEY, doc.name, "response_count"), 1)
		self.assertTrue(survey.has_answered(doc.name, student))
		with self.assertRaisesRegex(frappe.ValidationError, "already answered"):
			self.answer(student, doc)
		self.assertEqual(frappe.db.count(survey.RESPONSE, {"survey": doc.name}), 1)

	def test_a_named_survey_keeps_the_respondent(self):
		doc = self.make_survey(anonymous=0)
		self.answer(self.students[1], doc)
		self.assertEqual(
			frappe.db.get_value(survey.RESPONSE, {"survey": doc.name}, "respondent"), self.students[1]
		)

	def test_the_unique_key_holds_when_two_submissions_race(self):
		"""The check before inserting cannot see a submission made at the same moment; the unique key can."""
		doc = self.make_survey()
		self.answer(self.students[0], doc)
		key = survey.respondent_key(doc.name, self.students[0])
		twin = frappe.get_doc(
			{
				"doctype": survey.RESPONSE,
				"survey": doc.name,
				"respondent_key": key,
				"answers": [{"question_no": 1, "question": "q", "answer": "Neutral"}],
			}
		)
		with self.assertRaises((frappe.UniqueValidationError, frappe.DuplicateEntryError)):
			twin.insert(ignore_permissions=True)

	def test_bad_answers_and_closed_or_unpublished_surveys_are_refused(self):
		doc = self.make_survey()
		student = self.students[2]
		with self.assertRaisesRegex(frappe.ValidationError, "question 5"):
			self.answer(student, doc, {str(i): "Satisfied" for i in range(1, 5)})
		with self.assertRaisesRegex(frappe.ValidationError, "not one of its choices"):
			self.answer(student, doc, {**all_best(), "2": "Excellent"})
		with self.assertRaisesRegex(frappe.ValidationError, "no question 6"):
			self.answer(student, doc, {**all_best(), "6": "Satisfied"})
		self.assertEqual(frappe.db.count(survey.RESPONSE, {"survey": doc.name}), 0)
		draft = self.make_survey(published=0)
		with self.assertRaises(frappe.DoesNotExistError):
			self.answer(student, draft)
		closed = self.make_survey(opens_on=add_days(nowdate(), -10), closes_on=add_days(nowdate(), -1))
		with self.assertRaisesRegex(frappe.ValidationError, "not open"):
			self.answer(student, closed)
		later = self.make_survey(opens_on=add_days(nowdate(), 2))
		with self.assertRaisesRegex(frappe.ValidationError, "not open"):
			self.answer(student, later)
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			survey.submit_response(doc.name, frappe.as_json(all_best()))

	def test_students_never_read_or_write_responses_directly(self):
		doc = self.make_survey()
		self.answer(self.students[0], doc)
		frappe.set_user(self.students[1])
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list(survey.RESPONSE, filters={"survey": doc.name})
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{"doctype": survey.RESPONSE, "survey": doc.name, "respondent_key": "forged"}
			).insert()
		frappe.set_user(self.staff)  # office staff read the survey, not who answered what
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list(survey.RESPONSE, filters={"survey": doc.name})

	def test_results_by_hand_and_who_sees_them(self):
		doc = self.make_survey(results_published=0)
		picks = [
			all_best(),  # 100 on every question
			{**all_best(pick="Satisfied"), "5": "Very Dissatisfied"},  # 75,75,75,75,0
			all_best(pick="Neutral"),  # 50 on every question
		]
		for user, answers in zip(self.students, picks, strict=True):
			self.answer(user, doc, answers, open_answer="note " + user)
		frappe.set_user(self.students[0])
		with self.assertRaises(frappe.PermissionError):
			survey.survey_results(doc.name)
		frappe.set_user(self.manager)
		got = survey.survey_results(doc.name)
		self.assertEqual(got["responses"], 3)
		q1, q5 = got["questions"][0], got["questions"][4]
		self.assertEqual([c["count"] for c in q1["choices"]], [1, 1, 1, 0, 0])
		self.assertEqual([c["percent"] for c in q1["choices"]], [33.3, 33.3, 33.3, 0.0, 0.0])
		self.assertEqual(q1["average_score"], 75.0)
		self.assertEqual([c["count"] for c in q5["choices"]], [1, 0, 1, 0, 1])
		self.assertEqual(q5["average_score"], 50.0)
		# 15 answers: 5×100 + 4×75 + 0 + 5×50 = 1050; top two choices: 5 + 4 = 9
		self.assertEqual(got["average_score"], 70.0)
		self.assertEqual(got["satisfaction_rate"], 60.0)
		self.assertEqual(len(got["open_answers"]), 3)
		doc.reload()
		doc.results_published = 1
		doc.save()
		frappe.set_user(self.students[1])
		public = survey.survey_results(doc.name)
		self.assertEqual(public["average_score"], 70.0)
		self.assertNotIn("open_answers", public)

	def test_questions_are_fixed_once_answered_and_the_survey_is_kept(self):
		doc = self.make_survey()
		self.answer(self.students[0], doc)
		frappe.set_user(self.manager)
		doc.reload()
		doc.questions[0].choices = "Yes\nNo"
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be changed"):
			doc.save()
		doc.reload()
		doc.results_published = 1  # other edits are fine
		doc.save()
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be deleted"):
			frappe.delete_doc(survey.SURVEY, doc.name)

	def test_questions_need_choices_and_dates_in_order(self):
		frappe.set_user(self.manager)
		with self.assertRaisesRegex(frappe.ValidationError, "between 2 and 10"):
			frappe.get_doc(
				{
					"doctype": survey.SURVEY,
					"title": "x",
					"semester": "y",
					"questions": [{"question": "Only one choice?", "choices": "Yes"}],
				}
			).insert()
		with self.assertRaisesRegex(frappe.ValidationError, "close before it opens"):
			frappe.get_doc(
				{
					"doctype": survey.SURVEY,
					"title": "x",
					"semester": "y",
					"opens_on": "2026-12-10",
					"closes_on": "2026-12-01",
				}
			).insert()

	def test_daily_states_and_the_quarterly_review_line(self):
		doc = self.make_survey(opens_on="2016-09-01", closes_on="2016-11-30")
		frappe.db.set_value(survey.SURVEY, doc.name, "status", "Accepting Answers")
		survey.update_states()
		self.assertEqual(frappe.db.get_value(survey.SURVEY, doc.name, "status"), "Closed")
		frappe.db.set_value(survey.SURVEY, doc.name, {"opens_on": None, "closes_on": None})
		doc.reload()
		self.answer(self.students[0], doc)
		self.answer(self.students[1], doc, all_best(pick="Neutral"))
		frappe.db.set_value(survey.SURVEY, doc.name, "closes_on", "2016-11-30")
		line = survey.quarter_line(date(2016, 10, 1), date(2016, 12, 31))
		self.assertIn(doc.title, line)
		self.assertIn("2 responses, average score 75.0, satisfied 50.0 %", line)
		self.assertIsNone(survey.quarter_line(date(2015, 10, 1), date(2015, 12, 31)))

	def test_the_quarterly_quality_review_reports_the_survey(self):
		from school_office.service_desk import quality
		from school_office.service_desk.quality_setup import create_defaults

		create_defaults()
		doc = self.make_survey()
		self.answer(self.students[0], doc, all_best(pick="Satisfied"))
		frappe.db.set_value(survey.SURVEY, doc.name, {"opens_on": "2019-02-01", "closes_on": "2019-03-20"})
		frappe.db.delete("Quality Review", {"goal": quality.GOAL, "date": "2019-04-01"})
		review = frappe.get_doc({"doctype": "Quality Review", "goal": quality.GOAL, "date": "2019-04-01"})
		review.insert(ignore_permissions=True)  # ERPNext's daily job opens it as the system
		self.assertIn(
			f"{doc.title}: 1 responses, average score 75.0, satisfied 100.0 %", review.additional_information
		)

	def test_standard_questions_read_in_each_users_language(self):
		"""A survey set up in Chinese: English readers see the standard questions and scale in English."""
		from frappe.translate import get_all_translations

		zh = get_all_translations("zh")
		zh_questions = [zh[q] for q in survey.DEFAULT_QUESTIONS]
		doc = self.make_survey(
			questions=[{"question": q} for q in zh_questions]
			+ [{"question": "食堂几点开门？", "choices": "早\n晚"}],
			open_question=zh[survey.DEFAULT_OPEN_QUESTION],
		)
		lang = frappe.local.lang
		try:
			frappe.local.lang = "en"
			en = survey.results_of(doc)
			self.assertEqual(
				[q["question_label"] for q in en["questions"]][:5], list(survey.DEFAULT_QUESTIONS)
			)
			self.assertEqual(en["questions"][5]["question_label"], "食堂几点开门？")  # the office's own words
			self.assertEqual(en["questions"][0]["choices"][0]["label"], "Very Satisfied")
			self.assertEqual(en["open_question"], survey.DEFAULT_OPEN_QUESTION)
			frappe.local.lang = "zh"
			cn = survey.results_of(doc)
			self.assertEqual([q["question_label"] for q in cn["questions"]][:5], zh_questions)
			self.assertEqual(cn["questions"][0]["choices"][0]["label"], zh["Very Satisfied"])
		finally:
			frappe.local.lang = lang
