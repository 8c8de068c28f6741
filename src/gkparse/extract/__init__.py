"""Extraction stages: task text → units with roles, deadlines, recurrences; document metadata."""
