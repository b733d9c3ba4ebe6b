"""Publicity pages."""
