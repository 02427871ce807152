"""HTML pages (Jinja2), one module per page; each renders Coach results."""
