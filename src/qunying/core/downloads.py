"""Downloads of sensitive files (exports with full ID numbers, care lists, dossiers): never kept in a cache."""

from django.utils.cache import patch_cache_control


def no_store(response):
    """Mark `response` so no browser or proxy keeps a copy (`Cache-Control: no-store, private`); returns it."""
    patch_cache_control(response, no_store=True, private=True)
    return response
