"""Publicity: stories with review and consent, columns, the public honour board, media, outreach, article import."""
