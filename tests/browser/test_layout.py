"""Residents read the site on 390 px phones: no public page type is wider than the window, at
390 px and at 1280 px, in the standard version and the version for the visually impaired, and
no text lies over other text (the header, the menu, cards, tables, the footer).

A wide table may scroll inside its own box; that box is then reachable by keyboard
(tabindex="0") and named (role="region" with a label), so it is not a page overflow.
"""

import pytest
from test_axe import LARGE_PRINT, build_site

from achyk.ui.accessibility import COOKIE_NAME

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)
LONG_WORD = "Жергиликтүүөзалдынчабашкаруунунаткаруучуоргандарынынкаржылык" * 2
LONG_URL = "https://example.kg/" + "budget-2026-" * 12 + ".pdf"

#: The page's overflow, the widest element that sticks out of the window (outside any box that
#: scrolls or clips), and the scrolling boxes a keyboard cannot reach or a reader cannot name.
MEASURE = """() => {
  const width = window.innerWidth;
  // Whether a box that scrolls or clips holds `el` (an absolutely placed element escapes every
  // box up to its containing block, the nearest placed ancestor).
  const clipped = (el) => {
    let escapes = ["absolute", "fixed"].includes(getComputedStyle(el).position);
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (escapes && style.position === "static") continue;
      escapes = false;
      if (style.overflowX !== "visible") return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className
       ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  let widest = null;
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 0.5 && !clipped(el) && (!widest || box.right > widest.right)) {
      widest = {right: Math.round(box.right), element: name(el),
                text: (el.textContent || "").trim().slice(0, 60)};
    }
  }
  const unreachable = [];
  for (const el of document.body.querySelectorAll("*")) {
    const x = getComputedStyle(el).overflowX;
    if ((x === "auto" || x === "scroll") && el.scrollWidth > el.clientWidth + 1) {
      const named = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
      if (el.getAttribute("tabindex") !== "0" || !named) unreachable.push(name(el));
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, widest, unreachable};
}"""


def _funded_and_photographed(plan, plans) -> None:
    """The plan's first action paid from a budget line, with a member's photo of it."""
    from achyk.plans import services
    from achyk.ui.tests import samples

    action = plan.actions.first()
    code = plans.expenditure_codes()[0]
    budget = plans.publish_budget(plan.body, plan.start_year, [(code, "123456789")])
    action.budget_line = f"budget.line:{budget.pk}-{code.pk}"
    action.save(update_fields=["budget_line"])
    member = plans.jmeg_member(plan.body, username="layout_member")
    services.assess_action(
        member=member, action=action, status="done", rating=4, comment=LONG_WORD,
        photo=samples.upload("wide.png", samples.image("PNG", (2000, 300))),
        photo_alt=f"Көпүрө {LONG_WORD}",
    )  # fmt: skip


#: Text laid over other text: the boxes of every line of every visible text node of the page
#: (header, menu, cards, tables, footer; not the charts' SVG, whose labels the chart helper
#: places), any two of different nodes that cover each other by more than a third of the lower
#: line's height and more than 2 px across.
OVERLAP = """() => {
  const hidden = (el) => {
    for (let up = el; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.visibility === "hidden" || style.opacity === "0") return true;
      if (style.position === "absolute" && up.getBoundingClientRect().width <= 1) return true;
    }
    return false;
  };
  const lines = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(), n = 0; node; node = walker.nextNode(), n++) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent) continue;
    if (parent.closest("svg, script, style, title") || hidden(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) {
      if (box.width > 1 && box.height > 1) {
        lines.push({n, box, text: node.textContent.trim().slice(0, 40)});
      }
    }
  }
  const found = [];
  for (let i = 0; i < lines.length && found.length < 5; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i], b = lines[j];
      if (a.n === b.n) continue;
      const across = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const down = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (across > 2 && down > Math.min(a.box.height, b.box.height) / 3) {
        found.push(`"${a.text}" and "${b.text}" (${Math.round(across)} x ${Math.round(down)} px)`);
        break;
      }
    }
  }
  return found;
}"""


def build_more(body):
    """Acts with long titles and files, a budget with its Citizens' Budget, the transparency
    pages, the rating, search, a plan, a needs study and the social order; {page type: path},
    in Russian (the longer words)."""
    from achyk.budget.tests.factories import small_budget
    from achyk.budget.tests.factories_citizens import citizens_budget, hearing, proposal
    from achyk.documents.tests import factories as documents

    for number in range(3):
        act = documents.act(
            body, number=f"{number + 14}-VI/2026", signatory="Асанов Бакыт Жумабекович",
            title=f"О внесении изменений в решение {LONG_WORD} {LONG_URL}",
        )  # fmt: skip
        documents.version(act, "ru", f"reshenie-{number}-o-byudzhete-2026.pdf", b"%PDF-1.4 x")
    from achyk.participation.tests import factories as needs
    from achyk.plans.tests import factories as plans
    from achyk.social_order.tests.test_public import _decided_with_contract

    plan = plans.full_plan(body)
    _funded_and_photographed(plan, plans)
    study = needs.study(body)
    needs.problem(needs.focus_group(study, facilitator="Нургүл Асанова"))
    event = needs.event(body)
    call, contract = _decided_with_contract(body)
    from achyk.social_order.monitoring import services as monitoring
    from achyk.social_order.tests.factories import jmeg_member

    member = jmeg_member(body, username="layout_jmeg")
    filed = monitoring.file_report(
        member=member, contract=contract, visited_on=contract.starts_on, members=LONG_WORD,
        checked=LONG_URL, feedback="", findings=f"Дарылар кечигет {LONG_WORD}", rating=4,
    )  # fmt: skip
    monitoring.publish_report(member=member, report=filed)
    body.population = 12000
    body.save()
    small_budget(body, year=2026)
    citizens_budget(body)
    proposal(hearing(body), decision="rejected", reason="Акча жок " + LONG_WORD)
    prefix = f"/{body.slug}/ru"
    return {
        "registry (ru)": f"{prefix}/documents/",
        "budget": f"{prefix}/budget/", "budget year": f"{prefix}/budget/2026/",
        "Citizens' Budget": f"{prefix}/budget/2026/citizens/approved/",
        "budget hearings": f"{prefix}/budget/hearings/",
        "transparency": f"{prefix}/transparency/", "rating": "/ru/transparency/rating/",
        "search results": f"{prefix}/search/?q=решение",
        "plans": f"{prefix}/plans/", "plan": f"{prefix}/plans/{plan.pk}/",
        "plan's action": f"{prefix}/plans/actions/{plan.actions.first().pk}/",
        "needs study": f"{prefix}/participation/needs/{study.pk}/",
        "participation calendar": f"{prefix}/participation/calendar/",
        "participation event": f"{prefix}/participation/calendar/{event.pk}/",
        "social order": f"{prefix}/social-order/",
        "call": f"{prefix}/social-order/calls/{call.pk}/",
        "contract": f"{prefix}/social-order/contracts/{contract.pk}/",
        "requests": f"{prefix}/requests/",
        "requests register": "/ru/requests/",
    }  # fmt: skip


