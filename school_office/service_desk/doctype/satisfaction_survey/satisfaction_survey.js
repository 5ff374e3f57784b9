// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.ui.form.on("Satisfaction Survey", {
	onload(frm) {
		if (!frm.is_new() || (frm.doc.questions || []).some((q) => q.question)) return;
		frappe.call("school_office.service_desk.survey.default_questions").then((r) => {
			const d = r.message || {};
			frm.clear_table("questions");
			(d.questions || []).forEach((question) => frm.add_child("questions", { question }));
			frm.refresh_field("questions");
			if (!frm.doc.open_question) frm.set_value("open_question", d.open_question);
		});
	},
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
