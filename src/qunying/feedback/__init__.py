"""Citizen ratings (短信评警): service interactions, SMS surveys, replies, callbacks and fair officer scores."""
