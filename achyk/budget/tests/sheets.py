"""Real spreadsheets for the import tests: XLSX written with openpyxl, CSV in two encodings."""

import csv
import io

from openpyxl import Workbook

HEADERS_RU = ["Код экономической классификации", "Код функциональной классификации",
              "Наименование", "Квартал", "Сумма, сом"]  # fmt: skip


def xlsx(rows, *, headers=HEADERS_RU, title="Бюджет") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(["Айыл өкмөтү «Бурана»: бюджет"])  # a title row above the table
    sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, *, headers=HEADERS_RU, delimiter=";", encoding="cp1251") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)
