"""Notices (信息发布, AN-1…AN-5) and DingTalk / WeCom delivery of every notification (PF-1).

Reused from Frappe / ERPNext, and why:
- **Workflow** (``setup/notice_workflow.json``, created once at install / by patch): Draft → Pending Review
  (office head) → Published, Major → Pending Sign-off (School Leader); Reject back to Draft; an Emergency
  notice's direct Publish is a transition whose condition reads the Notice Settings. Frappe's Workflow checks
  transitions on the server but not which role may edit in a state (``allow_edit`` is only the form's), so
  ``permissions.may_change`` adds that step check; and it has no rejection reason, so the controller requires
  one for a Reject and keeps it in the Review Log (the desk asks for it in a dialog, ``api.reject``).
- **Notification Log** for every system notification the module makes (to review, to sign off, rejected,
  reminders, escalations) — and the hook on *every* Notification Log (``delivery.on_notification_log``) is how
  all modules' (and Frappe's own) notifications reach DingTalk / WeCom without code of their own.
- **Email Queue** (``frappe.sendmail``) for the audience's e-mail and the digests; **Department / Employee**
  (ERPNext) for who is in a department; **Role / User** for the other audience kinds; the scheduler for the
  clocks; Frappe's permission hooks for row-level access; ``frappe.rate_limiter`` for the guest screen feed.
- Not used: **Newsletter / Email Group** — they mail a subscriber list, not an audience that follows
  departments, roles and the notice's own restrictions, and they cannot say who received what; **Webhook** —
  it posts a document's fields to a fixed URL, without DingTalk's signature, access tokens, retries or a log.

Built here, because Frappe has none of it: the Notice with its audience, channels, acknowledgements and
updates; audience-based permissions; the portal board, notice page, digests and the signage screen page
(key in constant time, rate limited); acknowledgements with reminders and escalation; the emergency clock;
Collaboration Channel (group robots with the HMAC-SHA256 signature, corp apps with cached access tokens)
and the Collaboration Delivery Log with background delivery and retries. Plain rules (signature, payloads,
retry waits, audience, clocks, digest windows) live in ``school_office.core.notices``.
"""
