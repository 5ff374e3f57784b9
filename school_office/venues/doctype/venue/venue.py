# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""A bookable room on ERPNext's Location tree (RM-1): capacity, category rules, equipment.

A venue without a Location gets one (under its building's Location) when it is saved.
The equipment table can be filled from the ERPNext Assets at the venue's Location
("Get Equipment from Assets"), so the assets in a room are the room's equipment.
"""

import frappe
from frappe import _
from frappe.model.document import Document


class Venue(Document):
	def validate(self):
		if (self.capacity or 0) < 1:
			frappe.throw(_("Capacity must be at least 1."))
		if not self.check_in_key:
			self.check_in_key = frappe.generate_hash(length=16)
		if not self.location:
			self.location = self.ensure_location()
		seen = set()
		for row in self.equipment:
			row.equipment = " ".join((row.equipment or "").split())
			key = row.equipment.lower()
			if key in seen:
				frappe.throw(_("Row {0}: {1} is listed twice.").format(row.idx, row.equipment))
			seen.add(key)

	def ensure_location(self) -> str:
		"""Put the venue on ERPNext's Location tree: <building> (a group) > <venue name>."""
		parent = None
		if self.building:
			parent = self.building
			if not frappe.db.exists("Location", parent):
				frappe.get_doc({"doctype": "Location", "location_name": parent, "is_group": 1}).insert(
					ignore_permissions=True
				)
			elif not frappe.db.get_value("Location", parent, "is_group"):
				parent = None
		if not frappe.db.exists("Location", self.venue_name):
			frappe.get_doc(
				{"doctype": "Location", "location_name": self.venue_name, "parent_location": parent}
			).insert(ignore_permissions=True)
		return self.venue_name

	@frappe.whitelist()
	def get_equipment_from_assets(self):
		"""Add the submitted Assets at this venue's Location (and below it) to the equipment table."""
		self.check_permission("write")
		if not self.location:
			frappe.throw(_("Set the venue's Location first."))
		lft, rgt = frappe.db.get_value("Location", self.location, ["lft", "rgt"])
		locations = frappe.get_all("Location", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name")
		assets = frappe.get_all(
			"Asset",
			filters={"location": ("in", locations), "docstatus": 1},
			fields=["name", "asset_name", "item_name"],
		)
		have = {r.asset for r in self.equipment if r.asset}
		added = 0
		for a in assets:
			if a.name in have:
				continue
			label = a.asset_name or a.item_name or a.name
			existing = next(
				(r for r in self.equipment if r.equipment.lower() == label.lower() and not r.asset), None
			)
			if existing:
				existing.asset = a.name
			else:
				self.append("equipment", {"equipment": label, "quantity": 1, "asset": a.name})
			added += 1
		return added
