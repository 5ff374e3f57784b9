// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt
// Office Supplies on ERPNext's Stock Entry: the Office Manager approves scrapping expired or damaged stock.

frappe.ui.form.on("Stock Entry", {
	refresh(frm) {
		if (frm.doc.docstatus !== 0 || frm.is_new() || !frm.doc.scrap_reason || frm.doc.scrap_approved_by) return;
		if (!frappe.user.has_role("Office Manager")) return;
		frm.add_custom_button(__("Approve Scrapping"), () =>
			frappe
				.call({
					method: "school_office.office_supplies.stocktake.approve_scrap",
					args: { stock_entry: frm.doc.name },
				})
				.then(() => frm.reload_doc())
		);
	},
});
