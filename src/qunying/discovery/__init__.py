"""Discovery engine: explainable recognition signals per person and suggestions a human accepts or dismisses."""
