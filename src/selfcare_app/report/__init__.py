"""Rendering for people: matplotlib charts and the PDF summary (no storage, no widgets)."""
