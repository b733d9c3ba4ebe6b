"""Party branches and their yearly star rating (星级党支部), with exemplar work computed from Qunying's records."""
