// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.ui.form.on("Satisfaction Survey", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("View Results"), () => {
			window.open("/survey-results?survey=" + encodeURIComponent(frm.doc.name));
		});
		if (frm.doc.published) {
			frm.add_custom_button(__("Open Survey Page"), () => {
				window.open("/satisfaction-survey?survey=" + encodeURIComponent(frm.doc.name));
			});
		}
	},
});
