"""The registry and search at scale: 1000 bodies and 1,000,000 documents on PostgreSQL.

    python -m bench.scale generate --database-url postgres://postgres@127.0.0.1/achyk_bench \\
        [--bodies 1000] [--documents 1000000] [--processes 2] [--reuse]

Bodies are made by the real `create_body` (site in ky and ru with its sections, collection,
groups), in several processes at once. Documents are written in bulk, not through the
services: each one a language version (ky or ru) of a legal act (type, number, date, status,
signatory) with its text, and its search entry with the stems computed by the project's own
`achyk.search.text.terms`, title, address and date exactly as `search.services.index_document`
writes them (the tests check this on a small dataset). On PostgreSQL rows go in with COPY and
the full-text index is built once at the end; elsewhere through `bulk_create`. A document's
file is only its name: the registry and search read the database, never the bytes, so no file
is written to disk. With --reuse, a database that already holds the bodies and documents
asked for is left as it is.
"""

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

#: Words of acts, with a weight each (how often they appear): the usual forms of a few
#: Kyrgyz nouns (бюджет, бюджети, бюджеттин, бюджетке, ...), and the words of Russian acts.
KY_WORDS = """
жөнүндө:60 айылдык:40 кеңештин:30 кеңеш:20 кеңешке:8 кеңештен:4 токтом:15 токтому:12 токтомун:6
бюджет:20 бюджети:12 бюджеттин:15 бюджетке:8 бюджетти:6 бюджетте:5 бюджеттен:4
айыл:30 аймагынын:20 аймагы:12 өкмөтү:15 өкмөтүнүн:12 жергиликтүү:25 өз:10 алдынча:10
башкаруу:12 органынын:8 жыл:20 жылга:12 жылдын:10 жылы:10 бекитүү:12 бекитилсин:8 боюнча:25
депутаттар:10 депутаттарынын:6 сессия:8 сессиясынын:6 чечим:10 чечими:6 маселе:8 маселеси:6
жер:12 жерди:6 жердин:5 жерге:4 суу:10 суунун:6 сууга:4 ичүүчү:5 мектеп:8 мектептин:5
мектепке:3 жол:10 жолдун:6 жолго:4 курулуш:8 курулушу:6 салык:8 салыктар:5 киреше:8
кирешелер:6 чыгаша:8 чыгашалар:6 каражат:10 каражаттары:6 план:10 планы:8 программа:10
программасы:8 өнүктүрүү:10 социалдык:10 экономикалык:8 долбоор:6 долбоору:6 тартип:6 тартиби:6
айыл:10 чарба:6 мал:5 жайыт:6 жайыттарды:4 ижара:6 ижарага:4 келишим:6 келишими:5 сатып:6
алуу:6 калк:8 калкы:6 үй:5 бүлө:5 жардам:6 жардамы:4 билим:6 берүү:8 саламаттык:4 маданият:4
спорт:3 көпүрө:3 электр:4 жарык:4 таштанды:3 инвестиция:3 сугат:4 арык:3 токой:2 дарак:2
буудай:2 картошка:2 баа:4 тариф:3 төлөм:5 мөөнөт:4 отчет:8 отчету:6 аткаруу:8 аткарылышы:6
көзөмөл:5 комиссия:6 комиссиясы:5 мүчө:4 төрага:5 төрагасы:5 башчысы:8 орун:4 басары:4
катчы:3 кызматкер:4 айлык:3 акы:4 штаттык:3 бирдик:3 пландуу:3 кабыл:8 алынды:6 өзгөртүү:6
киргизүү:5 толуктоо:4 күчүн:4 жоготту:3 деп:6 таануу:3 ветеринардык:0.05 мелиорация:0.05
шахмат:0.02 ирригациялык:0.05
"""
RU_WORDS = """
о:60 в:40 и:40 по:25 на:20 постановление:15 постановления:10 постановлением:4 решение:10
решения:8 бюджет:15 бюджета:15 бюджете:6 бюджету:4 местного:25 самоуправления:25 айылного:20
аймака:15 кенеша:20 айыл:15 окмоту:15 депутатов:10 сессии:8 утверждении:15 утвердить:8
положения:8 положение:6 внесении:8 изменений:8 изменения:6 земельных:6 участков:6 земли:6
аренды:6 пастбищ:5 водоснабжения:5 питьевой:4 воды:5 школы:5 школ:3 дороги:5 дорог:4
ремонт:6 ремонта:5 строительство:5 строительства:5 налогов:5 налога:4 доходов:6 расходов:6
программы:8 программа:6 развития:10 социально:6 экономического:6 года:15 год:10 плана:8 план:6
мероприятий:6 закупок:5 договора:5 договор:4 населения:6 семей:4 помощи:5 социальной:5
образования:4 здравоохранения:3 культуры:3 спорта:3 моста:2 электроснабжения:2 вывоза:2
мусора:2 инвестиций:2 орошения:3 урожая:2 тарифов:3 платы:4 сроков:3 отчета:6 отчет:6
исполнении:6 исполнения:5 контроля:4 комиссии:5 членов:3 председателя:4 главы:8 заместителя:3
секретаря:2 сотрудников:3 заработной:3 штатного:3 расписания:3 принять:5 признать:3
утратившим:3 силу:3 срок:3 порядке:4 порядок:4 ветеринарной:0.05 мелиорации:0.05 шахматного:0.02
ирригационной:0.05
"""
#: What acts are called, by type code: (Kyrgyz title start, Russian title start).
TITLES = {
    "council-resolution": ("Айылдык кеңештин токтому", "Постановление айылного кенеша"),
    "head-order": ("Айыл өкмөтү башчысынын буйругу", "Распоряжение главы айыл окмоту"),
    "budget": ("Айыл аймагынын бюджети", "Бюджет айылного аймака"),
    "budget-report": ("Бюджеттин аткарылышы жөнүндө отчет", "Отчет об исполнении бюджета"),
    "programme": ("Социалдык-экономикалык өнүктүрүү программасы",
                  "Программа социально-экономического развития"),
    "report": ("Отчет", "Отчет"),
    "regulation": ("Жобо", "Положение"),
    "charter": ("Устав", "Устав"),
    "minutes": ("Сессиянын протоколу", "Протокол сессии"),
    "other": ("Маалымат", "Информация"),
}  # fmt: skip
TYPE_WEIGHTS = {"council-resolution": 40, "head-order": 25, "budget": 5, "budget-report": 5,
                "programme": 5, "report": 6, "regulation": 5, "charter": 1, "minutes": 6,
                "other": 2}  # fmt: skip
