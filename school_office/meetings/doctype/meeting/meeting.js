// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt
// Each button calls a whitelisted Meeting method (an action that checks the caller's role on the stored record).

frappe.ui.form.on("Meeting", {
	refresh(frm) {
		if (frm.is_new()) return;
		const ol = frm.doc.__onload || {};
		const call = (method, args, done) =>
			frm.call(method, args || {}).then((r) => {
				frm.reload_doc();
				if (done) done(r);
			});
		const st = frm.doc.status;
		if (st === "Draft" && ol.can_edit) {
			frm.add_custom_button(__("Send for Approval"), () => call("submit_for_approval"));
		}
		if (st === "Pending Approval") {
			frm.add_custom_button(__("Approve"), () => call("approve"), __("Review"));
			frm.add_custom_button(__("Send Back"), () =>
				frappe.prompt({fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1},
					(v) => call("send_back", {reason: v.reason}), __("Send Back")), __("Review"));
		}
		if (["Draft", "Pending Approval", "Approved", "Notified"].includes(st) && ol.can_edit) {
			frm.add_custom_button(__("Book Room"), () => {
				frappe.call("school_office.meetings.api.free_rooms", {meeting: frm.doc.name}).then((r) => {
					const rooms = r.message || [];
					if (!rooms.length) {
						frappe.msgprint(__("No free room for this time, headcount and equipment."));
						return;
					}
					frappe.prompt(
						{fieldname: "venue", fieldtype: "Select", label: __("Venue"), reqd: 1,
							options: rooms.map((v) => ({value: v.name, label: `${v.label} (${v.capacity})`}))},
						(v) => call("book_room", {venue: v.venue}),
						__("Book Room"));
				});
			}, __("Room"));
			frm.add_custom_button(__("Sign-in QR Code"), () => {
				frappe.call("school_office.meetings.api.qr_svg", {meeting: frm.doc.name}).then((r) => {
					const d = new frappe.ui.Dialog({title: __("Sign-in QR Code")});
					// html-safe: the SVG is made by pyqrcode on the server; the URL is escaped
					d.$body.html(`<div style="text-align:center">${r.message.svg}<p class="small">${frappe.utils.escape_html(r.message.url)}</p></div>`);
					d.show();
				});
			}, __("Room"));
			frm.add_custom_button(__("Equipment Tested"), () => call("mark_setup_tested"), __("Room"));
			frm.add_custom_button(__("Cancel Meeting"), () =>
				frappe.prompt({fieldname: "reason", fieldtype: "Small Text", label: __("Reason")},
					(v) => call("cancel_meeting", {reason: v.reason}), __("Cancel Meeting")));
		}
		if (st === "Approved" && ol.can_edit) {
			frm.add_custom_button(__("Send Notice"), () => call("send_notice"), __("Notice"));
			frm.add_custom_button(__("Send Notice (Override Lead Time)"), () =>
				frappe.prompt({fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1},
					(v) => call("send_notice", {override_reason: v.reason}), __("Override")), __("Notice"));
		}
		if (["Approved", "Notified"].includes(st) && ol.my_rsvp) {
			for (const [label, answer] of [[__("Attend"), "Accepted"], [__("Decline"), "Declined"]]) {
				frm.add_custom_button(label, () =>
					frappe.call({method: "school_office.meetings.api.rsvp", args: {meeting: frm.doc.name, answer}})
						.then(() => frm.reload_doc()), __("RSVP"));
			}
			frm.add_custom_button(__("Send a Delegate"), () =>
				frappe.prompt({fieldname: "delegate", fieldtype: "Link", options: "User", label: __("Delegate"), reqd: 1},
					(v) => frappe.call({method: "school_office.meetings.api.rsvp",
						args: {meeting: frm.doc.name, answer: "Delegated", delegate: v.delegate}}).then(() => frm.reload_doc()),
					__("Send a Delegate")), __("RSVP"));
		}
		if (st === "Notified") frm.add_custom_button(__("Start Meeting"), () => call("start_meeting"));
		if (["Notified", "In Progress"].includes(st) && (frm.doc.agenda || []).length) {
			frm.add_custom_button(__("Agenda Item Status"), () =>
				frappe.prompt([
					{fieldname: "item", fieldtype: "Select", label: __("Topic"), reqd: 1,
						options: frm.doc.agenda.map((a) => ({value: String(a.idx), label: `${a.idx}. ${a.topic}`}))},
					{fieldname: "status", fieldtype: "Select", label: __("Status"), reqd: 1,
						options: [{value: "Discussed", label: __("Discussed")}, {value: "Deferred", label: __("Deferred")},
							{value: "Pending", label: __("Pending")}]},
				], (v) => call("set_agenda_status", {item: v.item, status: v.status}), __("Agenda Item Status")));
		}
		if (["Approved", "Notified", "Held", "Minutes Review", "Minutes Published"].includes(st)
			&& !frm.doc.auto_repeat && frappe.user.has_role("Meeting Team")) {
			frm.add_custom_button(__("Repeat Monthly"), () => call("repeat_monthly"));
		}
		if (["Notified", "In Progress"].includes(st)) frm.add_custom_button(__("End Meeting"), () => call("end_meeting"));
		if (["In Progress", "Held", "Minutes Review", "Minutes Published"].includes(st) && (ol.is_minute_taker || ol.can_publish)) {
			frm.add_custom_button(__("Minutes Draft"), () => frappe.set_route("Form", "Meeting Minutes", frm.doc.name));
		}
		if (st === "Held" && ol.is_minute_taker) frm.add_custom_button(__("Submit Minutes"), () => call("submit_minutes"));
		if (st === "Minutes Review" && ol.can_publish) {
			frm.add_custom_button(__("Publish Minutes"), () => call("publish_minutes"), __("Minutes"));
			frm.add_custom_button(__("Return Minutes"), () =>
				frappe.prompt({fieldname: "comment", fieldtype: "Small Text", label: __("Comment"), reqd: 1},
					(v) => call("return_minutes", {comment: v.comment}), __("Return Minutes")), __("Minutes"));
		}
		if (st === "Minutes Published" && ol.can_publish) {
			const open = (frm.doc.decisions || []).filter((d) => !d.project);
			if (open.length) {
				frm.add_custom_button(__("Start Project"), () =>
					frappe.prompt(
						{fieldname: "decision", fieldtype: "Select", label: __("Decision"), reqd: 1,
							options: open.map((d) => ({value: String(d.idx), label: `${d.idx}. ${d.decision}`}))},
						(v) => call("start_project", {decision: v.decision}),
						__("Start Project")));
			}
		}
		for (const p of ol.project_progress || []) {
			frm.dashboard.add_comment(
				__("Project {0}: {1}% complete", [frappe.utils.escape_html(p.project_name), p.percent_complete || 0]),
				"blue", true);
		}
	},
});