def test_no_public_page_is_wider_than_a_phone_or_a_desktop(chromium, live_site, body_a):
    paths = {
        f"{name} ({language})": path
        for name, by_language in build_site(body_a).items()
        for language, path in sorted(by_language.items())
        if name != "404"
    }
    paths.update(build_more(body_a))
    overflowing, overlapping, measured = [], [], []
    for mode in ("standard", "visually impaired"):
        for width in WIDTHS:
            context = chromium.new_context(
                base_url=live_site.url, viewport={"width": width, "height": 800}
            )
            if mode == "visually impaired":
                context.add_cookies(
                    [{"name": COOKIE_NAME, "value": LARGE_PRINT, "url": live_site.url}]
                )
            page = context.new_page()
            for name, path in paths.items():
                assert page.goto(path).status == 200, path
                found = page.evaluate(MEASURE)
                measured.append(f"{mode:18} {width:4} {found['scroll']:5} {name}")
                if found["scroll"] > found["width"]:
                    overflowing.append(
                        f"{mode}, {width} px: {name} {path} is {found['scroll']} px wide; "
                        f"widest: {found['widest']}"
                    )
                overlaps = page.evaluate(OVERLAP)
                if overlaps:
                    overlapping.append(f"{mode}, {width} px: {name} {path}: text over text: "
                                       f"{overlaps}")  # fmt: skip
                if found["unreachable"]:
                    overflowing.append(
                        f"{mode}, {width} px: {name} {path} scrolls in boxes a keyboard cannot "
                        f"reach or that have no name: {found['unreachable']}"
                    )
            context.close()
    print("\nscrollWidth (version, window, page width, page)\n" + "\n".join(measured))
    assert not overflowing + overlapping, "\n".join(overflowing + overlapping)


def test_the_overlap_check_sees_text_laid_over_text(chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.set_content(
        '<header style="position:relative"><p style="margin:0">Айыл аймагы</p>'
        '<p style="position:absolute;top:4px;left:8px;margin:0">Расмий сайт</p></header>'
        '<p class="visually-hidden" style="position:absolute;width:1px;height:1px;'
        'overflow:hidden;clip:rect(0 0 0 0)">Жашырын</p><ul><li>Бир</li><li>Эки</li></ul>'
    )
    overlaps = page.evaluate(OVERLAP)
    assert len(overlaps) == 1 and "Айыл аймагы" in overlaps[0] and "Расмий сайт" in overlaps[0]
    page.set_content("<p>Айыл <a href='#'>аймагы</a> <strong>Расмий</strong></p><p>сайт</p>")
    assert page.evaluate(OVERLAP) == []
    context.close()


#: On a phone: the registry's rows are cards (no sideways scrolling, still rows of a table to
#: assistive technology) and the charts' text is drawn at 10 px or more.
PHONE_READING = """() => {
  const boxes = [...document.querySelectorAll(".as-cards")].map((table) => {
    const box = table.closest(".table-scroll");
    return {role: table.getAttribute("role"), display: getComputedStyle(table.rows[1]).display,
            rowRole: table.rows[1].getAttribute("role"),
            scrolls: box.scrollWidth > box.clientWidth + 1};
  });
  const sizes = [...document.querySelectorAll("svg.chart-svg")].map((svg) =>
    svg.getScreenCTM().a * parseFloat(svg.getAttribute("font-size")));
  return {boxes, sizes};
}"""


def test_registry_rows_are_cards_and_chart_text_is_readable_on_a_phone(chromium, live_site, body_a):
    paths = build_more(body_a)
    context = chromium.new_context(base_url=live_site.url, viewport={"width": 390, "height": 800})
    page = context.new_page()
    for name in ("registry (ru)", "budget", "budget year"):
        assert page.goto(paths[name]).status == 200
        found = page.evaluate(PHONE_READING)
        if name == "registry (ru)":
            assert found["boxes"], "the registry has no table of acts"
            for box in found["boxes"]:
                assert box == {"role": "table", "display": "block", "rowRole": "row",
                               "scrolls": False}, box  # fmt: skip
        else:
            assert found["sizes"], f"{name}: no chart"
            assert min(found["sizes"]) >= 10, (name, found["sizes"])
    page.goto(paths["registry (ru)"])
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.evaluate(PHONE_READING)["boxes"][0]["display"] == "table-row"
    context.close()