STATUS_WEIGHTS = {"in_force": 70, "amended": 10, "repealed": 8, "expired": 10, "draft": 2}
ADOPTED_BY_WEIGHTS = {"council": 55, "head": 35, "executive": 6, "gathering": 2, "other": 2}
SIGNATORIES = ["Өмүрбек Түгөлбаев", "Гүлмира Ыдырысова", "Бакыт Жумабеков", "Айнура Асанова",
               "Нурлан Осмонов", "Чолпон Абдыкалыкова"]  # fmt: skip
FIRST_YEAR, LAST_DAY = 2005, dt.date(2026, 11, 1)


def _vocabulary(spec: str) -> tuple[list[str], list[float]]:
    words, cumulative, total = [], [], 0.0
    for item in spec.split():
        word, weight = item.rsplit(":", 1)
        total += float(weight)
        words.append(word)
        cumulative.append(total)
    return words, cumulative


VOCABULARY = {"ky": _vocabulary(KY_WORDS), "ru": _vocabulary(RU_WORDS)}


def passage(rng: random.Random, language: str, words: int) -> str:
    """`words` words of an act in `language`, in sentences of 6 to 14 words."""
    vocabulary, cumulative = VOCABULARY[language]
    chosen = rng.choices(vocabulary, cum_weights=cumulative, k=words)
    sentences, at = [], 0
    while at < len(chosen):
        length = rng.randint(6, 14)
        sentence = " ".join(chosen[at : at + length])
        sentences.append(sentence[:1].upper() + sentence[1:] + ".")
        at += length
    return " ".join(sentences)


def environment(database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "REDIS_URL"}}
    env.update(
        ACHYK_EMBEDDED="1", DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="achyk.settings",
        LOG_LEVEL="ERROR", PYTHONPATH=str(ROOT),
        ACHYK_VAR_DIR=env.get("ACHYK_VAR_DIR", str(ROOT / "bench" / "out" / "var")),
    )  # fmt: skip
    return env


def _setup() -> None:
    import django

    django.setup()


def bodies_worker(args) -> int:
    """One of `--of` processes creating the bodies numbered worker, worker + of, ..."""
    _setup()
    from bench.generate import create_bodies

    numbers = range(1 + args.worker, args.bodies + 1, args.of)
    numbers = reversed(numbers) if args.reverse else numbers
    began = time.monotonic()

    def progress(number):
        if number % 100 < args.of:
            print(f"  bodies: bench-{number:04d} ({time.monotonic() - began:.0f} s)", flush=True)

    create_bodies(numbers=numbers, progress=progress)
    return 0


