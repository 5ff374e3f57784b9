# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""At phone width: few standard filters above the lists (each one is a full-width row on a phone), and the
utilisation chart keeps whole, translated labels instead of cutting each to "..."."""

import frappe
from frappe.tests.utils import FrappeTestCase


class TestPhoneWidth(FrappeTestCase):
	def test_lists_have_at_most_three_standard_filters(self):
		for doctype, expected in (
			("Official Document", {"direction", "status", "secret_level"}),
			("Service Request", {"status", "service_type", "priority"}),
			("Venue Booking", {"venue", "status"}),
		):
			with self.subTest(doctype=doctype):
				meta = frappe.get_meta(doctype)
				self.assertEqual({df.fieldname for df in meta.fields if df.in_standard_filter}, expected)

	def test_utilisation_chart_labels_whole_and_translated(self):
		from school_office.venues.report.venue_utilisation import venue_utilisation

		frappe.local.lang = "zh"
		try:
			rows = [{"venue": "Meeting Room 201", "month": "2031-03", "utilisation": 12.5}]
			original = venue_utilisation.utilisation_rows
			venue_utilisation.utilisation_rows = lambda *a, **k: rows
			try:
				result = venue_utilisation.execute(
					frappe._dict(from_date="2031-03-01", to_date="2031-03-31", group_by="Venue")
				)
			finally:
				venue_utilisation.utilisation_rows = original
		finally:
			frappe.local.lang = "en"
		chart = result[3]
		self.assertEqual(chart["data"]["labels"], ["201会议室"])
		self.assertEqual(chart["axisOptions"], {"xIsSeries": 1, "seriesLabelSpaceRatio": 1})

	def test_dashboard_chart_labels_whole(self):
		import json

		chart = frappe.get_doc("Dashboard Chart", "Venue Bookings per Venue")
		self.assertEqual(json.loads(chart.custom_options)["axisOptions"]["xIsSeries"], 1)
