"""Reads for staff: the dashboard, the solidarity report (GROUP BY in the database), the audit log."""
