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
"""
