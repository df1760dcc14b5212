"""The staff guide's chapters: what each module's screens are for, step by step, in the
admin's language (the steps are translated strings, so the catalogues' test keeps them in
Kyrgyz and Russian).

Each step names the screen it shows (`where(place)`, an address built for a body) and what on
that screen it speaks of (`selector`): the browser test opens every step's screen as a clerk
and finds that element, so a changed screen breaks the test, not the guide; with
`GUIDE_SHOTS` set it photographs each step (`make guide`). A chapter's `screens` are the
admin addresses whose header links to it ("Help for this screen").
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


@dataclass(frozen=True)
class Place:
    """What a step's address needs: the body, its home page in the language of the guide and
    the sections under it (`section("newsindexpage")`), and the objects a screen of one item
    shows (`item("request")`: the primary key of a request of the body)."""

    body: object
    home: Page
    items: Mapping[str, int] = field(default_factory=dict)

    def item(self, kind: str) -> int:
        return self.items[kind]

    def section(self, model: str) -> Page:
        found = (
            Page.objects.child_of(self.home)
            .filter(content_type__app_label="content", content_type__model=model)
            .first()
        )
        return found or self.home


@dataclass(frozen=True)
class Step:
    text: Promise
    where: Callable[[Place], str]
    selector: str = "main"


@dataclass(frozen=True)
class Chapter:
    key: str
    title: Promise
    intro: Promise
    screens: tuple[str, ...]  # admin address prefixes, the longest match wins
    steps: tuple[Step, ...] = field(default=())
    #: Who the chapter's screens open for: "staff" (editors and administrators) or "admin".
    role: str = "staff"


def _explore(place: Place) -> str:
    return reverse("wagtailadmin_explore", args=[place.section("newsindexpage").pk])


def _add_news(place: Place) -> str:
    parent = place.section("newsindexpage")
    return reverse("wagtailadmin_pages:add", args=["content", "newspage", parent.pk])


def _galleries(place: Place) -> str:
    return reverse("wagtailadmin_explore", args=[place.section("galleryindexpage").pk])


def _add_gallery(place: Place) -> str:
    parent = place.section("galleryindexpage")
    return reverse("wagtailadmin_pages:add", args=["content", "gallerypage", parent.pk])


CHAPTERS = (
    Chapter(
        "pages", _("Pages: news, announcements and sections"),
        _("Your site is a tree of pages: the home page, its sections (news, announcements, "
          "documents, contacts...) and the items in them, one tree for each language."),
        ("/admin/pages/",),
        (
            Step(_("Open “Pages” in the menu: your site's home page opens with its sections. "
                   "Open the section you add to, for example News."), _explore, "main table"),
            Step(_("Press “Add child page”. Write the title, the summary and the text; choose "
                   "a photo and describe it for those who cannot see it."), _add_news,
                 "#id_title"),
            Step(_("Press “Publish”, the first button at the bottom. A page you leave "
                   "half-filled is kept as a draft, and the add screen offers it to continue."),
                 _add_news, "footer button[name='action-publish']"),
        ),
    ),
    Chapter(
        "galleries", _("Photo galleries"),
        _("A photo gallery is a page of the “Photo gallery” section: the photos of one event, "
          "each described for readers who cannot see it."),
        ("/admin/pages/add/content/gallerypage/",),
        (
            Step(_("Open “Pages”, then the “Photo gallery” section of your site: its galleries, "
                   "newest first. Open one to change it."), _galleries, "main table"),
            Step(_("Press “Add child page” in the section and write the gallery's title and a "
                   "short summary of the event."), _add_gallery, "#id_title"),
            Step(_("Under “Images” choose each photo, describe what it shows for those who "
                   "cannot see it and add a caption if you wish; the button under the last "
                   "photo adds another. Press “Publish” at the bottom."),
                 _add_gallery, "#id_gallery_images-FORMS"),
        ),
    ),
    Chapter(
        "documents", _("Documents and legal acts"),
        _("Council resolutions, orders of the head, budgets and reports go into the registry "
          "of acts: each act has its type, number, date, a title in each language and one "
          "file per language."),
        ("/admin/documents/", "/admin/acts/", "/admin/registry/"),
        (
            Step(_("A document's form asks for the file and its language, then the act it "
                   "belongs to, or the type, number and date of a new act. The to-do list's "
                   "buttons open it with the act's type chosen."),
                 lambda place: reverse("wagtaildocs:add"), "#id_language"),
            Step(_("“Add a document” in “Documents” takes many files at once. Readers see each "
                   "file only once you give its title and language below it and press "
                   "“Update”."),
                 lambda place: reverse("wagtaildocs:add_multiple"),
                 "[data-unpublished-uploads]"),
            Step(_("Open “Legal acts”: the registry of your acts. Give each act its title in "
                   "each language of your site, and link the acts it amends or repeals."),
                 lambda place: reverse("acts:add"), "#id_title_ru"),
        ),
    ),
    Chapter(
        "budget", _("Budget and its import"),
        _("The budget is imported from the spreadsheet you keep, one stage of a year at a "
          "time: draft, approved, amended, or executed by quarter."),
        ("/admin/budget/",),
        (
            Step(_("Open “Budget” and press “Import a budget”."),
                 lambda place: reverse("budget_admin_index"),
                 "a[href='/admin/budget/import/']"),
            Step(_("Download the template (XLSX or CSV), or name your own columns as it does. "
                   "Each column is explained on the screen, and the valid codes are listed "
                   "under it."), lambda place: reverse("budget_admin_import"),
                 "[data-budget-template]"),
            Step(_("Choose the year, the stage and your file, and press “Check”. The next "
                   "screen shows every wrong row with its reason; nothing is saved until you "
                   "confirm."), lambda place: reverse("budget_admin_import"), "#id_file"),
        ),
    ),
    Chapter(
        "citizens-budget", _("Citizens' Budget"),
        _("The Citizens' Budget tells residents in plain words where the budget's money comes "
          "from and what it is spent on: one for each year and stage (draft, approved, "
          "executed), written in each language of your site."),
        ("/admin/citizens-budgets/",),
        (
            Step(_("Open “Citizens' Budget”: the budgets of each year and stage, with whether "
                   "readers see them."),
                 lambda place: reverse("citizens_budgets:index"), "main"),
            Step(_("Add one: choose the year and the stage, then write each section's text in "
                   "the tab of each language. Tick “published” when it is ready: readers see it "
                   "on your site and can download it as a PDF."),
                 lambda place: reverse("citizens_budgets:add"), "#id_year"),
        ),
    ),
    Chapter(
        "hearings", _("Budget hearings"),
        _("Before the council adopts the budget, residents are invited to a public hearing of "
          "its draft: announce the hearing, keep its minutes and decide on every proposal."),
        ("/admin/budget-hearings/",),
        (
            Step(_("Open “Budget hearings”: each hearing with its date, whether readers see it "
                   "and how many proposals it received."),
                 lambda place: reverse("budget_hearings:index"), "main"),
            Step(_("Announce a hearing: its year, date and time, its place and announcement in "
                   "each language, the draft budget and its document. Publish it early, so "
                   "that residents can come."),
                 lambda place: reverse("budget_hearings:add"), "#id_starts_at"),
            Step(_("After the hearing open it again: “Minutes” takes how many attended and the "
                   "minutes; “Proposals and decisions” takes each proposal with its decision "
                   "and the reason, which readers see."),
                 lambda place: reverse("budget_hearings:edit", args=[place.item("hearing")]),
                 "[role='tablist']"),
        ),
    ),
    Chapter(
        "todo", _("What to publish (the to-do list)"),
        _("The platform knows what the law asks your body to publish and how fresh it must "
          "be, and lists what needs you, most urgent first."),
        ("/admin/transparency/",),
        (
            Step(_("Open “What to publish”. Each line says the rule, the date it counts from "
                   "and the date it is due; its button opens the exact form to fill in."),
                 lambda place: reverse("transparency_admin:todo"), "main"),
        ),
    ),
    Chapter(
        "jmeg", _("The monitoring group (JMEG)"),
        _("The joint monitoring and evaluation group of residents checks what your body "
          "publishes and how its plans are carried out. Its members sign in on the public "
          "site, not in this panel."),
        ("/admin/transparency/jmeg/", "/admin/transparency/flags/"),
        (
            Step(_("Open “Monitoring group”: its members, and whether each can sign in. Your "
                   "body's administrators close the access of a member who leaves, and may "
                   "open it again."),
                 lambda place: reverse("transparency_admin:jmeg"), "main table"),
            Step(_("Register a member with their name and a user name, and a password you give "
                   "them in person: they sign in on your site and flag what is wrong or "
                   "missing on its transparency page."),
                 lambda place: reverse("transparency_admin:jmeg_add"), "#id_username"),
            Step(_("The group's flags on what you publish, open ones first: the dashboard "
                   "counts those that await an answer and opens this list."),
                 lambda place: reverse("transparency_admin:flags"), "main table"),
            Step(_("Open a flag, put right what it speaks of and write your answer: it is "
                   "published under the flag on your site. The group's flags and reports on "
                   "the plans are answered in “Plans”."),
                 lambda place: reverse("transparency_admin:answer", args=[place.item("flag")]),
                 "#id_answer"),
        ),
    ),
    Chapter(
        "plans", _("Development programmes and action plans"),
        _("A development programme and a joint action plan hold goals, objectives and actions "
          "with their dates, costs and indicators; staff report each action's progress, and the "
          "monitoring group assesses it."),
        ("/admin/plans/",),
        (
            Step(_("Open “Plans” in the menu, then “Plans”: your body's programmes and action "
                   "plans, with their kind, state and whether readers see them."),
                 lambda place: reverse("plans_plans:index"), "main"),
            Step(_("Add a plan: its kind, its title and summary in each language of your "
                   "site, its years and state, and the act that approved it. The tabs hold the "
                   "agreement with residents, the working group and the situation analysis."),
                 lambda place: reverse("plans_plans:add"), "#id_kind"),
            Step(_("“Goals”, “Objectives” and “Actions” build the plan's tree. Each action has "
                   "its dates, the one responsible, its costs by source and year, and its "
                   "status; late actions are marked."),
                 lambda place: reverse("plans_actions:index"), "main"),
            Step(_("Report the progress of an action in “Progress updates”: the newest update "
                   "sets the action's status and percentage on the public page."),
                 lambda place: reverse("plans_updates:add"), "main form"),
            Step(_("A plan's actions can be imported from a spreadsheet: download the template, "
                   "fill it and send it. Every row is checked and shown; nothing is saved "
                   "until all rows are right."),
                 lambda place: reverse("plans_admin_import"), "#id_file"),
            Step(_("“Flags of the monitoring group” lists what the group questioned. Answer "
                   "each flag; the group closes it or reopens it with a note. Answer each "
                   "recommendation of its reports in “Monitoring reports”."),
                 lambda place: reverse("plans_admin_flags"), "main"),
        ),
    ),
    Chapter(
        "participation", _("Needs study, focus groups and priorities"),
        _("The joint needs study asks residents, in focus groups, what their village needs; "
          "the points they give make the ranked priorities that the action plan answers."),
        ("/admin/participation",),
        (
            Step(_("Open “Participation”, then “Needs studies”: each study with its stage and "
                   "whether readers see it."),
                 lambda place: reverse("participation_studies:index"), "main"),
            Step(_("Add a study: its title, its dates, the settlements it covers and its stage. "
                   "Publish it to announce the focus groups: residents must know of each one "
                   "ten days ahead."),
                 lambda place: reverse("participation_studies:add"), "main form"),
            Step(_("Add each focus group: its residents, settlement, date and time and "
                   "facilitator. Once it is held, its “Results” tab takes who took part, counted "
                   "by gender and age, and the problems raised."),
                 lambda place: reverse("participation_focus_groups:add"), "main form"),
            Step(_("The results of many focus groups can be imported from a spreadsheet: "
                   "choose the study and the file, check every row, then confirm."),
                 lambda place: reverse("participation_import"), "#id_file"),
            Step(_("“Priorities” ranks the problems by the points the focus groups gave; the "
                   "tally sheet of a study takes each group's points."),
                 lambda place: reverse("participation_priorities:index"), "main"),
        ),
    ),
    Chapter(
        "social-order", _("Social order"),
        _("The body orders social services from NGOs: a programme of the year, a call for "
          "projects, applications scored by the commission, contracts paid in tranches "
          "against accepted reports."),
        ("/admin/social-order/",),
        (
            Step(_("Open “Social order”, then “Programmes”: add the year's programme with its "
                   "topics, budget and approving act."),
                 lambda place: reverse("social_programmes:add"), "main form"),
            Step(_("Form the commission in “Commissions”, then add its members in “Commission "
                   "members”: each receives a sign-in to score the applications."),
                 lambda place: reverse("social_seats:add"), "main form"),
            Step(_("Announce a call in “Calls for projects”: its topic, who may apply, the "
                   "documents, the ceiling, the opening and the deadline in your body's time, "
                   "and the scoring criteria with their weights."),
                 lambda place: reverse("social_calls:add"), "#id_deadline"),
            Step(_("“Applications” lists what NGOs submitted, with their state. Once the "
                   "commission has scored them, the call's screen shows the ranking and takes "
                   "the decision."),
                 lambda place: reverse("social_applications:index"), "main"),
            Step(_("Sign a contract with a winning application: its number, date, amount and "
                   "period; publish it for readers."),
                 lambda place: reverse("social_contracts:add"), "main form"),
            Step(_("Plan the contract's tranches in “Tranches”. A tranche is paid only after its "
                   "report is accepted: review the report, return it with comments or accept it, "
                   "then record the payment."),
                 lambda place: reverse("social_tranches:index"), "main"),
        ),
    ),
    Chapter(
        "requests", _("Requests for information"),
        _("A resident's request for information is answered within the law's term: the "
          "panel counts the days and shows what is due."),
        ("/admin/requests/", "/admin/request-laws/"),
        (
            Step(_("Open “Requests for information”: the inbox, the nearest due date first. The "
                   "clock says which requests are overdue or due this week."),
                 lambda place: reverse("information_requests:index"), "main"),
            Step(_("Register a request received on paper, orally or by e-mail: the term counts "
                   "from the day it was received."),
                 lambda place: reverse("information_requests:add"), "#id_question"),
            Step(_("Open a request: its facts, the date the answer is due and the log of every "
                   "step."), lambda place: reverse("information_requests:edit",
                                                   args=[place.item("request")]), "#request-due"),
            Step(_("Choose the next step: assign, ask to clarify, extend before the term ends "
                   "with the reason, forward, answer or refuse with the legal ground. The "
                   "requester is told by e-mail."),
                 lambda place: reverse("information_requests:edit", args=[place.item("request")]),
                 "#id_action"),
        ),
    ),
    Chapter(
        "subscriptions", _("Subscriptions: bounced letters"),
        _("Residents subscribe on your site to your news, announcements, acts and budget. Staff "
          "see only the addresses whose letters come back."),
        ("/admin/subscription-bounces/",),
        (
            Step(_("Open “Bounced letters”: the subscribers whose letters bounced, with the count "
                   "and when the letters stop. Once an address works again, start the count "
                   "again or resume the letters."),
                 lambda place: reverse("subscription_bounces:index"), "main"),
        ),
    ),
    Chapter(
        "staff", _("Staff of the body"),
        _("The body's administrators manage who signs in to its panel, and with which role."),
        ("/admin/staff/", "/admin/our-body/"),
        (
            Step(_("Open “Staff”: everyone who signs in to your body's panel, with their "
                   "role. Close the access of someone who leaves: you are asked to confirm."),
                 lambda place: reverse("body_staff:index", args=[place.body.pk]), "main"),
            Step(_("Add a staff member with their name, e-mail and role: without a password, "
                   "they receive an invitation by e-mail."),
                 lambda place: reverse("body_staff:add", args=[place.body.pk]), "main form"),
        ),
        role="admin",
    ),
    Chapter(
        "bin", _("The bin"),
        _("What you delete goes to the bin first: readers no longer see it, and you can "
          "restore it."),
        ("/admin/bin/",),
        (
            Step(_("Open “Bin”: the pages and files removed, newest first. Restore one with its "
                   "button; administrators may also delete for good."),
                 lambda place: reverse("bin:index"), "main"),
        ),
    ),
)  # fmt: skip

BY_KEY = {chapter.key: chapter for chapter in CHAPTERS}


def chapter_for_path(path: str) -> Chapter | None:
    """The chapter whose screens include the admin address `path` (longest prefix first)."""
    best, length = None, 0
    for chapter in CHAPTERS:
        for prefix in chapter.screens:
            if path.startswith(prefix) and len(prefix) > length:
                best, length = chapter, len(prefix)
    return best


def shot_name(chapter: Chapter, number: int, language: str) -> str:
    """The static path of a step's screenshot (`make guide` writes them)."""
    return f"guide/shots/{language}/{chapter.key}-{number}.png"
