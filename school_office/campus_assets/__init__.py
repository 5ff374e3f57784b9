"""Campus Assets: the school's asset office around ERPNext's Assets module (issue #10)."""
