"""axe-core on every public page type, in Kyrgyz and Russian, in the standard version and the
version for the visually impaired: no violation of impact "serious" or "critical".

Minor and moderate findings are printed (run with -s) so they can be reported and worked down.
"""

from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

from achyk.content import models as content
from achyk.content.tests import factories as f
from achyk.ui.accessibility import COOKIE_NAME

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
LARGE_PRINT = "s=l.c=high.p=wide.i=1"


def build_site(body):
    """One item of every page type in ky and ru; returns {page type: {language: path}}."""
    urls = {name: {} for name in [
        "platform home", "body home", "news index", "news page", "announcements", "announcement",
        "standard page", "gallery index", "gallery", "documents", "leadership", "contacts",
        "vacancies", "vacancy", "feedback form", "council", "untranslated page", "404",
    ]}  # fmt: skip
    f.document(body, title="Бюджет 2026")
    emblem = f.image(body, title="Герб", size=(400, 400))
    for language in ["ky", "ru"]:
        prefix = f"/{body.slug}/{language}"
        dress_up(body, language, emblem)
        f.news(body, language, slug="news-item", image=f.image(body), image_alt="Айыл",
               document=f.document(body))  # fmt: skip
        f.announcement(body, language, slug="meeting")
        f.standard(body, language, slug="about", title="Айыл аймак жөнүндө")
        f.gallery(body, language, slug="nooruz", title="Нооруз")
        f.vacancy(body, language, slug="accountant", title="Бухгалтер")
        f.leadership(body, language)
        reception = f.section(body, language, content.FeedbackFormPage)
        content.FeedbackFormField.objects.create(
            page=reception, label="Аты-жөнү / ФИО", field_type="singleline", required=True
        )
        content.FeedbackFormField.objects.create(
            page=reception, label="Кайрылуу / Обращение", field_type="multiline", required=True
        )
        only_here = f.news(body, language, slug="only-here")
        other = "ru" if language == "ky" else "ky"
        paths = {
            "platform home": f"/{language}/", "body home": f"{prefix}/",
            "news index": f"{prefix}/news/", "news page": f"{prefix}/news/news-item/",
            "announcements": f"{prefix}/announcements/",
            "announcement": f"{prefix}/announcements/meeting/", "standard page": f"{prefix}/about/",
            "gallery index": f"{prefix}/gallery/", "gallery": f"{prefix}/gallery/nooruz/",
            "documents": f"{prefix}/documents/", "leadership": f"{prefix}/leadership/",
            "contacts": f"{prefix}/contacts/", "vacancies": f"{prefix}/vacancies/",
            "vacancy": f"{prefix}/vacancies/accountant/", "feedback form": f"{prefix}/reception/",
            "council": f"{prefix}/council/",
            "untranslated page": f"/{body.slug}/{other}/untranslated/{only_here.pk}/",
            "404": f"{prefix}/no-such-page/",
        }  # fmt: skip
        for name, path in paths.items():
            # the untranslated notice is read in the *other* language
            urls[name][other if name == "untranslated page" else language] = path
    return urls


def dress_up(body, language, emblem):
    """The body's look and what its home shows at its fullest: the emblem, a banner, the head
    with a photo, a council of deputies with photos and a commission."""
    home = f.home(body, language)
    home.emblem, home.banner, home.banner_alt = emblem, f.image(body, size=(1600, 400)), "Тоолор"
    f.publish(home)
    leadership = f.section(body, language, content.LeadershipPage)
    leadership.people.add(content.Person(
        name="Нурбек Асанов", position="Айыл өкмөтүнүн башчысы / Глава айыл окмоту",
        reception_hours="Дүйшөмбү 9:00–12:00", photo=f.image(body, size=(300, 400)),
    ))  # fmt: skip
    leadership.save()
    f.publish(leadership)
    council = f.section(body, language, content.CouncilPage)
    for n in range(5):
        council.deputies.add(content.Deputy(
            name=f"Депутат {n} Жумабеков", position="Кеңештин төрагасы" if n == 0 else "",
            constituency=f"№{n + 1} шайлоо округу, Ак-Суу айылы",
            reception_hours="Жума 10:00–12:00", phone="+996 3135 5-12-40",
            photo=f.image(body, size=(300, 400)) if n < 3 else None,
        ))  # fmt: skip
    council.commissions.add(content.Commission(
        name="Бюджет жана финансы боюнча комиссия", chair="Депутат 1 Жумабеков",
        members="Айбек Осмонов\nЧолпон Бекова", remit="Бюджеттин долбоору жана аткарылышы",
    ))  # fmt: skip
    council.save()
    f.publish(council)


