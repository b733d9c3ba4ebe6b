"""Citizen ratings pages (thin: queries fetch in scope, rules authorise, services write)."""
