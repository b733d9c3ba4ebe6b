"""Qunying (群英): the exemplar-work platform of a public-security bureau's political department."""