def make_bodies(args, env) -> float:
    """Create the bodies in `args.processes` processes; returns the seconds taken."""
    began = time.monotonic()
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from achyk.content.services import ensure_platform_home;"
        "from achyk.demo.services import ensure_territory;"
        "ensure_platform_home(languages=[c for c, _n in settings.LANGUAGES]); ensure_territory()"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.scale",
                "bodies",
                "--bodies",
                str(args.bodies),
                "--worker",
                str(worker),
                "--of",
                str(args.processes),
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        for worker in range(args.processes)
    ]
    if any(worker.wait() for worker in workers):
        raise SystemExit("bench: a process creating bodies failed")
    return time.monotonic() - began


ACT_COLUMNS = ("id", "body_id", "type_id", "title", "number", "adopted_on", "adopted_by",
               "signatory", "status", "published_at", "updated_at", "languages",
               "title_ky", "title_ru", "title_kk")  # fmt: skip
DOCUMENT_COLUMNS = ("id", "title", "file", "created_at", "file_size", "file_hash", "description",
                    "is_archived", "updated_at", "body_id", "collection_id", "has_text_layer",
                    "language", "text", "act_id", "is_published")  # fmt: skip
ENTRY_COLUMNS = ("id", "language", "kind", "object_id", "title", "text", "terms", "url", "date",
                 "body_id")  # fmt: skip


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _section_paths(body) -> dict[str, str]:
    """The address of the body's documents section in each language, as search keeps it."""
    from wagtail.models import Page

    from achyk.content.models import BodyHomePage, DocumentIndexPage

    paths = {}
    for language in body.language_list:
        home = BodyHomePage.objects.filter(body_id=body.pk, locale__language_code=language).first()
        section = home and DocumentIndexPage.objects.live().child_of(home).first()
        _site_id, _root, path = (section and Page.get_url_parts(section)) or (None, "", "")
        if path:
            paths[language] = path
    return paths


def body_rows(*, body, documents: int, act_id: int, document_id: int, entry_id: int, types):
    """Rows of `documents` documents of `body` (acts, documents, search entries), ids from
    the given ones on; the same body and sizes always give the same rows."""
    from django.utils.text import slugify

    from achyk.search import services, text

    rng = random.Random(f"achyk-bench-{body.slug}")  # noqa: S311 (made-up data)
    sections = _section_paths(body)
    bishkek = dt.timezone(dt.timedelta(hours=6))
    span = (LAST_DAY - dt.date(FIRST_YEAR, 1, 1)).days
    acts, files, entries = [], [], []
    while len(files) < documents:
        kind = types[_weighted(rng, TYPE_WEIGHTS)]
        draw = rng.random()
        languages = ["ky", "ru"] if draw < 0.6 else ["ru"] if draw < 0.85 else ["ky"]
        languages = languages[: documents - len(files)]
        adopted = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(span))
        published = dt.datetime.combine(
            adopted + dt.timedelta(days=rng.randint(1, 20)), dt.time(10, rng.randrange(60)),
            bishkek,
        )  # fmt: skip
        lead = languages[0]
        title = f"{TITLES[kind.code][lead == 'ru']}: {passage(rng, lead, rng.randint(3, 7))}"
        title = title.rstrip(".")
        number = f"{rng.randint(1, 60)}-{rng.randint(1, 9)}"
        signatory = rng.choice(SIGNATORIES)
        acts.append((act_id, body.pk, kind.pk, title, number, adopted,
                     _weighted(rng, ADOPTED_BY_WEIGHTS), signatory,
                     _weighted(rng, STATUS_WEIGHTS), published, published,
                     " ".join(sorted(languages)),  # the title is in the act's first language
                     *(title if code == lead else "" for code in ("ky", "ru", "kk"))))  # fmt: skip
        shown = f"{title} № {number}"  # str(act)
        slug = slugify(title, allow_unicode=True)[:80] or "act"  # act.slug
        for language in languages:
            created = published + dt.timedelta(minutes=rng.randrange(1, 600))
            body_text = passage(rng, language, rng.randint(50, 120))
            name = f"documents/{body.slug}/{act_id}-{language}.pdf"
            files.append((document_id, shown[:255], name, created, rng.randint(40_000, 900_000),
                          "", "", False, created, body.pk, body.collection_id, True, language,
                          body_text, act_id, True))  # fmt: skip
            section = sections.get(language)
            if section is None:  # no documents section: a plain document, as search sees it
                raise SystemExit(f"bench: {body.slug} has no documents section in {language}")
            searched = "\n".join(part for part in (kind.name, signatory, body_text) if part)
            entries.append((entry_id, language, "act", document_id, shown[:500],
                            searched[: services.MAX_STORED_TEXT],
                            text.terms(f"{shown}\n{searched}", language),
                            f"{section}acts/{act_id}-{slug}/",
                            created, body.pk))  # fmt: skip
            document_id += 1
            entry_id += 1
        act_id += 1
    return acts, files, entries


