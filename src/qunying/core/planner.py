"""The query planner's statistics. PostgreSQL's autovacuum keeps them; SQLite has none until ANALYZE runs, and then
guesses: on a 2,000-person province it read an officer's five latest comments through the index of every counted
reply in the installation (279 ms) instead of through the officer's own interactions (1 ms)."""

from django.db import connection


def refresh_statistics(*, everywhere: bool = False) -> bool:
    """ANALYZE, sampled on SQLite (`analysis_limit`: about a thousand rows per index, so millions of replies cost
    well under a second). On PostgreSQL only when `everywhere` (after a bulk load; autovacuum does it otherwise).
    Says whether it ran."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("ANALYZE")
            return True
        if everywhere:
            cursor.execute("ANALYZE")
            return True
    return False
