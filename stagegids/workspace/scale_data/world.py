"""The shape of the scale data set: how large it is for a number of placements, the
mix of statuses, kinds and programmes, the special accounts, and ``World``, which holds
what is drawn (and, once written, the rows with their primary keys)."""

import datetime
import random
import unicodedata
from dataclasses import dataclass, field

from companies.models import Company, CompanyMembership
from evaluations.models import Evaluation
from placements.models import (
    MessageReadMark,
    Placement,
    PlacementKind,
    PlacementStatus,
    Programme,
    School,
    SchoolMembership,
    Student,
)
from stagegids.core.models import User
from stagegids.workspace.scale_data.dates import at
from stagegids.workspace.scale_data.texts import GIVEN_NAMES, SURNAMES
from stagegids.workspace.scale_data.writing import DOMAIN

K, S = PlacementKind, PlacementStatus

SCALE_PASSWORD = "stagegids-scale"  # noqa: S105  (published on purpose, like the demo's)
COORDINATOR_EMAIL = f"coordinator@{DOMAIN}"
SUPERVISOR_EMAIL = f"supervisor@{DOMAIN}"
TEACHER_EMAIL = f"teacher@{DOMAIN}"
COMPANY_ADMIN_EMAIL = f"company-admin@{DOMAIN}"

#: The smallest data set that still holds every status and kind.
MIN_PLACEMENTS = 20
#: The large school's share of all placements (the others hold about 1 % each).
LARGE_SCHOOL_SHARE = 0.03
#: Open interns (planned, active, closing) of supervisor@, and past ones beside them.
SUPERVISOR_OPEN, SUPERVISOR_PAST = 40, 16


@dataclass(frozen=True)
class Size:
    """How many of each the data set holds, for ``placements`` placements."""

    placements: int
    schools: int
    companies: int
    large_school_placements: int
    supervisor_open: int
    supervisor_past: int


def size_for(placements: int) -> Size:
    """100 schools and 2,000 companies per 100,000 placements (at least 2 and 3); the
    special supervisor's 40 open interns shrink only for data sets under 200 placements."""
    return Size(
        placements=placements,
        schools=max(2, round(placements / 1000)),
        companies=max(3, round(placements / 50)),
        large_school_placements=max(1, round(placements * LARGE_SCHOOL_SHARE)),
        supervisor_open=min(SUPERVISOR_OPEN, placements // 5),
        supervisor_past=min(SUPERVISOR_PAST, placements // 12),
    )


STATUS_WEIGHTS = {
    S.COMPLETED: 46, S.CANCELLED: 8, S.DECLINED: 3, S.PROPOSED: 4, S.REGISTERED: 3,
    S.DRAFT: 6, S.PLANNED: 11, S.ACTIVE: 13, S.CLOSING: 6,
}  # fmt: skip
KINDS = (K.SNUFFELSTAGE, K.MEELOOPDAG, K.LINTSTAGE, K.BLOKSTAGE, K.LEERWERKTRAJECT)
#: Kind weights in the order of KINDS: vmbo-b pupils may do a leerwerktraject, others not.
KIND_WEIGHTS_B = (17, 13, 17, 28, 25)
KIND_WEIGHTS = (22, 18, 22, 38, 0)
PROGRAMMES = {
    Programme.VMBO_B: ("B", 28), Programme.VMBO_K: ("K", 30), Programme.VMBO_G: ("G", 12),
    Programme.VMBO_T: ("T", 24), Programme.PRO: ("PR", 4), Programme.VSO: ("VS", 2),
}  # fmt: skip
#: How far along the journey each status is, as the statuses it went through.
AFTER_PLANNED = {
    S.PLANNED: (S.PLANNED,),
    S.ACTIVE: (S.PLANNED, S.ACTIVE),
    S.CLOSING: (S.PLANNED, S.ACTIVE, S.CLOSING),
    S.COMPLETED: (S.PLANNED, S.ACTIVE, S.CLOSING, S.COMPLETED),
}


@dataclass(slots=True, eq=False)
class PlacementPlan:
    """A placement and what the generators of the other tables need to know about it."""

    placement: Placement
    school: School
    coordinators: list[User]
    teacher: User | None
    #: How it began: draft (made by school or company), proposed or registered.
    origin: str = S.DRAFT
    #: The open status a cancelled placement was cancelled from.
    cancelled_from: str = ""
    created_at: datetime.datetime | None = None
    #: (from, to, at, by, reason) per transition, oldest first.
    history: list[tuple[str, str, datetime.datetime, User | None, str]] = field(
        default_factory=list
    )
    reached: dict[str, datetime.datetime] = field(default_factory=dict)
    #: The last day anything was recorded (hours, tasks); None: it never started.
    last_day: datetime.date | None = None


@dataclass(eq=False)
class World:
    """The planned data set, then (as ``tables`` writes it) the rows with primary keys."""

    rng: random.Random
    today: datetime.date
    size: Size
    cutoff: datetime.datetime
    users: list[User] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    school_memberships: list[SchoolMembership] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    company_memberships: list[CompanyMembership] = field(default_factory=list)
    students: list[Student] = field(default_factory=list)
    plans: list[PlacementPlan] = field(default_factory=list)
    evaluations: list[tuple[Evaluation, PlacementPlan, list[tuple[str, datetime.datetime]]]] = (
        field(default_factory=list)
    )
    read_marks: list[MessageReadMark] = field(default_factory=list)

    def person(self, email: str = "", *, joined: datetime.date) -> User:
        """A new user; without ``email``, one made of the name (and a number: unique)."""
        first, last = self.rng.choice(GIVEN_NAMES), self.rng.choice(SURNAMES)
        if not email:
            email = f"{ascii_slug(first)}.{ascii_slug(last)}.{len(self.users) + 1}@{DOMAIN}"
        user = User(email=email, first_name=first, last_name=last, date_joined=at(joined, 9))
        self.users.append(user)
        return user


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "")