def write_rows(tables: dict[str, tuple[tuple, list[tuple]]]) -> None:
    """Insert the rows: COPY on PostgreSQL, plain INSERTs elsewhere; in the caller's transaction."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table, (columns, rows) in tables.items():
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            elif rows:
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, rows)


def bench_bodies(count: int):
    """The generated bodies numbered 1 to `count` that exist, in order."""
    from achyk.bodies.models import Body

    slugs = [f"bench-{number:04d}" for number in range(1, count + 1)]
    return list(Body.objects.filter(slug__in=slugs).order_by("slug"))


def shares(documents: int, bodies: int) -> list[tuple[int, int]]:
    """(offset, count) of each body's documents: `documents` spread evenly over `bodies`."""
    each, rest = divmod(documents, bodies)
    return [(index * each + min(index, rest), each + (index < rest)) for index in range(bodies)]


def fill_documents(
    *,
    bodies,
    total: int,
    documents: int,
    bases: tuple[int, int, int],
    worker: int = 0,
    of: int = 1,
    batch: int = 10,
    progress=None,
) -> int:
    """Write the documents of this worker's share of `bodies` (every `of`-th, from `worker`),
    `batch` bodies per transaction; bodies that already have acts are skipped. Returns the
    number of documents written.

    `documents` are spread over `total` bodies by their number (bench-0042 is the 42nd), and
    each body's ids are `bases` plus its offset: bodies may be filled in several runs (those
    created so far, then the others), and ids of a later run, from higher bases, never meet
    those of an earlier one."""
    from django.db import transaction

    from achyk.documents.models import Act, DocumentType

    types = {kind.code: kind for kind in DocumentType.objects.all()}
    done = set(Act.objects.filter(body__in=bodies).values_list("body_id", flat=True).distinct())
    spread = shares(documents, total)
    mine = [
        (body, spread[int(body.slug.removeprefix("bench-")) - 1])
        for index, body in enumerate(bodies) if index % of == worker and body.pk not in done
    ]  # fmt: skip
    written = 0
    for start in range(0, len(mine), batch):
        rows = {"documents_act": [], "documents_document": [], "search_searchentry": []}
        for body, (offset, count) in mine[start : start + batch]:
            acts, files, entries = body_rows(
                body=body, documents=count, act_id=bases[0] + offset,
                document_id=bases[1] + offset, entry_id=bases[2] + offset, types=types,
            )  # fmt: skip
            rows["documents_act"] += acts
            rows["documents_document"] += files
            rows["search_searchentry"] += entries
            written += count
        with transaction.atomic():
            write_rows({
                "documents_act": (ACT_COLUMNS, rows["documents_act"]),
                "documents_document": (DOCUMENT_COLUMNS, rows["documents_document"]),
                "search_searchentry": (ENTRY_COLUMNS, rows["search_searchentry"]),
            })  # fmt: skip
        if progress is not None:
            progress(written)
    return written


def next_ids() -> tuple[int, int, int]:
    """The first free id of acts, documents and search entries."""
    from django.db.models import Max

    from achyk.documents.models import Act, Document
    from achyk.search.models import SearchEntry

    return tuple(
        (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        for model in (Act, Document, SearchEntry)
    )


def reset_sequences() -> None:
    """After rows written with their own ids, the next ids the database gives are free."""
    from django.core.management.color import no_style
    from django.db import connection

    from achyk.documents.models import Act, Document
    from achyk.search.models import SearchEntry

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Act, Document, SearchEntry]):
            cursor.execute(sql)


