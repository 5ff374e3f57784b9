// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.ui.form.on("Inspection Round", {
	template(frm) {
		if (!frm.doc.template) return;
		frappe.db.get_doc("Inspection Template", frm.doc.template).then((tpl) => {
			frm.clear_table("results");
			(tpl.items || []).forEach((i) => frm.add_child("results", { item: i.item }));
			frm.refresh_field("results");
			frm.set_value("round_type", tpl.round_type);
			if (tpl.area && !frm.doc.area) frm.set_value("area", tpl.area);
			if (tpl.location && !frm.doc.location) frm.set_value("location", tpl.location);
		});
	},
	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		(frm.doc.findings || [])
			.filter((f) => f.rectification_status === "Rectified")
			.forEach((f) => {
				frm.add_custom_button(
					__("Finding {0}", [f.idx]),
					() => verify_finding(frm, f),
					__("Verify Rectification")
				);
			});
	},
});

function verify_finding(frm, finding) {
	const d = new frappe.ui.Dialog({
		title: __("Verify Rectification"),
		fields: [
			{ fieldtype: "Small Text", fieldname: "finding", label: __("Finding"), read_only: 1, default: finding.description },
			{ fieldtype: "Check", fieldname: "accepted", label: __("Rectification Accepted"), default: 1 },
			{
				fieldtype: "Small Text",
				fieldname: "note",
				label: __("What Is Still to Be Rectified"),
				depends_on: "eval:!doc.accepted",
			},
		],
		primary_action_label: __("Submit"),
		primary_action(values) {
			frappe
				.call({
					method: "school_office.inspections.rectification.verify",
					type: "POST",
					args: { finding: finding.name, accepted: values.accepted ? 1 : 0, note: values.note || "" },
				})
				.then(() => {
					d.hide();
					frm.reload_doc();
				});
		},
	});
	d.show();
}
