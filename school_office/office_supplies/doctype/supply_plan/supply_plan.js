// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.ui.form.on("Supply Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		const act = (method, label, confirm) => {
			const run = () =>
				frm.call(method).then((r) => {
					if (r && typeof r.message === "string") frappe.show_alert(r.message);
					frm.reload_doc();
				});
			frm.add_custom_button(label, () => (confirm ? frappe.confirm(confirm, run) : run()));
		};
		const staff = frappe.user.has_role(["Office Manager", "Office Staff"]);
		const manager = frappe.user.has_role("Office Manager");
		if (frm.doc.status === "Draft" && staff) {
			act("compute", __("Compute"));
			if ((frm.doc.lines || []).length) act("submit_for_approval", __("Send for Approval"));
		}
		if (frm.doc.status === "Pending Approval" && manager) {
			act("approve", __("Approve"), __("Approve the plan and create the Material Request and the Request for Quotation?"));
			act("return_to_draft", __("Send Back"));
		}
		if (!["Ordered", "Cancelled"].includes(frm.doc.status) && manager) {
			act("cancel_plan", __("Cancel Plan"), __("Cancel this plan?"));
		}
		frappe.realtime.off("supply_plan_computed");
		frappe.realtime.on("supply_plan_computed", (data) => {
			if (data && data.name === frm.doc.name) frm.reload_doc();
		});
	},
});
