"""Discovery pages."""
