// Official Document form: routing actions of the current user (countersign, feedback, read receipt),
// overdue rows highlighted, the GB/T 9704 print for outgoing documents.
const OD_API = "school_office.office_documents.api";

frappe.ui.form.on("Official Document", {
	onload(frm) {
		// read receipt (传阅): opening a document routed to me for reading records who and when
		if (!frm.is_new() && ["In Process", "Distributed"].includes(frm.doc.status)) {
			const me = frappe.session.user;
			const pending = (frm.doc.routing || []).some((r) => r.action === "Read" && r.status === "Pending" && (r.user === me || !r.user));
			if (pending) {
				frappe.call({ method: `${OD_API}.mark_read`, args: { name: frm.doc.name } }).then((r) => {
					if (r.message && r.message.length) frm.reload_doc();
				});
			}
		}
	},
	refresh(frm) {
		highlight_overdue(frm);
		if (frm.is_new()) return;
		frappe.call({ method: `${OD_API}.my_routing`, args: { name: frm.doc.name } }).then((r) => {
			(r.message || []).forEach((row) => add_row_button(frm, row));
		});
		if (frm.doc.direction === "Outgoing" && frm.doc.document_number) {
			frm.add_custom_button(__("Print (GB/T 9704)"), () =>
				window.open(`/api/method/frappe.utils.print_format.download_pdf?doctype=Official%20Document&name=${encodeURIComponent(frm.doc.name)}&format=Official%20Document%20GBT%209704`));
		}
	},
});

const ROW_LABELS = { Countersign: __("Countersign"), Handle: __("Give Feedback"), Read: __("Confirm Read") };

function add_row_button(frm, row) {
	frm.add_custom_button(ROW_LABELS[row.action] || row.action, () => {
		const needs_comment = row.action === "Handle";
		frappe.prompt(
			[{ fieldname: "comment", fieldtype: "Small Text", label: __("Comment"), reqd: needs_comment ? 1 : 0 }],
			(values) => {
				frappe.call({ method: `${OD_API}.act`, args: { name: frm.doc.name, row: row.name, comment: values.comment } })
					.then(() => frm.reload_doc());
			},
			ROW_LABELS[row.action] || row.action
		);
	}, __("My Routing"));
}

function highlight_overdue(frm) {
	const grid = frm.fields_dict.routing && frm.fields_dict.routing.grid;
	if (!grid) return;
	const now = frappe.datetime.now_datetime();
	(grid.grid_rows || []).forEach((gr) => {
		const d = gr.doc;
		const overdue = d.status === "Pending" && d.due_by && d.due_by < now;
		$(gr.row).toggleClass("od-overdue", !!overdue).css("background-color", overdue ? "var(--red-100)" : "");
	});
}
