"""Reserve pages."""
