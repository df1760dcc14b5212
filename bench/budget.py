"""Benchmark of the budget: importing a 100,000-line file, and the platform-wide export.

    .venv/bin/python -m bench.budget                  # SQLite under bench/out/budget/
    .venv/bin/python -m bench.budget --bodies 1000 --lines 100000
    .venv/bin/python -m bench.budget --database-url postgres://postgres@127.0.0.1/achyk_budget

Each measurement runs in its own child process, which reports its time and its peak resident
memory (`ru_maxrss`). Floors are subtracted: a child that only starts Django (for imports),
and one that also serves an empty export (for exports: the URLconf, middleware and modules
that the first request loads).

1. Import: a 100,000-line XLSX and CSV of one stage are generated (openpyxl, csv); the child
   reads, judges and saves them (`sheets.read_table`, `judging.judge`,
   `services.replace_stage`, into the year before the exported one: the work of the preview
   and of the confirmation). Reference in
   the same run: reading the same CSV with Python's csv module into a list.
2. Export: N bodies with a demo-shaped budget each (plan, draft and three quarters of
   execution: ~160 lines a body) are written with bulk_create; the child fetches
   /ky/budget/export/<year>.csv through Django's test client and consumes the stream, first
   with a tenth of the bodies active, then all of them: flat memory means the same peak for
   both. Reference: the same rows fetched into a list and written with the csv module.
"""

import argparse
import csv
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2026


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_django():
    import django

    django.setup()


# --- children -------------------------------------------------------------------------------


def _warm_up():
    """One export of an empty year: loads the URLconf, middleware and the app's modules."""
    from django.test import Client

    response = Client().get("/ky/budget/export/1999.csv")
    b"".join(response.streaming_content)


def child_floor(_args) -> dict:
    setup_django()
    from achyk.budget.imports import judging, sheets  # noqa: F401
    from achyk.budget.opendata import fdp, views  # noqa: F401

    started = peak_mb()
    _warm_up()
    return {"peak_mb": started, "request_peak_mb": peak_mb()}