@pytest.mark.parametrize("mode", ["standard", "visually impaired"])
def test_no_serious_or_critical_accessibility_violations_on_any_page_type(
    chromium, live_site, body_a, mode
):
    urls = build_site(body_a)
    blocking, report = [], []
    context = chromium.new_context(base_url=live_site.url)
    if mode == "visually impaired":
        context.add_cookies([{"name": COOKIE_NAME, "value": LARGE_PRINT, "url": live_site.url}])
    page = context.new_page()
    for name, by_language in urls.items():
        for language, path in sorted(by_language.items()):
            found, line = check(page, name, language, path)
            blocking += found
            report.append(f"{mode:18} {line}")
    context.close()
    print("\naxe-core results (page type, language, counts by impact, rules)\n" + "\n".join(report))
    assert not blocking, "\n".join(blocking)


def check(page, name, language, path):
    response = page.goto(path)
    assert response.status == (404 if name == "404" else 200), path
    assert page.get_attribute("html", "lang") == language, path
    results = Axe().run(page).response
    assert results["passes"], f"axe-core did not run on {path}"
    violations = results["violations"]
    impacts = Counter(v["impact"] for v in violations)
    line = (
        f"{language} {name:18} minor={impacts['minor']} moderate={impacts['moderate']} "
        f"serious={impacts['serious']} critical={impacts['critical']} "
        f"{sorted({v['id'] for v in violations})}"
    )
    blocking = [
        f"{language} {name} {path}: {v['id']} ({v['impact']}): {v['help']} "
        f"{[node['target'] for node in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    return blocking, line


def test_no_serious_or_critical_accessibility_violations_on_plan_pages(chromium, live_site, body_a):
    from achyk.plans import services as plan_services
    from achyk.plans.tests import factories as plans
    from achyk.ui.tests import samples

    plan = plans.full_plan(body_a)
    member = plans.jmeg_member(body_a, username="axe_member")
    action = plan.actions.first()
    code = plans.expenditure_codes()[0]
    budget = plans.publish_budget(body_a, plan.start_year, [(code, "1200000")])
    action.budget_line = f"budget.line:{budget.pk}-{code.pk}"  # shown on the plan and action
    action.save(update_fields=["budget_line"])
    photo = samples.upload("bridge.png", samples.image("PNG", (640, 480)))
    flag = plan_services.assess_action(
        member=member, action=action, status="done", rating=4, comment="Көрдүк", photo=photo,
        photo_alt="Көпүрө",
    )  # fmt: skip
    plan_services.answer_assessment(assessment=flag, answer="Күзгө чейин бүтөт", by=None)
    report = plan_services.file_report(member=member, plan=plan, period="2025", checked="Суу",
                                       findings="Кечигүү", recommendations=["Бүтүрүү"])  # fmt: skip
    plan_services.publish_report(member=member, report=report)
    paths = ["plans/", f"plans/{plan.pk}/", f"plans/actions/{action.pk}/",
             f"plans/reports/{report.pk}/"]  # fmt: skip
    blocking = []
    for mode in ["standard", "visually impaired"]:
        context = chromium.new_context(base_url=live_site.url)
        if mode == "visually impaired":
            context.add_cookies([{"name": COOKIE_NAME, "value": LARGE_PRINT, "url": live_site.url}])
        page = context.new_page()
        for language in ["ky", "ru"]:
            for path in paths:
                found, _line = check(page, path, language, f"/{body_a.slug}/{language}/{path}")
                blocking += found
        context.close()
    assert not blocking, "\n".join(blocking)


# Participation: the needs study, its schedule, the groups, the calendar, an event, statistics.
def test_participation_pages_have_no_serious_or_critical_violations(chromium, live_site, body_a):
    from achyk.participation import services
    from achyk.participation.tests import factories as needs

    study = needs.study(body_a)
    group = needs.focus_group(study, facilitator="Нургүл Асанова")
    needs.problem(group)
    priority = needs.priority(study)
    services.set_tally(priority=priority, focus_group=group, points=5, version=0, by=None)
    event = needs.event(body_a)
    needs.group(body_a, priority=priority, approved_by=event)
    paths = {
        "needs studies": "/participation/needs/",
        "needs study": f"/participation/needs/{study.pk}/",
        "schedule": f"/participation/needs/{study.pk}/schedule/",
        "groups": "/participation/groups/", "calendar": "/participation/calendar/",
        "event": f"/participation/calendar/{event.pk}/",
        "statistics": "/participation/statistics/",
    }  # fmt: skip
    blocking, report = [], []
    for mode in ["standard", "visually impaired"]:
        context = chromium.new_context(base_url=live_site.url)
        if mode == "visually impaired":
            context.add_cookies([{"name": COOKIE_NAME, "value": LARGE_PRINT, "url": live_site.url}])
        page = context.new_page()
        for language in ["ky", "ru"]:
            for name, path in paths.items():
                found, line = check(page, name, language, f"/{body_a.slug}/{language}{path}")
                blocking += found
                report.append(f"{mode:18} {line}")
        context.close()
    print("\naxe-core results, participation\n" + "\n".join(report))
    assert not blocking, "\n".join(blocking)


# The pages of the plans, the social order and requests that a signed-in person reaches (a
# monitoring group's member, an NGO, a commission member, staff in the admin) and the
# platform's own pages of the modules.


def sign_in_public(page, username, password, next_path):
    page.goto(f"/ky/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**{next_path}")


def walk(chromium, live_site, paths, *, sign_in=None, languages=("ky", "ru")):
    """axe-core over `paths` ({name: path under /<language>}) in each language and both
    versions, signed in by `sign_in(page)` first if given; (blocking, report lines)."""
    blocking, report = [], []
    for mode in ["standard", "visually impaired"]:
        context = chromium.new_context(base_url=live_site.url)
        if mode == "visually impaired":
            context.add_cookies([{"name": COOKIE_NAME, "value": LARGE_PRINT, "url": live_site.url}])
        page = context.new_page()
        if sign_in is not None:
            sign_in(page)
        for language in languages:
            for name, path in paths.items():
                found, line = check(page, name, language, path.format(language=language))
                blocking += found
                report.append(f"{mode:18} {line}")
        context.close()
    return blocking, report


def test_plan_members_pages_and_platform_overviews_have_no_serious_or_critical_violations(
    chromium, live_site, body_a
):
    from achyk.plans import services as plan_services
    from achyk.plans.tests import factories as plans

    plan = plans.full_plan(body_a)
    member = plans.jmeg_member(body_a, username="axe_monitor")
    action = plan.actions.first()
    draft = plan_services.file_report(member=member, plan=plan, period="2025", checked="Суу",
                                      findings="Кечигүү", recommendations=["Бүтүрүү"])  # fmt: skip
    prefix = f"/{body_a.slug}/{{language}}"
    members = {
        "monitoring (member)": f"{prefix}/plans/monitoring/",
        "action, assessment form": f"{prefix}/plans/actions/{action.pk}/",
        "draft report (member)": f"{prefix}/plans/reports/{draft.pk}/",
    }  # fmt: skip
    blocking, report = walk(
        chromium, live_site, members,
        sign_in=lambda page: sign_in_public(
            page, member.user.username, "Монитор-2026-ң", f"/{body_a.slug}/ky/plans/monitoring/"
        ),
    )  # fmt: skip
    platform = {"plans overview": "/{language}/plans/overview/",
                "participation statistics": "/{language}/participation/statistics/",
                "requests register": "/{language}/requests/"}  # fmt: skip
    found, lines = walk(chromium, live_site, platform)
    print("\naxe-core results, plans' members and platform pages\n" + "\n".join(report + lines))
    assert not blocking + found, "\n".join(blocking + found)


def test_social_order_pages_have_no_serious_or_critical_violations(chromium, live_site, body_a):
    from achyk.social_order import services
    from achyk.social_order.models import NgoMember
    from achyk.social_order.monitoring import services as monitoring
    from achyk.social_order.tests import factories as social
    from achyk.social_order.tests.test_public import _decided_with_contract

    call, contract = _decided_with_contract(body_a)
    tranche = contract.tranches.order_by("number").first()
    services.ask_for_report(tranche=tranche)
    ngo = NgoMember.objects.get(organisation=contract.application.organisation)
    open_call = social.call(body_a, state="open")
    draft = social.application(ngo, open_call)
    seat = call.commission.seats.first()
    jmeg = social.jmeg_member(body_a, username="axe_jmeg")
    visit = dict(contract=contract, visited_on=contract.starts_on, members="Айгүл",
                 checked="Журнал", feedback="Ыраазы", findings="Дары", rating=4)  # fmt: skip
    monitoring.publish_report(member=jmeg, report=monitoring.file_report(member=jmeg, **visit))
    monitoring.file_report(member=jmeg, **visit)  # a draft the group still holds
    prefix = f"/{body_a.slug}/{{language}}/social-order"
    public = {
        "social order": f"{prefix}/", "call": f"{prefix}/calls/{call.pk}/",
        "open call": f"{prefix}/calls/{open_call.pk}/",
        "contract": f"{prefix}/contracts/{contract.pk}/", "NGO sign-up": f"{prefix}/signup/",
    }  # fmt: skip
    blocking, report = walk(chromium, live_site, public)
    own = {
        "NGO's applications": f"{prefix}/mine/",
        "application (draft)": f"{prefix}/applications/{draft.pk}/",
        "application (winner)": f"{prefix}/applications/{contract.application.pk}/",
        "tranche report": f"{prefix}/tranches/{tranche.pk}/report/",
    }  # fmt: skip
    found, lines = walk(
        chromium, live_site, own,
        sign_in=lambda page: sign_in_public(
            page, ngo.user.username, "pw-Бурана-42", f"/{body_a.slug}/ky/social-order/mine/"
        ),
    )  # fmt: skip
    blocking, report = blocking + found, report + lines
    commission = {
        "commission's calls": f"{prefix}/commission/",
        "score sheet": f"{prefix}/commission/applications/{contract.application.pk}/",
    }  # fmt: skip
    found, lines = walk(
        chromium, live_site, commission,
        sign_in=lambda page: sign_in_public(
            page, seat.user.username, "pw-Бурана-42", f"/{body_a.slug}/ky/social-order/commission/"
        ),
    )  # fmt: skip
    blocking, report = blocking + found, report + lines
    found, lines = walk(
        chromium, live_site, {"monitoring group's page": f"{prefix}/monitoring/"},
        sign_in=lambda page: sign_in_public(
            page, jmeg.user.username, "pw-Бурана-42", f"/{body_a.slug}/ky/social-order/monitoring/"
        ),
    )  # fmt: skip
    blocking, report = blocking + found, report + lines
    print("\naxe-core results, social order\n" + "\n".join(report))
    assert not blocking, "\n".join(blocking)


def test_admin_screens_of_requests_and_plans_have_no_serious_or_critical_violations(
    chromium, live_site, body_a, editor_a
):
    """The staff's inbox of requests, registering and handling one, the monitoring reports
    staff answer, and the bounced letters of subscriptions, in the admin (in the staff
    member's language, Kyrgyz)."""
    from django.utils import timezone

    from achyk.bodies.tests import factories as body_factories
    from achyk.plans import services as plan_services
    from achyk.plans.tests import factories as plans
    from achyk.requests.tests import factories as requests
    from achyk.subscriptions.models import Bounce, Subscriber

    request = requests.registered(body_a, by=editor_a)
    bounced = Subscriber.objects.create(
        body=body_a, email="axe.reader@example.kg", language="ky", topics="news",
        leave_key="axe-leave-key", confirmed_at=timezone.now(), sent_until=timezone.now(),
    )  # fmt: skip
    Bounce.objects.create(email=bounced.email, hard_bounces=2, last_bounced_on=timezone.localdate())
    plan = plans.full_plan(body_a)
    member = plans.jmeg_member(body_a, username="axe_reporter")
    report = plan_services.file_report(member=member, plan=plan, period="2025", checked="Суу",
                                       findings="Кечигүү", recommendations=["Бүтүрүү"])  # fmt: skip
    plan_services.publish_report(member=member, report=report)
    paths = {
        "requests inbox": "/admin/requests/", "register a request": "/admin/requests/new/",
        "handle a request": f"/admin/requests/edit/{request.pk}/",
        "plans": "/admin/plans/plans/", "monitoring reports": "/admin/plans/reports/",
        "answer a report": f"/admin/plans/reports/{report.pk}/",
        "bounced letters": "/admin/subscription-bounces/",
        "a bounced subscriber": f"/admin/subscription-bounces/edit/{bounced.pk}/",
    }  # fmt: skip
    context = chromium.new_context(base_url=live_site.url)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("input[name=username]", editor_a.username)
    page.fill("input[name=password]", body_factories.PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")
    language = page.get_attribute("html", "lang")
    blocking, report_lines = [], []
    for name, path in paths.items():
        found, line = check(page, name, language, path)
        blocking += found
        report_lines.append(line)
    context.close()
    print("\naxe-core results, admin screens\n" + "\n".join(report_lines))
    assert not blocking, "\n".join(blocking)
