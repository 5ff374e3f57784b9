// Retention Review: submit → a School Leader approves or rejects → destroy.
frappe.ui.form.on("Retention Review", {
	refresh(frm) {
		if (frm.is_new()) return;
		const roles = frappe.user_roles;
		const run = (method, confirm_text) => {
			const go = () => frm.call(method).then(() => frm.reload_doc());
			confirm_text ? frappe.confirm(confirm_text, go) : go();
		};
		const preparer = roles.includes("Office Manager") || roles.includes("Document Clerk");
		if (preparer && ["Draft", "Rejected"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Submit for Approval"), () => run("submit_for_approval"));
		}
		if (roles.includes("School Leader") && frm.doc.status === "Pending Approval") {
			frm.add_custom_button(__("Approve Destruction"), () => run("approve"));
			frm.add_custom_button(__("Reject"), () => run("reject"));
		}
		if (preparer && frm.doc.status === "Approved") {
			frm.add_custom_button(__("Destroy Documents"), () => run("destroy", __("Delete the files of the documents marked Destroy? The register entries stay.")));
		}
	},
});
