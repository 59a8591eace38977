"""The schools with their coordinators and teachers, and the companies with their
supervisors, of the scale data set."""

import datetime
import math
import random
import string

from companies.models import Company, CompanyMembership, Sector
from placements.models import School, SchoolMembership, SchoolRole
from stagegids.core.models import User
from stagegids.workspace.scale_data.dates import DAY
from stagegids.workspace.scale_data.texts import (
    CITIES,
    COMPANY_TRADES,
    SCHOOL_KINDS,
    STREETS,
    SURNAMES,
)
from stagegids.workspace.scale_data.world import World
from stagegids.workspace.scale_data.writing import DOMAIN


def postcode(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRTVWXZ"  # leaves out the combinations stdnum refuses (SA, SD, SS)
    return f"{rng.randint(1000, 9999)} {rng.choice(letters)}{rng.choice(letters)}"


def phone(rng: random.Random) -> str:
    return f"0{rng.randint(10, 79)}-{rng.randint(1000000, 9999999)}"


def school_quotas(world: World) -> list[int]:
    """Placements per school: the large school's share first, the rest at random about
    evenly (largest remainder, so they add up exactly)."""
    size, rng = world.size, world.rng
    rest = size.placements - size.large_school_placements
    weights = [rng.uniform(0.5, 1.5) for _ in range(size.schools - 1)]
    exact = [rest * w / sum(weights) for w in weights]
    quotas = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: quotas[i] - exact[i])
    for i in by_remainder[: rest - sum(quotas)]:
        quotas[i] += 1
    return [size.large_school_placements, *quotas]


def plan_schools(
    world: World, quotas: list[int], regions: int, *, coordinator: User, teacher: User
) -> dict[str, tuple[list[User], list[User]]]:
    """Schools with their coordinators and teachers (by BRIN); the first is the large one."""
    rng, staff = world.rng, {}
    for index, quota in enumerate(quotas):
        city = CITIES[index % regions % len(CITIES)]
        letters = string.ascii_uppercase
        brin = f"{98 - index // 676}{letters[index // 26 % 26]}{letters[index % 26]}"
        school = School(
            name=f"{rng.choice(SCHOOL_KINDS)} {rng.choice(SURNAMES)} {city}",
            brin=brin,
            street=f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
            postcode=postcode(rng),
            city=city,
            email=f"school{index + 1:03d}@{DOMAIN}",
            phone=phone(rng),
            teachers_may_approve=index == 0 or rng.random() < 0.3,
        )
        world.schools.append(school)
        joined = world.today - rng.randint(400, 900) * DAY
        pupils = quota / 1.5
        coordinators = [coordinator] if index == 0 else []
        coordinators += [
            world.person(joined=joined)
            for _ in range(1 + (pupils > 500) + (pupils > 1500) - len(coordinators))
        ]
        teachers = [teacher] if index == 0 else []
        teachers += [
            world.person(joined=joined) for _ in range(max(1, round(pupils / 60)) - len(teachers))
        ]
        for role, people in (
            (SchoolRole.COORDINATOR, coordinators),
            (SchoolRole.TEACHER, teachers),
        ):
            world.school_memberships += [
                SchoolMembership(school=school, user=user, role=role) for user in people
            ]
        staff[brin] = (coordinators, teachers)
    return staff


def plan_companies(
    world: World, regions: int, *, admin: User, supervisor: User
) -> tuple[dict[str, list[User]], list[float]]:
    """Companies of very different sizes (their weights are returned) with their members
    (by KvK number; the first is the company admin and supervises too). The first company
    is supervisor@'s (company-admin@ is its admin); it is recognised by SBB."""
    rng, size = world.rng, world.size
    weights = [rng.lognormvariate(0, 1) for _ in range(size.companies)]
    members = {}
    for index, weight in enumerate(weights):
        city = CITIES[index % regions % len(CITIES)]
        surname = rng.choice(SURNAMES)
        recognised = index == 0 or rng.random() < 0.75
        company = Company(
            name=f"{surname[0].upper()}{surname[1:]} {rng.choice(COMPANY_TRADES)}",
            kvk_number=f"98{index * 7919 % 1_000_000:06d}",
            sector=rng.choice(Sector.values),
            street=f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
            postcode=postcode(rng),
            city=city,
            email=f"bedrijf{index + 1:05d}@{DOMAIN}",
            phone=phone(rng),
            sbb_recognised=recognised,
            sbb_number=f"1{index + 1:08d}" if recognised else "",
            sbb_valid_until=(
                datetime.date(world.today.year + rng.randint(1, 3), 12, 31) if recognised else None
            ),
        )
        world.companies.append(company)
        joined = world.today - rng.randint(400, 900) * DAY
        expected = size.placements * weight / sum(weights)
        people = [admin, supervisor] if index == 0 else []
        people += [
            world.person(joined=joined) for _ in range(max(1, round(expected / 30)) - len(people))
        ]
        world.company_memberships += [
            CompanyMembership(
                company=company,
                user=user,
                is_company_admin=position == 0,
                job_title=rng.choice(("Praktijkopleider", "Eerste monteur", "Eigenaar", "")),
            )
            for position, user in enumerate(people)
        ]
        # supervisor@ supervises only the interns ``give_supervisor_interns`` gives them.
        members[company.kvk_number] = [user for user in people if user is not supervisor]
    return members, weights


class CompanyPicker:
    """Draws a company by its weight, mostly from the school's region, and only an SBB-
    recognised one where the placement needs it."""

    def __init__(
        self, companies: list[Company], weights: list[float], regions: int, rng: random.Random
    ) -> None:
        self.rng = rng
        self.pools: dict[tuple[int | None, bool], tuple[list[Company], list[float]]] = {}
        for region in [None, *range(regions)]:
            for recognised_only in (False, True):
                pool, cumulative, total = [], [], 0.0
                for index, (company, weight) in enumerate(zip(companies, weights, strict=True)):
                    if (region is None or index % regions == region) and (
                        company.sbb_recognised or not recognised_only
                    ):
                        total += weight
                        pool.append(company)
                        cumulative.append(total)
                self.pools[region, recognised_only] = pool, cumulative

    def pick(self, region: int, *, needs_sbb: bool) -> Company:
        pool, cumulative = self.pools[region, needs_sbb]
        if not pool or self.rng.random() < 0.07:
            pool, cumulative = self.pools[None, needs_sbb]
        return self.rng.choices(pool, cum_weights=cumulative)[0]
