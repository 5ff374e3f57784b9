// Campus Assets on ERPNext's Asset form: label, scan page, transfer and disposal requests
frappe.ui.form.on("Asset", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(
			__("Label"),
			() => {
				const url =
					"/api/method/school_office.campus_assets.labels.label_sheet?assets=" +
					encodeURIComponent(JSON.stringify([frm.doc.name]));
				window.open(url);
			},
			__("Campus Assets")
		);
		if (frm.doc.docstatus === 1 && !["Scrapped", "Sold", "Cancelled"].includes(frm.doc.status)) {
			frm.add_custom_button(
				__("Request Transfer"),
				() => frappe.new_doc("Asset Transfer", { asset: frm.doc.name }),
				__("Campus Assets")
			);
			frm.add_custom_button(
				__("Request Disposal"),
				() =>
					frappe.new_doc("Asset Disposal", {}).then(() => {
						const d = cur_frm;
						if (d && d.doctype === "Asset Disposal") {
							d.clear_table("items");
							d.add_child("items", { asset: frm.doc.name });
							d.refresh_field("items");
						}
					}),
				__("Campus Assets")
			);
		}
	},
});
