// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt
// Office Supplies on ERPNext's Purchase Order: the Office Manager's exception to the three-quote rule.

frappe.ui.form.on("Purchase Order", {
	refresh(frm) {
		if (frm.doc.docstatus !== 0 || frm.is_new() || frm.doc.quote_exception) return;
		if (!frappe.user.has_role("Office Manager")) return;
		frm.add_custom_button(__("Grant Quote Exception"), () =>
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Exception Reason"), reqd: 1 },
				(v) =>
					frappe
						.call({
							method: "school_office.office_supplies.quotes.grant_quote_exception",
							args: { purchase_order: frm.doc.name, reason: v.reason },
						})
						.then(() => frm.reload_doc()),
				__("Grant Quote Exception")
			)
		);
	},
});
