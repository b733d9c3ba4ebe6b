"""Organisation pages: the unit tree (units.py), people (people.py), roster import and export (roster.py)."""
