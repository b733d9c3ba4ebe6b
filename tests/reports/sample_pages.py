"""Arguments for the reports pages that take some, for tests/test_every_page.py (none take any: year and unit are
query parameters)."""


def sample_kwargs():
    return {}
