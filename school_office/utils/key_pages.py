"""Pages a door QR code opens on a phone — /venue-check-in and /meeting-sign-in: the record and one button
that POSTs the code's key to a whitelisted method (opening the page changes nothing). They share the guest
redirect, the button-and-result markup (templates/includes/key_action.html) and its script
(public/js/key_action.js); each page shows its own record."""

from urllib.parse import urlencode

import frappe


def require_login_with(route: str, args: dict):
	"""Guests log in and come back to the page with the same code."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?" + urlencode(
			{"redirect-to": f"{route}?{urlencode(args)}"}
		)
		raise frappe.Redirect


def key_action(
	*,
	css: str,
	label: str,
	can_act: bool,
	back_route: str,
	back_label: str,
	method: str,
	args: dict,
	messages: dict,
	done_arg: str | None = None,
	done_field: str | None = None,
) -> dict:
	"""What templates/includes/key_action.html needs. ``messages``: busy, done (with {0}), error. The {0} of
	``done`` is ``done_arg``, or the HH:MM of the method's answer field ``done_field``."""
	return {
		"css": css,
		"label": label,
		"can_act": bool(can_act),
		"back_route": back_route,
		"back_label": back_label,
		"config": {
			"method": method,
			"args": args,
			"csrf": frappe.sessions.get_csrf_token(),
			"messages": messages,
			"done_arg": done_arg,
			"done_field": done_field,
			"button": f".{css}-button",
			"result": f".{css}-result",
		},
	}
