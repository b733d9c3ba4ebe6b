"""`field__prefix="abc"`: a case-sensitive starts-with that an ordinary index serves, on every database.

Django's `startswith` is a `LIKE 'abc%' ESCAPE '\\'`, which SQLite never answers from an index (its LIKE is
case-insensitive and takes an escape clause), so a subtree or a badge-number prefix read every row. `prefix` is written
as the range `field >= 'abc' AND field < 'abd'` there (SQLite compares text byte by byte), and as a `LIKE 'abc%'` on
PostgreSQL, where the `varchar_pattern_ops` index Django adds to every indexed text column serves it under any
collation (a range would follow the database's collation, which need not be byte order).
"""

from django.db.models import CharField, Lookup, TextField


def prefix_upper_bound(prefix: str) -> str:
    """The least string above every string that starts with `prefix` (its last character incremented)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class Prefix(Lookup):
    lookup_name = "prefix"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        prefix = str(self.rhs)
        if not prefix:
            return f"{lhs} IS NOT NULL", list(lhs_params)
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, prefix, *lhs_params, prefix_upper_bound(prefix)]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = connection.ops.prep_for_like_query(str(self.rhs)) + "%"
        return f"{lhs}::text LIKE %s", [*lhs_params, pattern]


def register() -> None:
    CharField.register_lookup(Prefix)
    TextField.register_lookup(Prefix)
