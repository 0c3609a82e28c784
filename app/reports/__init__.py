"""Aggregate reads for staff: the dashboard and the solidarity report (GROUP BY in the database)."""
