"""Standard replies and the automatic reply to e-mail intake (SD-9).

Standard replies are Frappe **Email Templates** (created once, editable by the administrator): in the
request's *New Email* dialog the *Email Template* field inserts one, rendered with the request (its
number, subject, requester's name). The e-mail intake's automatic reply is the template
*Service Request Received*: when a request arrives by e-mail, its sender gets the number, a link to
follow it (``/my-requests/<number>``) and the service guide's link (``/service-guide``). Without an
outgoing Email Account it is skipped quietly (school_office.utils.mail).
"""

import frappe
from frappe.utils import get_url

ACK = "Service Request Received"
# name, subject, response (Jinja with the request as context; values escaped)
TEMPLATES = (
	(
		ACK,
		"[{{ name | e }}] We have received your request",
		"<p>Dear {{ (requester_name or raised_by or '') | e }},</p>"
		"<p>Your request <b>{{ name | e }}</b> ({{ subject | e }}) has been registered by the school office."
		' You can follow it at <a href="{{ my_request_url | e }}">{{ my_request_url | e }}</a>.</p>'
		"<p>Materials, time limits and contacts of every service are in the service guide:"
		' <a href="{{ guide_url | e }}">{{ guide_url | e }}</a>.</p>'
		"<p>您的申请 <b>{{ name | e }}</b> 已登记，可在上面的链接查看进度；各项服务的材料、时限和联系人见办事指南。</p>",
	),
	(
		"Materials Missing",
		"[{{ name | e }}] Please supplement your materials",
		"<p>Dear {{ (requester_name or '') | e }},</p><p>To accept your request <b>{{ name | e }}</b>"
		" we still need the following materials: …</p><p>您的申请 {{ name | e }} 还缺少以下材料：……</p>",
	),
	(
		"Request Resolved",
		"[{{ name | e }}] Your request has been resolved",
		"<p>Dear {{ (requester_name or '') | e }},</p><p>Your request <b>{{ name | e }}</b> has been"
		" resolved: …</p><p>您的申请 {{ name | e }} 已办结：……</p>",
	),
	(
		"Referred to Another Department",
		"[{{ name | e }}] Your request has been referred",
		"<p>Dear {{ (requester_name or '') | e }},</p><p>Your request <b>{{ name | e }}</b> is handled by"
		" another department: …</p><p>您的申请 {{ name | e }} 已转交相关部门办理：……</p>",
	),
)


def create_templates():
	for name, subject, response in TEMPLATES:
		if not frappe.db.exists("Email Template", name):
			frappe.get_doc(
				{"doctype": "Email Template", "name": name, "subject": subject, "response": response}
			).insert(ignore_permissions=True)


def acknowledge(doc, method=None):
	"""after_insert of Service Request: the automatic reply to a request that came by e-mail."""
	if doc.channel != "Email" or not doc.raised_by or not frappe.db.exists("Email Template", ACK):
		return
	from school_office.utils.mail import note_mail_skipped, outgoing_mail_ready

	if not outgoing_mail_ready(doc.doctype):
		note_mail_skipped(f"automatic reply to {doc.name}")
		return
	context = doc.as_dict()
	context.update(
		{"my_request_url": get_url(f"/my-requests/{doc.name}"), "guide_url": get_url("/service-guide")}
	)
	template = frappe.get_doc("Email Template", ACK)
	frappe.sendmail(
		recipients=[doc.raised_by],
		subject=template.get_formatted_subject(context),
		message=template.get_formatted_response(context),
		reference_doctype=doc.doctype,
		reference_name=doc.name,
		delayed=True,
	)