def documents_worker(args) -> int:
    """One of `--of` processes writing the documents of every `of`-th body."""
    _setup()
    bases = tuple(int(part) for part in args.bases.split(","))
    began = time.monotonic()

    def progress(written):
        print(f"  documents, process {args.worker}: {written:,} ({time.monotonic() - began:.0f} s)",
              flush=True)  # fmt: skip

    fill_documents(bodies=bench_bodies(args.bodies), total=args.bodies, documents=args.documents,
                   bases=bases, worker=args.worker, of=args.of, progress=progress)  # fmt: skip
    return 0


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="bodies, then documents (the default sizes)")
    bodies = commands.add_parser("bodies", help="one process of body creation (internal)")
    documents = commands.add_parser("documents", help="one process of documents (internal)")
    for each in (generate, bodies, documents):
        each.add_argument("--bodies", type=int, default=1000)
        each.add_argument("--documents", type=int, default=1_000_000)
    generate.add_argument("--processes", type=int, default=2)
    generate.add_argument("--reuse", action="store_true", help="keep what is already there")
    generate.add_argument(
        "--documents-only", action="store_true",
        help="write documents for the bodies there are, without creating the others",
    )  # fmt: skip
    generate.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="PostgreSQL database to fill (default: $BENCH_DATABASE_URL)",
    )  # fmt: skip
    bodies.add_argument("--reverse", action="store_true", help="from the last number down")
    for each in (bodies, documents):
        each.add_argument("--worker", type=int, required=True)
        each.add_argument("--of", type=int, required=True)
    documents.add_argument("--bases", required=True, help="first act,document,entry ids")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    if args.command == "bodies":
        return bodies_worker(args)
    if args.command == "documents":
        return documents_worker(args)
    return generate_all(args)


def full_text_indexes() -> list[tuple[str, str]]:
    """(name, definition) of the GIN indexes of the search entries."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'search_searchentry' AND indexdef LIKE '%% USING gin %%'"
        )
        return cursor.fetchall()


def make_documents(args, env) -> dict:
    """Write the documents in `args.processes` processes, the full-text index dropped during
    the load and built again after it; returns the seconds of each step."""
    _setup()
    from django.db import connection

    seconds, began = {}, time.monotonic()
    saved = OUT / "full-text-indexes.sql"
    indexes = full_text_indexes() or [
        (line.split()[2], line) for line in saved.read_text().splitlines()
    ]  # fmt: skip  (a run stopped during the load left them dropped: their definitions are kept)
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text("".join(f"{definition}\n" for _name, definition in indexes))
    with connection.cursor() as cursor:
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
    bases = ",".join(str(base) for base in next_ids())
    connection.close()
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.scale",
                "documents",
                "--bodies",
                str(args.bodies),
                "--documents",
                str(args.documents),
                "--worker",
                str(worker),
                "--of",
                str(args.processes),
                "--bases",
                bases,
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        for worker in range(args.processes)
    ]
    failed = any(worker.wait() for worker in workers)
    seconds["documents"] = time.monotonic() - began
    began = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for name, definition in indexes:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
            cursor.execute(definition)
    seconds["full_text_index"] = time.monotonic() - began
    if failed:
        raise SystemExit("bench: a process writing documents failed")
    began = time.monotonic()
    reset_sequences()
    with connection.cursor() as cursor:
        for table in ("documents_act", "documents_document", "search_searchentry"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    seconds["vacuum_analyze"] = time.monotonic() - began
    connection.close()
    return seconds


def counts() -> dict[str, int]:
    _setup()
    from django.db import connection

    from achyk.bodies.models import Body
    from achyk.documents.models import Act, Document
    from achyk.search.models import SearchEntry

    found = {
        "bodies": Body.objects.filter(slug__startswith="bench-").count(),
        "acts": Act.objects.count(), "documents": Document.objects.count(),
        "search_entries": SearchEntry.objects.count(),
    }  # fmt: skip
    connection.close()
    return found


def generate_all(args) -> int:
    """Migrate, create the bodies, write the documents; print and keep what it took."""
    if not args.database_url.startswith("postgres"):
        raise SystemExit("bench: --database-url must be a PostgreSQL database")
    env = environment(args.database_url)
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT,
                   env=env, check=True)  # fmt: skip
    report, found = {}, counts()
    if not (args.reuse and found["bodies"] >= args.bodies) and not args.documents_only:
        report["bodies_seconds"] = round(make_bodies(args, env))
        print(f"bench: bodies in {report['bodies_seconds']} s", flush=True)
    if not (args.reuse and counts()["documents"] >= args.documents):
        steps = make_documents(args, env)
        report.update({f"{step}_seconds": round(value) for step, value in steps.items()})
        print(f"bench: documents written: {report}", flush=True)
    report["contents"] = counts()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "generated-scale.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
