"""Campus Identity: sign-in by number, roster import, LDAP, and the staff phone app (issue #15)."""
