"""Discovery ledger pages: deeds, duty events, forums, public-nomination triage and the public nomination form."""
