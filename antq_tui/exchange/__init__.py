"""Carrying inspections between laptops: bundle files, export and import."""
