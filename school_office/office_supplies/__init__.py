"""Office Supplies: supplies and printing around ERPNext Stock and Buying (issue #11)."""
