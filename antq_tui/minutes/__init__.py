"""The verification minutes (biên bản) and other documents, rendered from Jinja2 templates to PDF."""
