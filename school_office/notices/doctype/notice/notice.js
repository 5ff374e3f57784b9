// Notice: the rejection reason is asked before Reject (kept in the review log); a listed department
// confirms receipt; the office posts updates to a published notice (pushed on every channel).
frappe.ui.form.on("Notice", {
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Reject") return;
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			const d = frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Rejection"), reqd: 1 },
				(values) => {
					frappe
						.xcall("school_office.notices.api.reject", { notice: frm.doc.name, reason: values.reason })
						.then(() => frm.reload_doc())
						.finally(() => reject());
				},
				__("Reject"),
				__("Reject")
			);
			d.onhide = () => reject();
		});
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const doc = frm.doc;
		if (doc.status === "Published" && doc.requires_acknowledgement) {
			frm.add_custom_button(__("Confirm Receipt"), () =>
				frappe
					.xcall("school_office.notices.api.acknowledge", { notice: doc.name })
					.then(() => {
						frappe.show_alert({ message: __("Receipt confirmed. Thank you."), indicator: "green" });
						frm.reload_doc();
					})
			);
		}
		const office = ["Office Staff", "Office Manager", "School Leader"].some((r) => frappe.user_roles.includes(r));
		if (doc.status === "Published" && office) {
			frm.add_custom_button(__("Post Update"), () =>
				frappe.prompt(
					{ fieldname: "text", fieldtype: "Small Text", label: __("Update"), reqd: 1 },
					(values) =>
						frappe
							.xcall("school_office.notices.api.post_update", { notice: doc.name, text: values.text })
							.then(() => frm.reload_doc()),
					__("Post Update"),
					__("Post Update")
				)
			);
		}
		if (doc.status === "Published") {
			frm.add_custom_button(__("Open on the Portal"), () => window.open(`/notices/${encodeURIComponent(doc.name)}`));
		}
	},
});
