// Signage Screen: the office head opens the screen's URL (with its key) on the TV, or replaces the key.
frappe.ui.form.on("Signage Screen", {
	refresh(frm) {
		if (frm.is_new()) return;
		const show = (url) => {
			const d = new frappe.ui.Dialog({
				title: __("Screen URL"),
				fields: [{ fieldname: "url", fieldtype: "Small Text", read_only: 1, default: url }],
			});
			d.show();
		};
		frm.add_custom_button(__("Screen URL"), () =>
			frappe.xcall("school_office.notices.api.screen_url", { screen: frm.doc.name }).then(show)
		);
		frm.add_custom_button(__("New Key"), () =>
			frappe.confirm(__("The old URL stops working. Make a new key?"), () =>
				frappe.xcall("school_office.notices.api.regenerate_screen_key", { screen: frm.doc.name }).then(show)
			)
		);
	},
});
