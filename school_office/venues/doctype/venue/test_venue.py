# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Venue: on ERPNext's Location tree, capacity and equipment checks."""

import frappe
from frappe.tests.utils import FrappeTestCase

from school_office.venues.install import create_defaults

# no ERPNext test records (Company, Asset, ...) are needed for these tests
test_ignore = ["Location", "Asset", "Venue Category"]


class TestVenue(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		create_defaults()

	def test_venue_joins_location_tree_under_its_building(self):
		v = frappe.get_doc(
			{
				"doctype": "Venue",
				"venue_name": "TVL Room 7",
				"venue_category": "Normal",
				"capacity": 12,
				"building": "TVL Building",
			}
		).insert(ignore_permissions=True)
		self.assertEqual(v.location, "TVL Room 7")
		self.assertEqual(frappe.db.get_value("Location", "TVL Room 7", "parent_location"), "TVL Building")
		self.assertTrue(frappe.db.get_value("Location", "TVL Building", "is_group"))
		self.assertTrue(v.check_in_key)

	def test_capacity_and_duplicate_equipment_refused(self):
		self.assertRaises(
			frappe.ValidationError,
			frappe.get_doc(
				{"doctype": "Venue", "venue_name": "TVL Zero", "venue_category": "Normal", "capacity": 0}
			).insert,
		)
		self.assertRaises(
			frappe.ValidationError,
			frappe.get_doc(
				{
					"doctype": "Venue",
					"venue_name": "TVL Dup",
					"venue_category": "Normal",
					"capacity": 5,
					"equipment": [{"equipment": "Projector"}, {"equipment": " projector"}],
				}
			).insert,
		)

	def test_get_equipment_from_assets_needs_a_location(self):
		v = frappe.get_doc(
			{"doctype": "Venue", "venue_name": "TVL Room 8", "venue_category": "Normal", "capacity": 5}
		).insert(ignore_permissions=True)
		self.assertEqual(v.get_equipment_from_assets(), 0)  # its own new Location holds no assets yet
		self.assertEqual(len(v.equipment), 0)
