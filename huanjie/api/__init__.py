"""The REST API at /api/v1/: the same gates, selectors and services as the web pages."""