def child_generate_files(args) -> dict:
    setup_django()
    from openpyxl import Workbook

    from achyk.budget.models import Classification

    codes = list(Classification.objects.filter(country="KG", kind="economic", direction="revenue")
                 .exclude(children__isnull=False).values_list("code", flat=True))  # fmt: skip
    rng = random.Random(1)  # noqa: S311 - bench data
    rows = [[rng.choice(codes), "", f"Сап {n} ң ө ү", f"{rng.randint(1, 10**7)}.{n % 100:02d}"]
            for n in range(args.lines)]  # fmt: skip
    headers = ["Экономикалык код", "Функционалдык код", "Аталышы", "Суммасы"]
    out = Path(args.out)
    with open(out / "import.csv", "w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target)
        writer.writerow(headers)
        writer.writerows(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(out / "import.xlsx")
    return {"lines": len(rows)}


def child_import(args) -> dict:
    setup_django()
    from achyk.bodies.models import Body
    from achyk.budget import services
    from achyk.budget.imports import judging, sheets

    body = Body.objects.get(slug="bench-budget-0000")  # a year the export does not read
    data = Path(args.file).read_bytes()
    began = time.perf_counter()
    table = sheets.read_table(data, Path(args.file).suffix.lstrip("."))
    mapping = judging.guess_mapping(table.headers)
    verdict = judging.judge(table, mapping=mapping, stage="approved", country="KG")
    judged = time.perf_counter()
    assert verdict.ok, (verdict.problems, verdict.errors[:3])
    record = services.replace_stage(body=body, year=YEAR - 1, stage="approved", lines=verdict.lines,
                                    by=None, file_name=Path(args.file).name)  # fmt: skip
    saved = time.perf_counter()
    return {"lines": record.rows, "replaced": record.replaced, "read_judge_s": judged - began,
            "save_s": saved - judged, "total_s": saved - began, "peak_mb": peak_mb()}  # fmt: skip


def child_csv_reference(args) -> dict:
    began = time.perf_counter()
    with open(args.file, newline="", encoding="utf-8") as source:
        rows = list(csv.reader(source))
    return {"lines": len(rows) - 1, "total_s": time.perf_counter() - began, "peak_mb": peak_mb()}


def _activate(count: int) -> None:
    from achyk.bodies.models import Body

    bench = Body.objects.filter(slug__startswith="bench-budget-").order_by("slug")
    bench.update(is_active=False)
    Body.objects.filter(pk__in=list(bench.values_list("pk", flat=True)[:count])).update(
        is_active=True
    )


def child_export(args) -> dict:
    setup_django()
    from django.test import Client

    _activate(args.active)
    _warm_up()
    began = time.perf_counter()
    response = Client().get(f"/ky/budget/export/{YEAR}.csv")
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    return {"bodies": args.active, "lines": lines - 1, "bytes": size,
            "total_s": time.perf_counter() - began, "peak_mb": peak_mb()}  # fmt: skip


def child_export_reference(args) -> dict:
    setup_django()
    from achyk.budget import selectors

    _activate(args.active)
    began = time.perf_counter()
    rows = list(selectors.platform_export_rows(year=YEAR))
    fetched = time.perf_counter()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(selectors.PLATFORM_EXPORT_COLUMNS)
    writer.writerows(rows)
    size = len(out.getvalue().encode())
    written = time.perf_counter()
    return {"bodies": args.active, "lines": len(rows), "bytes": size,
            "fetch_list_s": fetched - began, "csv_write_s": written - fetched,
            "peak_mb": peak_mb()}  # fmt: skip


def child_generate_bodies(args) -> dict:
    """N bodies (bulk_create) with a demo-shaped budget each: plan, draft, three quarters."""
    setup_django()
    from django.db import transaction

    from achyk.bodies.models import Body, Territory
    from achyk.budget.models import Budget, Line, Stage
    from achyk.demo.budgets import _codes, execution_lines, plan_lines

    began = time.perf_counter()
    have = Body.objects.filter(slug__startswith="bench-budget-").count()
    if have >= args.bodies:
        return {"bodies": have, "generated_s": 0}
    territory, _ = Territory.objects.get_or_create(
        code="417", defaults={"level": "country", "name_ky": "Кыргызстан", "name_ru": "Кыргызстан"}
    )
    codes, rng = _codes("KG"), random.Random(2)  # noqa: S311 - bench data
    bodies = Body.objects.bulk_create(
        Body(territory=territory, kind="ayil_okmotu", country="KG", slug=f"bench-budget-{n:04d}",
             name_ky=f"Сынак-{n:04d} айыл аймагы", name_ru=f"Айылный аймак Сынак-{n:04d}",
             languages="ky,ru", default_language="ky", population=3000 + n * 7 % 9000)
        for n in range(have, args.bodies)
    )  # fmt: skip
    now = __import__("django.utils.timezone", fromlist=["now"]).now()
    with transaction.atomic():
        for body in bodies:
            budget = Budget.objects.create(body=body, year=YEAR, currency="KGS")
            plan = plan_lines(population=body.population, year=YEAR, codes=codes, rng=rng)
            draft = plan_lines(population=body.population, year=YEAR, codes=codes, rng=rng)
            executed = execution_lines(plan, quarters=3, rng=rng)
            Line.objects.bulk_create(
                [Line(budget=budget, stage="approved", **vars(line)) for line in plan]
                + [Line(budget=budget, stage="draft", **vars(line)) for line in draft]
                + [Line(budget=budget, stage="executed", **vars(line)) for line in executed]
            )
            Stage.objects.bulk_create(
                [Stage(budget=budget, stage=s, published_at=now, updated_at=now)
                 for s in ("draft", "approved")]
                + [Stage(budget=budget, stage="executed", quarter=q, published_at=now,
                         updated_at=now) for q in (1, 2, 3)]
            )  # fmt: skip
    return {"bodies": args.bodies, "generated_s": time.perf_counter() - began,
            "lines": Line.objects.filter(budget__year=YEAR).count()}  # fmt: skip


CHILDREN = {name.removeprefix("child_"): fn for name, fn in globals().items()
            if name.startswith("child_")}  # fmt: skip


# --- driver ---------------------------------------------------------------------------------


def run_child(env, step: str, **options) -> dict:
    command = [sys.executable, "-m", "bench.budget", "--child", step]
    for key, value in options.items():
        command += [f"--{key.replace('_', '-')}", str(value)]
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=sorted(CHILDREN))
    parser.add_argument("--bodies", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--active", type=int, default=0)
    parser.add_argument("--file", default="")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "budget")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child](args)))
        return
    args.out.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "REDIS_URL"}}
    env.update(ACHYK_EMBEDDED="1", DJANGO_SETTINGS_MODULE="achyk.settings", LOG_LEVEL="ERROR",
               ACHYK_VAR_DIR=str(args.out / "var"), TASKS_BACKEND="immediate",
               DATABASE_URL=args.database_url or f"sqlite:///{args.out}/bench.sqlite3")  # fmt: skip
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
                   cwd=ROOT, env=env, check=True)  # fmt: skip
    results = {"database": env["DATABASE_URL"].split(":", 1)[0], "cores": os.cpu_count()}
    results["floor"] = run_child(env, "floor")
    results["generate"] = run_child(env, "generate_bodies", bodies=args.bodies)
    print(json.dumps(results["generate"]), flush=True)
    results["files"] = run_child(env, "generate_files", lines=args.lines, out=args.out)
    for ext in ("csv", "xlsx"):
        file = args.out / f"import.{ext}"
        results[f"import_{ext}"] = run_child(env, "import", file=file)
        print(ext, json.dumps(results[f"import_{ext}"]), flush=True)
    results["import_reference"] = run_child(env, "csv_reference", file=args.out / "import.csv")
    for active in (args.bodies // 10, args.bodies):
        results[f"export_{active}"] = run_child(env, "export", active=active)
        results[f"export_reference_{active}"] = run_child(env, "export_reference", active=active)
        print(active, json.dumps(results[f"export_{active}"]),
              json.dumps(results[f"export_reference_{active}"]), flush=True)  # fmt: skip
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    report(results, args.bodies)


def report(results: dict, bodies: int) -> None:
    floor = results["floor"]["peak_mb"]
    ref = results["import_reference"]
    print(f"\nfloor (Django started): {floor:.0f} MB")
    for ext in ("csv", "xlsx"):
        r = results[f"import_{ext}"]
        print(f"import {ext}: {r['lines']} lines, read+judge {r['read_judge_s']:.1f} s, "
              f"save {r['save_s']:.1f} s, total {r['total_s']:.1f} s "
              f"({r['total_s'] / ref['total_s']:.0f}x csv.reader into a list, "
              f"{ref['total_s']:.2f} s), peak {r['peak_mb'] - floor:.0f} MB > floor")  # fmt: skip
    floor = results["floor"]["request_peak_mb"]
    print(f"floor (one empty export served): {floor:.0f} MB")
    for active in (bodies // 10, bodies):
        r, ref = results[f"export_{active}"], results[f"export_reference_{active}"]
        print(f"export {active} bodies: {r['lines']} lines, {r['bytes'] / 1e6:.1f} MB in "
              f"{r['total_s']:.1f} s ({r['lines'] / r['total_s']:.0f} lines/s), peak "
              f"{r['peak_mb'] - floor:.0f} MB above floor; reference list+csv: fetch "
              f"{ref['fetch_list_s']:.1f} s + write {ref['csv_write_s']:.1f} s, peak "
              f"{ref['peak_mb'] - floor:.0f} MB above floor; streamed/reference time "
              f"{r['total_s'] / (ref['fetch_list_s'] + ref['csv_write_s']):.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
