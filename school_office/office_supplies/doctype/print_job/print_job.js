// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.ui.form.on("Print Job", {
	refresh(frm) {
		if (frm.is_new()) return;
		const act = (method, label, args) =>
			frm.add_custom_button(label, () => frm.call(method, args || {}).then(() => frm.reload_doc()));
		const s = frm.doc.status;
		const room = frappe.user.has_role(["Office Manager", "Office Staff"]);
		if (s === "Pending Approval" && frappe.user.has_role(["Department Head", "Office Manager"])) {
			act("approve", __("Approve"));
			frm.add_custom_button(__("Reject"), () =>
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Rejection Reason"), reqd: 1 },
					(v) => frm.call("reject", { reason: v.reason }).then(() => frm.reload_doc()),
					__("Reject")
				)
			);
		}
		if (room && ["Submitted", "Approved"].includes(s)) act("start", __("Start"));
		if (room && s === "In Progress") act("mark_ready", __("Mark Ready"));
		if (room && s === "Ready") act("mark_collected", __("Mark Collected"));
	},
});
