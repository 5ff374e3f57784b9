"""A few values the app keeps outside its own doctypes (global defaults in tabDefaultValue), so they are
still there when the app is uninstalled: what the install created.

Read from the table, not through frappe.defaults' cache: during an install Frappe does not clear that
cache when a default is set (frappe.defaults._clear_cache returns early in_install), so a value read back
in the same install would be stale.
"""

import json

import frappe

PARENT = "__global"


def read_json(key: str, default=None):
	value = frappe.db.get_value("DefaultValue", {"parent": PARENT, "defkey": key}, "defvalue")
	if not value:
		return default
	try:
		return json.loads(value)
	except ValueError:
		return default


def write_json(key: str, value):
	frappe.db.set_global(key, json.dumps(value, sort_keys=True))


def clear(key: str):
	frappe.defaults.clear_default(key=key, parent=PARENT)
