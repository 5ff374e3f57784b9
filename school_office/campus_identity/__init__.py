"""Campus Identity: sign-in with the school's numbers, the roster import, LDAP, and the staff phone app.

Reused from Frappe, as it is:
- Sign-in by number is Frappe's username login (System Settings → Allow Login using User Name, switched
  on once by the install / patch v0_4.campus_identity_defaults); the number is the User's `username`.
- LDAP is Frappe's LDAP Settings (ldap3), configured by the school's IT; groups map to roles through its
  LDAP Group Mapping. The bench test runs it against a real slapd on loopback (tests/ldap_server.py).
- The school's OAuth2 / CAS single sign-on is Frappe's Social Login Key (README).

Built here, and why:
- Roster Import (doctype + roster.py, rules in school_office/core/roster.py): Frappe's Data Import can
  load Users, but it neither finds a user by number *or* e-mail (so a second run duplicates or fails),
  nor maps "Student / Teacher / staff role profile" to user type and roles, nor gives students without
  an e-mail an address. The import is idempotent: a second run updates the same users.
- The staff phone app at /office (app.py, my_work.py, public/campus_identity/): an installable web app
  (manifest, icons, a service worker that caches the shell only, never data), for desk users; portal
  users keep their home at the same address (a page renderer ahead of www/office decides). frappe/hrms
  builds its PWA with Vue 3 + frappe-ui + vite-plugin-pwa and serves the built files from
  public/frontend through www/hrms.py; we read it and chose no build step instead: CI has no node or
  npm, the npm registry may be unreachable, and a small shell loads fast on a phone (benchmarks/
  campus_identity_app.py). The app is one plain script that needs no compiling (`bench build` only
  links public/), using Frappe's own socket.io-client (realtime list_update refreshes) and html5-qrcode
  (scanning where the browser lacks BarcodeDetector).
- "My work" is a registry (MY_WORK_PROVIDERS, like portal_home.PORTAL_PAGES): each module contributes a
  provider; every action the app offers is the desk's own server method (service_desk.api,
  office_documents.api.act, Frappe's workflow apply_workflow, the Meeting's methods), so the rules and
  permission checks are the desk's, never a second copy.
- The School Office workspace's number cards and charts are the modules' own (PF-2).
"""
