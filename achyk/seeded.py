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
makes them deferrable), SQLite's triggers keep its full-text tables in step as they do for a
flush, and sequences are not moved back, so an id is never given twice.

`take(connection)` makes the copy (conftest.py's `django_db_setup`), kept by the database's
alias: a test may give an alias a new connection object (a restore from backup does).
"""

from django.db import transaction

#: The seeded rows of each database, by alias: {table: rows}.
_COPIES: dict[str, dict] = {}


def _tables(connection) -> list[str]:
    """Every model's table (as Django's flush empties them), sorted for a steady order."""
    return sorted(connection.introspection.django_table_names(only_existing=True))


def take(connection) -> None:
    """Copy, in memory, the rows every model's table holds now."""
    copy = _POSTGRESQL_COPY if connection.vendor == "postgresql" else _SqliteCopy
    with connection.cursor() as cursor:
        rows = {table: copy.read(cursor, connection, table) for table in _tables(connection)}
    _COPIES[connection.alias] = {table: data for table, data in rows.items() if data}


def restore(connection) -> None:
    """Every model's table holds the seeded rows again, and nothing else."""
    seeded = _COPIES[connection.alias]
    copy = _POSTGRESQL_COPY if connection.vendor == "postgresql" else _SqliteCopy
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table in _tables(connection):
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - a table's own name
        for table, data in seeded.items():
            copy.write(cursor, connection, table, data)


class _PostgresqlCopy:
    """A table's rows as COPY text."""

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


_POSTGRESQL_COPY = _PostgresqlCopy


class _SqliteCopy:
    """A table's columns and rows, as SQLite stores them (its generated columns left out)."""

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
        marks = ", ".join("%s" for _column in columns.split(", "))
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({columns}) VALUES ({marks})",  # noqa: S608
            rows,
        )
