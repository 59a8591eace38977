"""Who may do what with one placement: every rule of ``PlacementAccess`` in one table.

Every row is a role, built with real memberships against one placement of company A's
and school A's; every column a ``may_…`` rule. The tables are written out by hand from
the docstrings in ``placements/access.py``: ``Y`` allowed, ``N`` refused, ``HIDDEN`` when
the role cannot see the placement at all (the scoping selector leaves it out: 404).
The table is cut in five by the placement's status, each with the columns that matter:

- an open placement (active): the journal's rules, and each step of the lifecycle;
- the school's proposal: answering it, withdrawing it, talking about it;
- the company's registration: answering it, withdrawing it, talking about it;
- a closed placement (completed): the journal's writes are refused, its readers stay.

A request per rule family then checks that the views ask the same rules (403 for a
refused action, the page's usual answer for an allowed one), and the two rules about
many placements at once are checked over the personas.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from companies.models import CompanyMembership
from placements.access import (
    PlacementAccess,
    may_download_in_bulk,
    may_post_in_bulk,
    placement_access,
)
from placements.models import ChecklistItem, Placement, PlacementStatus, SchoolRole
from placements.selectors.core import placements_for_user
from stagegids.core.models import User
from tests.factories import (
    ChecklistItemFactory,
    CompanyFactory,
    CompanyMembershipFactory,
    EvaluationFactory,
    IntakeFactory,
    PlacementFactory,
    SchoolFactory,
    SchoolMembershipFactory,
    StudentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Y, N = True, False
#: The role does not see the placement: not in ``placements_for_user``, its page is 404;
#: and should a view ever skip the selector, its roles allow none of the table's columns.
HIDDEN = "hidden"

#: Every role, in the order of the tables' rows.
ROLES = [
    "supervisor",  # the placement's supervisor, a plain member of company A
    "former-supervisor",  # still named as the supervisor, but left company A
    "company-admin",  # an admin of company A who does not supervise this placement
    "colleague",  # works at company A, neither the supervisor nor an admin
    "coordinator",  # coordinates school A
    "teacher-may-approve",  # follows the pupil; school A lets teachers approve
    "teacher-may-not-approve",  # the same teacher; school A does not let them approve
    "teacher-other-pupil",  # teaches at school A, follows another pupil
    "coordinator-other-school",  # coordinates school B
    "supervisor-other-company",  # supervises a placement at company B
    "staff",  # is_staff, no memberships
    "outsider",  # no memberships at all
]

# fmt: off
#: The journal's rules, asked on an open (active) placement and on a closed one.
JOURNAL_COLUMNS = (
    "may_tick:company_item", "may_tick:school_item", "may_edit_intake",
    "may_see_support_needs", "may_record_hours", "may_keep_worklog", "may_plan_feedback",
    "may_take_part_in_feedback", "may_post_message", "may_fill_assessments",
    "may_review_assessments",
)

#: An agreed placement under way (active): both sides write in the journal.
OPEN_TABLE = {
    #                          tick tick  in-   sup-  hours work  plan  take  post  fill  re-
    #                          co.  sch.  take  port        log   fb    part  msg         view
    "supervisor":              (Y,   Y,    Y,    Y,    Y,    Y,    Y,    Y,    Y,    Y,    N),
    "former-supervisor":       HIDDEN,
    "company-admin":           (Y,   Y,    Y,    N,    Y,    Y,    Y,    Y,    Y,    Y,    N),
    "colleague":               HIDDEN,
    "coordinator":             (N,   Y,    Y,    Y,    N,    N,    N,    Y,    Y,    N,    Y),
    "teacher-may-approve":     (N,   Y,    Y,    Y,    N,    N,    N,    Y,    Y,    N,    Y),
    "teacher-may-not-approve": (N,   Y,    Y,    Y,    N,    N,    N,    Y,    Y,    N,    N),
    "teacher-other-pupil":     HIDDEN,
    "coordinator-other-school": HIDDEN,
    "supervisor-other-company": HIDDEN,
    "staff":                   (Y,   Y,    Y,    N,    Y,    Y,    Y,    Y,    N,    Y,    Y),
    "outsider":                HIDDEN,
}

#: The steps of the lifecycle, asked on the same open (active) placement.
LIFECYCLE_COLUMNS = (
    "may_plan", "may_start", "may_start_closing", "may_complete", "may_cancel", "may_state_age",
    "may_edit_safe_work",
)
LIFECYCLE_TABLE = {
    #                          plan  start closing complete cancel age     safe
    "supervisor":              (Y,    Y,    Y,      N,       Y,       N,     Y),
    "former-supervisor":       HIDDEN,
    "company-admin":           (Y,    Y,    Y,      N,       Y,       N,     Y),
    "colleague":               HIDDEN,
    "coordinator":             (Y,    N,    Y,      Y,       Y,       Y,     N),
    "teacher-may-approve":     (N,    N,    N,      N,       N,       N,     N),
    "teacher-may-not-approve": (N,    N,    N,      N,       N,       N,     N),
    "teacher-other-pupil":     HIDDEN,
    "coordinator-other-school": HIDDEN,
    "supervisor-other-company": HIDDEN,
    "staff":                   (Y,    Y,    Y,      Y,       Y,       Y,     Y),
    "outsider":                HIDDEN,
}

#: The school proposed the placement to company A; nobody supervises it yet, so the
#: supervisor-to-be is one more member of the company (and sees it as such).
PROPOSED_COLUMNS = ("may_answer_proposal", "may_cancel", "may_post_message", "may_edit_intake")
PROPOSED_TABLE = {
    #                          answer cancel post  intake
    "supervisor":              (Y,     N,     Y,    N),
    "former-supervisor":       HIDDEN,
    "company-admin":           (Y,     N,     Y,    N),
    "colleague":               (Y,     N,     Y,    N),
    "coordinator":             (N,     Y,     Y,    N),
    "teacher-may-approve":     (N,     N,     Y,    N),
    "teacher-may-not-approve": (N,     N,     Y,    N),
    "teacher-other-pupil":     HIDDEN,
    "coordinator-other-school": HIDDEN,
    "supervisor-other-company": HIDDEN,
    "staff":                   (Y,     Y,     N,    N),
    "outsider":                HIDDEN,
}

#: Company A registered the placement (its supervisor named); school A confirms it.
REGISTERED_COLUMNS = (
    "may_answer_registration", "may_cancel", "may_post_message", "may_edit_intake",
)
REGISTERED_TABLE = {
    #                          answer cancel post  intake
    "supervisor":              (N,     Y,     Y,    N),
    "former-supervisor":       HIDDEN,
    "company-admin":           (N,     Y,     Y,    N),
    "colleague":               HIDDEN,
    "coordinator":             (Y,     N,     Y,    N),
    "teacher-may-approve":     (N,     N,     Y,    N),
    "teacher-may-not-approve": (N,     N,     Y,    N),
    "teacher-other-pupil":     HIDDEN,
    "coordinator-other-school": HIDDEN,
    "supervisor-other-company": HIDDEN,
    "staff":                   (Y,     Y,     N,    N),
    "outsider":                HIDDEN,
}

#: A completed placement: the journal is history. ``may_tick`` does not look at the
#: status (``checklist_item_set_done`` refuses a closed checklist with its own message,
#: see ``test_tick_on_completed_placement_changes_nothing``); the thread, the support
#: needs and the review stay with whoever had them.
CLOSED_TABLE = {
    #                          tick tick  in-   sup-  hours work  plan  take  post  fill  re-
    #                          co.  sch.  take  port        log   fb    part  msg         view
    "supervisor":              (Y,   Y,    N,    Y,    N,    N,    N,    N,    Y,    N,    N),
    "former-supervisor":       HIDDEN,
    "company-admin":           (Y,   Y,    N,    N,    N,    N,    N,    N,    Y,    N,    N),
    "colleague":               HIDDEN,
    "coordinator":             (N,   Y,    N,    Y,    N,    N,    N,    N,    Y,    N,    Y),
    "teacher-may-approve":     (N,   Y,    N,    Y,    N,    N,    N,    N,    Y,    N,    Y),
    "teacher-may-not-approve": (N,   Y,    N,    Y,    N,    N,    N,    N,    Y,    N,    N),
    "teacher-other-pupil":     HIDDEN,
    "coordinator-other-school": HIDDEN,
    "supervisor-other-company": HIDDEN,
    "staff":                   (Y,   Y,    N,    N,    N,    N,    N,    N,    N,    N,    Y),
    "outsider":                HIDDEN,
}
# fmt: on

#: table → (the placement's status, the columns, the rows).
TABLES = {
    "open-journal": (PlacementStatus.ACTIVE, JOURNAL_COLUMNS, OPEN_TABLE),
    "open-lifecycle": (PlacementStatus.ACTIVE, LIFECYCLE_COLUMNS, LIFECYCLE_TABLE),
    "proposed": (PlacementStatus.PROPOSED, PROPOSED_COLUMNS, PROPOSED_TABLE),
    "registered": (PlacementStatus.REGISTERED, REGISTERED_COLUMNS, REGISTERED_TABLE),
    "closed-journal": (PlacementStatus.COMPLETED, JOURNAL_COLUMNS, CLOSED_TABLE),
}


@dataclass(frozen=True)
class World:
    """One placement at company A of a school A pupil, and one user per role."""

    placement: Placement
    #: A checklist item for the company side only, and one the school may tick too.
    company_item: ChecklistItem
    school_item: ChecklistItem
    users: dict[str, User]


def build_world(
    status: str, *, teachers_may_approve: bool = True, supervisor_left: bool = False
) -> World:
    company, other_company = CompanyFactory(), CompanyFactory()
    school = SchoolFactory(teachers_may_approve=teachers_may_approve)
    other_school = SchoolFactory()
    supervisor = CompanyMembershipFactory(company=company).user
    company_admin = CompanyMembershipFactory(company=company, is_company_admin=True).user
    colleague = CompanyMembershipFactory(company=company).user
    coordinator = SchoolMembershipFactory(school=school, role=SchoolRole.COORDINATOR).user
    teacher = SchoolMembershipFactory(school=school, role=SchoolRole.TEACHER).user
    other_teacher = SchoolMembershipFactory(school=school, role=SchoolRole.TEACHER).user
    other_coordinator = SchoolMembershipFactory(
        school=other_school, role=SchoolRole.COORDINATOR
    ).user
    other_supervisor = CompanyMembershipFactory(company=other_company).user
    # The other teacher's own pupil, and the other company's own intern.
    StudentFactory(school=school, teacher=other_teacher)
    PlacementFactory(
        student=StudentFactory(school=other_school),
        company=other_company,
        supervisor=other_supervisor,
    )
    placement = PlacementFactory(
        student=StudentFactory(school=school, teacher=teacher),
        company=company,
        # A school's proposal names no supervisor: the company chooses one on accepting.
        supervisor=None if status == PlacementStatus.PROPOSED else supervisor,
        status=status,
    )
    if supervisor_left:
        CompanyMembership.objects.filter(user=supervisor, company=company).delete()
    return World(
        placement=placement,
        company_item=ChecklistItemFactory(placement=placement, school_may_tick=False),
        school_item=ChecklistItemFactory(placement=placement, school_may_tick=True),
        users={
            "supervisor": supervisor,
            "former-supervisor": supervisor,
            "company-admin": company_admin,
            "colleague": colleague,
            "coordinator": coordinator,
            "teacher-may-approve": teacher,
            "teacher-may-not-approve": teacher,
            "teacher-other-pupil": other_teacher,
            "coordinator-other-school": other_coordinator,
            "supervisor-other-company": other_supervisor,
            "staff": UserFactory(is_staff=True),
            "outsider": UserFactory(),
        },
    )


def world_for(table_name: str, role: str) -> World:
    return build_world(
        TABLES[table_name][0],
        teachers_may_approve=role != "teacher-may-not-approve",
        supervisor_left=role == "former-supervisor",
    )


def ask(access: PlacementAccess, column: str, world: World):
    """The rule a column names; ``may_tick:<item>`` asks about that checklist item."""
    rule, _, item = column.partition(":")
    answer = getattr(access, rule)
    return answer(getattr(world, item)) if item else answer


def detail_url(placement: Placement) -> str:
    return reverse("placements:detail", kwargs={"public_id": placement.public_id})


def _cases(*, hidden: bool) -> list:
    return [
        pytest.param(table_name, role, id=f"{table_name}-{role}")
        for table_name, (_status, _columns, table) in TABLES.items()
        for role in ROLES
        if (table[role] == HIDDEN) is hidden
    ]


# --- the tables themselves -------------------------------------------------------------


def test_access_tables_cover_every_rule():
    rules = {name for name in vars(PlacementAccess) if name.startswith("may_")}
    columns = {column for _status, cols, _table in TABLES.values() for column in cols}

    covered = {column.partition(":")[0] for column in columns}

    assert covered == rules


@pytest.mark.parametrize("table_name", TABLES)
def test_access_table_has_a_full_row_per_role(table_name):
    _status, columns, table = TABLES[table_name]

    widths = {role: len(row) for role, row in table.items() if row != HIDDEN}

    assert list(table) == ROLES
    assert set(widths.values()) == {len(columns)}


# --- the rules, role by role -----------------------------------------------------------


@pytest.mark.parametrize(("table_name", "role"), _cases(hidden=False))
def test_placement_access_per_role_matches_table(client, table_name, role):
    world = world_for(table_name, role)
    user = world.users[role]
    _status, columns, table = TABLES[table_name]
    # As the views get it: through the scoping selector (DoesNotExist if out of sight).
    placement = placements_for_user(user).get(pk=world.placement.pk)
    client.force_login(user)

    access = placement_access(user, placement)
    response = client.get(detail_url(placement))

    assert {column: ask(access, column, world) for column in columns} == dict(
        zip(columns, table[role], strict=True)
    )
    assert response.status_code == 200


@pytest.mark.parametrize(("table_name", "role"), _cases(hidden=True))
def test_placement_out_of_sight_per_role_is_404(client, table_name, role):
    world = world_for(table_name, role)
    user = world.users[role]
    placement = world.placement
    _status, columns, _table = TABLES[table_name]
    client.force_login(user)

    visible = placements_for_user(user).filter(pk=placement.pk).exists()
    access = placement_access(user, placement)
    page = client.get(detail_url(placement))
    post = client.post(
        reverse("placements:message_create", kwargs={"public_id": placement.public_id}),
        {"body": "Hallo?"},
    )

    assert (visible, page.status_code, post.status_code) == (False, 404, 404)
    assert placement.messages.count() == 0
    assert {column: ask(access, column, world) for column in columns} == dict.fromkeys(
        columns, False
    )


# --- the views ask the same rules ------------------------------------------------------


def _url(name: str, placement: Placement, **kwargs) -> str:
    return reverse(name, kwargs={"public_id": placement.public_id, **kwargs})


#: One request per rule family, by the column whose rule the view asks, with what it
#: answers when the rule allows it (when it refuses: 403). Forms are posted empty, so an
#: allowed request shows its form again with the errors (200) or redirects back (302).
HTTP_CHECKS = {
    "may_tick:school_item": (
        lambda client, w: client.post(
            _url("placements:checklist_item", w.placement, item_id=w.school_item.pk),
            {"done": "1"},
        ),
        302,
    ),
    "may_record_hours": (
        lambda client, w: client.post(_url("placements:daylog_save", w.placement), {}),
        200,
    ),
    "may_plan_feedback": (
        lambda client, w: client.post(_url("placements:feedback_add", w.placement), {}),
        200,
    ),
    "may_see_support_needs": (
        lambda client, w: client.get(_url("placements:support_needs", w.placement)),
        200,
    ),
    "may_post_message": (
        lambda client, w: client.post(_url("placements:message_create", w.placement), {}),
        200,
    ),
    "may_fill_assessments": (
        lambda client, w: client.post(_url("evaluations:submit", w.placement, kind="final"), {}),
        200,
    ),
    "may_review_assessments": (
        lambda client, w: client.post(_url("evaluations:review", w.placement, kind="final"), {}),
        200,
    ),
    # An active placement is not closing yet: the step is refused with a message (302).
    "may_complete": (
        lambda client, w: client.post(
            _url("placements:transition", w.placement, action="complete")
        ),
        302,
    ),
    "may_cancel": (
        lambda client, w: client.get(_url("placements:cancel", w.placement)),
        200,
    ),
}


@pytest.mark.parametrize("role", [role for role in ROLES if OPEN_TABLE[role] != HIDDEN])
def test_views_on_open_placement_per_role_answer_as_table(client, role):
    world = world_for("open-journal", role)
    EvaluationFactory(placement=world.placement)
    IntakeFactory(placement=world.placement, support_needs="Korte instructies, op papier.")
    client.force_login(world.users[role])
    row = dict(zip(JOURNAL_COLUMNS, OPEN_TABLE[role], strict=True))
    row |= dict(zip(LIFECYCLE_COLUMNS, LIFECYCLE_TABLE[role], strict=True))

    answered = {
        column: send(client, world).status_code for column, (send, _) in HTTP_CHECKS.items()
    }

    assert answered == {
        column: allowed if row[column] else 403 for column, (_, allowed) in HTTP_CHECKS.items()
    }


#: A completed placement's journal, written to by its supervisor: every write refused.
CLOSED_WRITES = {
    "intake": lambda client, w: client.get(_url("placements:intake", w.placement)),
    "hours": lambda client, w: client.post(_url("placements:daylog_save", w.placement), {}),
    "worklog": lambda client, w: client.post(_url("placements:worklog_record", w.placement), {}),
    "feedback": lambda client, w: client.post(_url("placements:feedback_add", w.placement), {}),
    "assessment": lambda client, w: client.post(
        _url("evaluations:edit", w.placement, kind="final"), {}
    ),
}


@pytest.mark.parametrize("write", CLOSED_WRITES)
def test_journal_write_on_completed_placement_is_403(client, write):
    world = world_for("closed-journal", "supervisor")
    client.force_login(world.users["supervisor"])

    response = CLOSED_WRITES[write](client, world)

    assert response.status_code == 403


def test_tick_on_completed_placement_changes_nothing(client):
    world = world_for("closed-journal", "supervisor")
    item = world.company_item
    client.force_login(world.users["supervisor"])

    response = client.post(
        _url("placements:checklist_item", world.placement, item_id=item.pk), {"done": "1"}
    )

    item.refresh_from_db()
    assert response.status_code == 302
    assert (item.done_at, item.done_by) == (None, None)


# --- rules about many placements at once -----------------------------------------------


@pytest.mark.parametrize(
    ("persona", "may_post", "may_download"),
    [
        ("supervisor_a", True, False),
        ("supervisor_b", True, False),
        ("coordinator_a", True, True),
        ("coordinator_b", True, True),
        ("teacher_a", True, False),
        ("staff", False, True),
        ("outsider", False, False),
    ],
)
def test_bulk_rules_per_persona(request, persona, may_post, may_download):
    user = request.getfixturevalue(persona)

    answers = (may_post_in_bulk(user), may_download_in_bulk(user))

    assert answers == (may_post, may_download)
