"""Organisation: the unit tree (and, with the people issue, officers)."""
