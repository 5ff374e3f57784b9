// Asset Disposal: the Office Manager's approval, then scrapping through ERPNext
frappe.ui.form.on("Asset Disposal", {
	refresh(frm) {
		if (frm.is_new()) return;
		const call = (method, args) =>
			frappe
				.call({ method: "school_office.campus_assets.api." + method, args: args, freeze: true })
				.then(() => frm.reload_doc());
		if (frm.doc.status === "Requested" && frappe.user.has_role("Office Manager")) {
			frm.add_custom_button(__("Approve"), () => call("approve_disposal", { name: frm.doc.name }));
			frm.add_custom_button(__("Reject"), () =>
				frappe.prompt(
					[{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }],
					(v) => call("reject_disposal", { name: frm.doc.name, reason: v.reason }),
					__("Reject")
				)
			);
		}
		if (frm.doc.status === "Approved") {
			frm.add_custom_button(__("Scrap Assets"), () =>
				frappe.confirm(__("Scrap the listed assets in ERPNext now?"), () =>
					call("scrap_disposal", { name: frm.doc.name })
				)
			);
		}
	},
});
