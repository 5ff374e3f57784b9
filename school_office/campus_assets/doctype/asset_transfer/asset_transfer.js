// Asset Transfer: the department heads' approvals
frappe.ui.form.on("Asset Transfer", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.status.startsWith("Pending")) return;
		const call = (method, args) =>
			frappe
				.call({ method: "school_office.campus_assets.api." + method, args: args, freeze: true })
				.then(() => frm.reload_doc());
		frm.add_custom_button(__("Approve"), () => call("approve_transfer", { name: frm.doc.name }));
		frm.add_custom_button(__("Reject"), () =>
			frappe.prompt(
				[{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }],
				(v) => call("reject_transfer", { name: frm.doc.name, reason: v.reason }),
				__("Reject")
			)
		);
	},
});
