"""Rules that need no database.

Everything in this package is plain Python: it never imports frappe, so it is tested
without a bench (tests/core). Controllers and APIs call it with values read from the site.
"""
