// Official Document form: routing actions of the current user (countersign, feedback, read receipt),
// overdue rows highlighted, the GB/T 9704 print for outgoing documents.
const OD_API = "school_office.office_documents.api";

// 密级 and 紧急程度 of an official document read 非密 / 平件 / 加急 (the zh rows with the context "Official
// Document"): the editable select translates its options with the doctype as context, the read-only value and
// the grid did not, and read 公开 / 普通
function od_context_formatters() {
	const map = frappe.meta.docfield_map["Official Document"] || {};
	["secret_level", "urgency"].forEach((fieldname) => {
		if (map[fieldname]) map[fieldname].formatter = (value) => (value ? __(value, null, "Official Document") : value);
	});
}

frappe.ui.form.on("Official Document", {
	setup() {
		od_context_formatters();
	},
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
	direction(frm) {
		set_routing_actions(frm);
	},
	refresh(frm) {
		// the workflow's Actions button keeps its label on a phone (Frappe shows only a caret there)
		frm.page.actions_btn_group.find(".actions-btn-group-label").removeClass("hidden-xs");
		// a phone shows the user's own routing actions (Give Feedback, Countersign, Confirm Read) as buttons on
		// the screen, not only under "…" (Frappe hides the custom buttons there); the print goes to the menu
		if (frappe.is_mobile()) frm.page.custom_actions.removeClass("hidden-xs hidden-md");
		highlight_overdue(frm);
		set_routing_actions(frm);
		show_step_hint(frm);
		if (frm.is_new()) return;
		frappe.call({ method: `${OD_API}.my_routing`, args: { name: frm.doc.name } }).then((r) => {
			(r.message || []).forEach((row) => add_row_button(frm, row));
		});
		if (frm.doc.direction === "Outgoing" && frm.doc.document_number) {
			const print_pdf = () =>
				window.open(`/api/method/frappe.utils.print_format.download_pdf?doctype=Official%20Document&name=${encodeURIComponent(frm.doc.name)}&format=Official%20Document%20GBT%209704`);
			if (frappe.is_mobile()) frm.page.add_menu_item(__("Print (GB/T 9704)"), print_pdf);
			else frm.add_custom_button(__("Print (GB/T 9704)"), print_pdf);
		}
	},

	// what the chosen step demands, asked for before the action instead of failing on the server
	before_workflow_action(frm) {
		const action = frm.selected_workflow_action;
		if (frm.doc.direction === "Incoming" && action === "Review" && !(frm.doc.review_opinion || "").trim()) {
			frappe.dom.unfreeze();
			return new Promise((resolve) => {
				let done = false;
				const d = new frappe.ui.Dialog({
					title: __("Review Opinion"),
					fields: [{ fieldname: "review_opinion", fieldtype: "Small Text", label: __("Review Opinion"), reqd: 1 }],
					primary_action_label: __("Review"),
					primary_action(values) {
						done = true;
						d.hide();
						frm.set_value("review_opinion", values.review_opinion);
						frm.save().then(resolve);
					},
				});
				// cancelled: the action is not taken (a promise left pending, no error in the console)
				d.onhide = () => done;
				d.show();
			});
		}
		if (action === "Distribute" && !(frm.doc.routing || []).some((r) => ["Handle", "Read"].includes(r.action))) {
			return stop_action(frm, "routing", __("Add the departments or people who handle or read the document before distributing it"));
		}
		if (frm.doc.direction === "Outgoing" && action === "Send for Countersign"
			&& !(frm.doc.routing || []).some((r) => r.action === "Countersign")) {
			return stop_action(frm, "routing", __("No department is listed to countersign"));
		}
	},
});

// the action is not taken: the message says what is missing, the form shows where
function stop_action(frm, fieldname, message) {
	frappe.dom.unfreeze();
	frm.selected_workflow_action = null;
	frm.scroll_to_field(fieldname);
	frappe.msgprint({ message, indicator: "orange", title: __("Not yet") });
	return new Promise(() => {});
}

// a hint on the form of what the current step needs from the person who acts next
const STEP_HINTS = {
	Incoming: {
		Draft: ["Document Clerk", "Check the sender, pages and secret level, tick the receipt checks and save; then Receive (or, if damaged, attach a photo, give the reason and Return to Sender)."],
		Registered: ["Office Manager", "Write the review opinion (who handles, who reads) and save; then Review."],
		Reviewed: ["Document Clerk", "Add the departments or people who handle or read the document in Routing and save; then Distribute."],
		"In Process": ["Document Clerk", "Waiting for the feedback of every handling department; then Complete."],
	},
	Outgoing: {
		"Office Review": ["Office Manager", "List the departments that countersign in Routing (action Countersign) if any, save; then Send for Countersign or Send for Sign-off."],
		Sealed: ["Document Clerk", "Add the recipients in Routing (Handle or Read) and save; then Distribute."],
	},
};

function show_step_hint(frm) {
	frm.set_intro("");
	if (frm.is_new()) return;
	const hint = (STEP_HINTS[frm.doc.direction] || {})[frm.doc.status];
	if (hint && frappe.user.has_role(hint[0])) frm.set_intro(__(hint[1]), "blue");
}

// Countersign rows belong to outgoing documents only
function set_routing_actions(frm) {
	const grid = frm.fields_dict.routing && frm.fields_dict.routing.grid;
	if (!grid) return;
	const options = frm.doc.direction === "Incoming" ? ["Handle", "Read"] : ["Handle", "Read", "Countersign"];
	grid.update_docfield_property("action", "options", options.join("\n"));
}

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
	}, frappe.is_mobile() ? undefined : __("My Routing"));
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
