"""Inspections: patrol rounds, joint inspections, rectification and contractor scoring (issue #14)."""
