"""Moderation of listings by staff."""
