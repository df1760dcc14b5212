"""The rows the migrations seeded, kept in memory and put back after a transactional test.

A transactional test (`transaction=True`, a live server) commits what it writes, so after it
the database must be emptied and the rows the migrations made (content types, permissions,
Wagtail's root page, locales, the duty register, the work calendar, the budget classification)
loaded again. Django does this with a flush (TRUNCATE on PostgreSQL: new files for every table
and index, about a second) and a serialized copy loaded back object by object through the ORM
(another second). Here the seeded rows are copied once, when the test database is made, in the
database's own terms: PostgreSQL's COPY text (what pg_dump writes, exact for every type), and
SQLite's values as they are stored. `restore()` deletes every row of every model's table and
copies the seeded rows back, in one transaction: foreign keys are checked at its end (Django
makes them deferrable), and sequences are not moved back, so an id is never given twice.
SQLite's full-text tables (virtual tables that mirror a model's table: Wagtail's index, the
registry's search) are not copied but emptied, and filled again by their triggers as the rows
are copied back: one of them is a model's table too (Wagtail's), and a copy of it, which cannot
carry the rowids that tie it to its entries, would index every entry twice.

`take(connection)` makes the copy (conftest.py's `django_db_setup`), kept by the database's
alias: a test may give an alias a new connection object (a restore from backup does). Other
copies may be kept by name beside it, such as the test platform committed for transactional
tests (`take(connection, "platform")`, conftest.py).
"""

from django.db import transaction

#: The copies of each database, by alias and name: {table: rows}.
_COPIES: dict[tuple[str, str], dict] = {}
#: The name of the copy of what the migrations seeded.
SEEDED = "seeded"


def _tables(connection, mirrors: list[str]) -> list[str]:
    """Every model's table (as Django's flush empties them) but the full-text tables
    (`mirrors`) their triggers fill, sorted for a steady order."""
    tables = connection.introspection.django_table_names(only_existing=True)
    return sorted(set(tables) - set(mirrors))


def _copy_of(connection):
    return _PostgresqlCopy if connection.vendor == "postgresql" else _SqliteCopy


def take(connection, name: str = SEEDED) -> None:
    """Copy, in memory, the rows every model's table holds now, as `name`."""
    copy = _copy_of(connection)
    with connection.cursor() as cursor:
        tables = _tables(connection, copy.mirrors(cursor))
        rows = {table: copy.read(cursor, connection, table) for table in tables}
    _COPIES[connection.alias, name] = {table: data for table, data in rows.items() if data}


def restore(connection, name: str = SEEDED) -> None:
    """Every model's table holds the rows of the copy `name` again, and nothing else."""
    rows = _COPIES[connection.alias, name]
    copy = _copy_of(connection)
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        mirrors = copy.mirrors(cursor)
        for table in [*mirrors, *_tables(connection, mirrors)]:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - a table's own name
        for table, data in rows.items():
            copy.write(cursor, connection, table, data)


class _PostgresqlCopy:
    """A table's rows as COPY text."""

    @staticmethod
    def mirrors(cursor) -> list[str]:
        return []  # PostgreSQL's full-text search is in the models' own tables

    @staticmethod
    def read(cursor, connection, table: str) -> bytes:
        chunks = []
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} TO STDOUT") as copy:
            chunks.extend(bytes(chunk) for chunk in copy)
        return b"".join(chunks)

    @staticmethod
    def write(cursor, connection, table: str, data: bytes) -> None:
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN") as copy:
            copy.write(data)


class _SqliteCopy:
    """A table's columns and rows, as SQLite stores them (its generated columns left out)."""

    @staticmethod
    def mirrors(cursor) -> list[str]:
        """The full-text tables (virtual tables), which triggers fill from a model's table."""
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
        return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def read(cursor, connection, table: str):
        quote = connection.ops.quote_name
        cursor.execute(f"PRAGMA table_info({quote(table)})")
        columns = ", ".join(quote(row[1]) for row in cursor.fetchall())
        cursor.execute(f"SELECT {columns} FROM {quote(table)}")  # noqa: S608
        rows = cursor.fetchall()
        return (columns, rows) if rows else None

    @staticmethod
    def write(cursor, connection, table: str, data) -> None:
        columns, rows = data
        marks = ", ".join(["%s"] * len(rows[0]))
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({columns}) VALUES ({marks})",  # noqa: S608
            rows,
        )
