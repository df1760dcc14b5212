"""Fast replacement of many score rows: the daily run rewrites some 50,000 of them.

Building a model instance per row and letting Django adapt each value costs more than the
computation itself, so rows go to the database as plain tuples: with COPY on PostgreSQL,
with one `executemany` elsewhere (SQLite). Deleting skips Django's collector: score rows
own nothing, and the project's global delete signals would make it fetch every row first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from django.db import connections, router


def delete_rows(queryset) -> int:
    """Delete the rows of `queryset` in one statement, without loading them."""
    return queryset._raw_delete(queryset.db)  # nothing cascades from these models


def insert_rows(model, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Insert `rows` (tuples in the order of `columns`: attribute names such as "body_id";
    dict or list values go to JSON columns) into `model`'s table."""
    connection = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in columns]
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    json_columns = [i for i, field in enumerate(fields) if field.get_internal_type() == "JSONField"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(_with_json(row, json_columns))
            return
        adapt = [_adapter(connection, field) for field in fields]
        placeholders = ", ".join(["%s"] * len(fields))
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({placeholders})",  # noqa: S608 (names quoted)
            [tuple(fn(value) for fn, value in zip(adapt, row, strict=True)) for row in rows],
        )


def _with_json(row: tuple, json_columns: list[int]) -> tuple:
    if not json_columns:
        return row
    row = list(row)
    for index in json_columns:
        row[index] = json.dumps(row[index], ensure_ascii=False)
    return tuple(row)


def _adapter(connection, field):
    kind = field.get_internal_type()
    if kind == "JSONField":
        return lambda value: json.dumps(value, ensure_ascii=False)
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    if kind == "DecimalField":
        return lambda value: connection.ops.adapt_decimalfield_value(
            value, field.max_digits, field.decimal_places
        )
    return lambda value: value
