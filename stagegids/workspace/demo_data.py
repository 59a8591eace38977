"""The fictional demo data set that ``manage.py seed_demo`` writes.

Every name, address, phone number and registration number here is made up. The letters
follow the test personas (``tests/conftest.py``): school A and company A work together,
school B and company B are the other side, and company B also hosts pupils of school A.
School B's pupils are never placed at company A.

Rows refer to each other by readable keys: schools by BRIN, companies by name, users by
email and pupils by full name. Dates are not stored here but in ``TIMINGS``, relative to
the day the command runs, so the demo always shows current, past and future placements.
"""

import datetime
from decimal import Decimal
from typing import NamedTuple

from companies.models import Sector
from placements.models import PlacementKind as Kind
from placements.models import PlacementStatus as Status
from placements.models import Programme, SchoolRole

DEMO_PASSWORD = "stagegids-demo"  # noqa: S105  (published on purpose: every demo login uses it)

SCHOOL_A_BRIN = "21AR"  # Vakcollege Rijnkade, Arnhem
SCHOOL_B_BRIN = "17PX"  # Techniekcollege Waalstad, Nijmegen
SCHOOL_C_BRIN = "04GK"  # Scholengemeenschap De Vallei, Ede
SCHOOL_D_BRIN = "30TD"  # De Bongerd (praktijkonderwijs and vso), Apeldoorn

COMPANY_A_KVK = "68213457"  # Van Dijk Installatietechniek B.V., Arnhem
COMPANY_B_KVK = "71846203"  # Elektrotechniek Bosman B.V., Elst

ADMIN_EMAIL = "admin@stagegids.test"


class SchoolData(NamedTuple):
    brin: str
    name: str
    street: str
    postcode: str
    city: str
    email: str
    phone: str


class CompanyData(NamedTuple):
    kvk_number: str
    name: str
    sector: str
    street: str
    postcode: str
    city: str
    email: str
    phone: str
    sbb_number: str = ""
    #: Recognised until 31 December of the current year plus this many years; None: none.
    sbb_years: int | None = None


class AccountData(NamedTuple):
    email: str
    first_name: str
    last_name: str
    is_superuser: bool = False


class SchoolStaffData(NamedTuple):
    email: str
    brin: str
    role: str


class SupervisorData(NamedTuple):
    email: str
    company: str
    job_title: str
    is_company_admin: bool = False


#: The demo pupils are numbered in the order of ``PUPILS`` from this number on.
FIRST_STUDENT_NUMBER = 240101


class PupilData(NamedTuple):
    brin: str
    given_name: str
    surname_prefix: str
    surname: str
    programme: str
    class_name: str
    year: int
    teacher: str = ""


class PlacementData(NamedTuple):
    pupil: str
    kind: str
    status: str
    company: str
    supervisor: str = ""


class Timing(NamedTuple):
    """When a placement runs, relative to the day the command runs.

    Snuffelstage and meeloopdag count working days from today (0: today, or the Friday
    before when today falls in a weekend); the longer kinds count weeks from this week's
    Monday and start ``day`` days into that week (0: Monday).
    """

    start: int
    length: int
    day: int = 0


class WorkingHours(NamedTuple):
    start: datetime.time
    end: datetime.time
    per_week: Decimal | None


SCHOOLS = (
    SchoolData(
        SCHOOL_A_BRIN,
        "Vakcollege Rijnkade",
        "Velperweg 120",
        "6824 HL",
        "Arnhem",
        "stage@vakcollegerijnkade.test",
        "026-4437120",
    ),
    SchoolData(
        SCHOOL_B_BRIN,
        "Techniekcollege Waalstad",
        "Dennenstraat 88",
        "6543 JT",
        "Nijmegen",
        "stagebureau@waalstad.test",
        "024-3502288",
    ),
    SchoolData(
        SCHOOL_C_BRIN,
        "Scholengemeenschap De Vallei",
        "Stationsweg 52",
        "6711 PT",
        "Ede",
        "decanaat@devallei.test",
        "0318-630410",
    ),
    SchoolData(
        SCHOOL_D_BRIN,
        "De Bongerd, school voor praktijkonderwijs en vso",
        "Sprengenweg 11",
        "7314 PG",
        "Apeldoorn",
        "stage@debongerd.test",
        "055-5781902",
    ),
)

VAN_DIJK = "Van Dijk Installatietechniek B.V."  # company A
BOSMAN = "Elektrotechniek Bosman B.V."  # company B
MULDER = "Klimaattechniek Mulder B.V."
DE_GROOT = "De Groot Loodgieters en Installateurs"
JANSEN = "Jansen & Zn. Elektra B.V."
SMIT = "Smit Duurzame Installaties B.V."
HENDRIKS = "Hendriks Koel- en Klimaattechniek"
MEIJER = "Meijer Beveiligingstechniek B.V."

COMPANIES = (
    CompanyData(
        COMPANY_A_KVK,
        VAN_DIJK,
        Sector.COMBINED,
        "Westervoortsedijk 71",
        "6827 AT",
        "Arnhem",
        "stage@vandijkinstallatietechniek.test",
        "026-3612480",
        sbb_number="100384215",
        sbb_years=2,
    ),
    CompanyData(
        COMPANY_B_KVK,
        BOSMAN,
        Sector.ELECTRICAL,
        "Industrieweg 14",
        "6662 PD",
        "Elst",
        "info@bosmanelektro.test",
        "0481-374120",
        sbb_number="100517936",
        sbb_years=1,
    ),
    CompanyData(
        "09187342",
        MULDER,
        Sector.MECHANICAL,
        "Kerkenbos 1032",
        "6546 BE",
        "Nijmegen",
        "opleidingen@mulderklimaat.test",
        "024-3789012",
        sbb_number="100229874",
        sbb_years=3,
    ),
    CompanyData(
        "54120986",
        DE_GROOT,
        Sector.MECHANICAL,
        "Frankeneng 12",
        "6716 AA",
        "Ede",
        "info@degrootinstallateurs.test",
        "0318-612945",
    ),
    CompanyData(
        "30562718",
        JANSEN,
        Sector.ELECTRICAL,
        "Ecofactorij 20",
        "7325 WC",
        "Apeldoorn",
        "praktijkopleiding@jansenelektra.test",
        "055-5213478",
        sbb_number="100662041",
        sbb_years=2,
    ),
    CompanyData(
        "75409133",
        SMIT,
        Sector.COMBINED,
        "Nijverheidsweg 8",
        "6702 DK",
        "Wageningen",
        "hallo@smitduurzaam.test",
        "0317-418230",
    ),
    CompanyData(
        "62873510",
        HENDRIKS,
        Sector.MECHANICAL,
        "Hengelder 25",
        "6902 PA",
        "Zevenaar",
        "info@hendrikskoeltechniek.test",
        "0316-523690",
    ),
    CompanyData(
        "81234596",
        MEIJER,
        Sector.OTHER,
        "Keppelseweg 33",
        "7001 CE",
        "Doetinchem",
        "info@meijerbeveiliging.test",
        "0314-361475",
    ),
)

ACCOUNTS = (
    AccountData(ADMIN_EMAIL, "Willemijn", "Kramer", is_superuser=True),
    AccountData("coordinator@stagegids.test", "Inge", "Vermeulen"),
    AccountData("coordinator2@stagegids.test", "Karim", "Bouzid"),
    AccountData("docent@stagegids.test", "Bas", "Peters"),
    AccountData("begeleider@stagegids.test", "Sanne", "van Dijk"),
    AccountData("begeleider2@stagegids.test", "Ahmet", "Yilmaz"),
    AccountData("coordinator3@stagegids.test", "Marieke", "van der Veen"),
    AccountData("coordinator4@stagegids.test", "Henk", "Oosterhuis"),
    AccountData("docent2@stagegids.test", "Esther", "Dijkstra"),
    AccountData("jeroen.willems@stagegids.test", "Jeroen", "Willems"),
    AccountData("wim.bosman@stagegids.test", "Wim", "Bosman"),
    AccountData("ruud.mulder@stagegids.test", "Ruud", "Mulder"),
    AccountData("erik.degroot@stagegids.test", "Erik", "de Groot"),
    AccountData("marloes.jansen@stagegids.test", "Marloes", "Jansen"),
    AccountData("thijs.smit@stagegids.test", "Thijs", "Smit"),
    AccountData("linda.hendriks@stagegids.test", "Linda", "Hendriks"),
    AccountData("dennis.meijer@stagegids.test", "Dennis", "Meijer"),
)

COORDINATOR, TEACHER = SchoolRole.COORDINATOR, SchoolRole.TEACHER
SCHOOL_STAFF = (
    SchoolStaffData("coordinator@stagegids.test", SCHOOL_A_BRIN, COORDINATOR),
    SchoolStaffData("docent@stagegids.test", SCHOOL_A_BRIN, TEACHER),
    SchoolStaffData("coordinator2@stagegids.test", SCHOOL_B_BRIN, COORDINATOR),
    SchoolStaffData("docent2@stagegids.test", SCHOOL_B_BRIN, TEACHER),
    SchoolStaffData("coordinator3@stagegids.test", SCHOOL_C_BRIN, COORDINATOR),
    SchoolStaffData("coordinator4@stagegids.test", SCHOOL_D_BRIN, COORDINATOR),
)

SUPERVISORS = (
    SupervisorData("begeleider@stagegids.test", VAN_DIJK, "Bedrijfsleider en leermeester", True),
    SupervisorData("jeroen.willems@stagegids.test", VAN_DIJK, "Servicemonteur"),
    SupervisorData("begeleider2@stagegids.test", BOSMAN, "Eerste monteur elektrotechniek"),
    SupervisorData("wim.bosman@stagegids.test", BOSMAN, "Directeur-eigenaar", True),
    SupervisorData("ruud.mulder@stagegids.test", MULDER, "Praktijkopleider", True),
    SupervisorData("erik.degroot@stagegids.test", DE_GROOT, "Eigenaar", True),
    SupervisorData("marloes.jansen@stagegids.test", JANSEN, "Praktijkopleider", True),
    SupervisorData("thijs.smit@stagegids.test", SMIT, "Projectleider", True),
    SupervisorData("linda.hendriks@stagegids.test", HENDRIKS, "Werkvoorbereider", True),
    SupervisorData("dennis.meijer@stagegids.test", MEIJER, "Technisch directeur", True),
)

B, K, G, T = Programme.VMBO_B, Programme.VMBO_K, Programme.VMBO_G, Programme.VMBO_T
DOCENT_A, DOCENT_B = "docent@stagegids.test", "docent2@stagegids.test"
PUPILS = (
    # School A (vmbo-b, -k, -g): docent@ follows most pupils with a placement.
    PupilData(SCHOOL_A_BRIN, "Sem", "", "Kuipers", B, "3B", 3, DOCENT_A),
    PupilData(SCHOOL_A_BRIN, "Lars", "de", "Bruijn", B, "4B", 4, DOCENT_A),
    PupilData(SCHOOL_A_BRIN, "Mila", "", "Verhoeven", B, "4B", 4, DOCENT_A),
    PupilData(SCHOOL_A_BRIN, "Jesse", "", "Brouwer", B, "2B", 2, DOCENT_A),
    PupilData(SCHOOL_A_BRIN, "Milan", "de", "Haan", B, "3B", 3, DOCENT_A),
    PupilData(SCHOOL_A_BRIN, "Ayoub", "", "Bakkali", B, "3B", 3),
    PupilData(SCHOOL_A_BRIN, "Luuk", "", "Bos", K, "3K", 3, DOCENT_A),
    PupilData(SCHOOL_A_BRIN, "Bram", "", "Hoekstra", K, "3K", 3, DOCENT_A),
    PupilData(SCHOOL_A_BRIN, "Sara", "", "Koster", K, "3K", 3),
    PupilData(SCHOOL_A_BRIN, "Julia", "", "Wouters", K, "1K", 1),
    PupilData(SCHOOL_A_BRIN, "Lotte", "", "Schouten", K, "2K", 2),
    PupilData(SCHOOL_A_BRIN, "Emma", "", "Postma", K, "4K", 4),
    PupilData(SCHOOL_A_BRIN, "Yara", "", "El Idrissi", G, "2G", 2, DOCENT_A),
    PupilData(SCHOOL_A_BRIN, "Tess", "van", "Leeuwen", G, "3G", 3, DOCENT_A),
    PupilData(SCHOOL_A_BRIN, "Finn", "", "Dekker", G, "3G", 3, DOCENT_A),
    PupilData(SCHOOL_A_BRIN, "Thomas", "", "Vos", G, "4G", 4),
    # School B (vmbo-b, -k, -t and an international transition class).
    PupilData(SCHOOL_B_BRIN, "Ruben", "", "Smeets", B, "4B", 4, DOCENT_B),
    PupilData(SCHOOL_B_BRIN, "Fenna", "", "Arts", B, "3B", 3, DOCENT_B),
    PupilData(SCHOOL_B_BRIN, "Stijn", "", "Verbeek", B, "4B", 4, DOCENT_B),
    PupilData(SCHOOL_B_BRIN, "Kevin", "", "Nguyen", B, "2B", 2),
    PupilData(SCHOOL_B_BRIN, "Isa", "", "Willemsen", K, "2K", 2, DOCENT_B),
    PupilData(SCHOOL_B_BRIN, "Jayden", "", "Peeters", K, "3K", 3, DOCENT_B),
    PupilData(SCHOOL_B_BRIN, "Gijs", "", "Hermans", K, "3K", 3, DOCENT_B),
    PupilData(SCHOOL_B_BRIN, "Liam", "", "Gerritsen", K, "4K", 4),
    PupilData(SCHOOL_B_BRIN, "Nina", "van der", "Linden", T, "3T", 3, DOCENT_B),
    PupilData(SCHOOL_B_BRIN, "Roos", "", "Claassen", T, "2T", 2),
    PupilData(SCHOOL_B_BRIN, "Zoë", "van", "Dam", T, "4T", 4),
    PupilData(SCHOOL_B_BRIN, "Mohammed", "", "Amrani", Programme.OTHER, "ISK-1", 1, DOCENT_B),
    PupilData(SCHOOL_B_BRIN, "Hamza", "", "Öztürk", Programme.OTHER, "ISK-2", 2),
    # School C (vmbo-g, -t, havo, vwo).
    PupilData(SCHOOL_C_BRIN, "Femke", "", "Hoogland", Programme.HAVO, "4H", 4),
    PupilData(SCHOOL_C_BRIN, "Sophie", "", "Lammers", Programme.HAVO, "3H", 3),
    PupilData(SCHOOL_C_BRIN, "Jens", "", "Boer", Programme.VWO, "4V", 4),
    PupilData(SCHOOL_C_BRIN, "Olivier", "", "Jacobs", Programme.VWO, "5V", 5),
    PupilData(SCHOOL_C_BRIN, "Tim", "", "Veenstra", T, "3T", 3),
    PupilData(SCHOOL_C_BRIN, "Max", "", "Kok", T, "4T", 4),
    PupilData(SCHOOL_C_BRIN, "Eva", "", "Timmermans", T, "3T", 3),
    PupilData(SCHOOL_C_BRIN, "Anouk", "", "Prins", G, "3G", 3),
    PupilData(SCHOOL_C_BRIN, "Lieke", "", "Maas", G, "4G", 4),
    # School D (praktijkonderwijs and vso): only SBB-recognised companies host them.
    PupilData(SCHOOL_D_BRIN, "Kyan", "", "Wijnands", Programme.PRO, "2PA", 2),
    PupilData(SCHOOL_D_BRIN, "Dewi", "", "Sahin", Programme.PRO, "3PA", 3),
    PupilData(SCHOOL_D_BRIN, "Levi", "", "Brands", Programme.PRO, "4PA", 4),
    PupilData(SCHOOL_D_BRIN, "Joep", "", "Hofman", Programme.PRO, "1PA", 1),
    PupilData(SCHOOL_D_BRIN, "Rick", "", "Bouwman", Programme.VSO, "4VS", 4),
    PupilData(SCHOOL_D_BRIN, "Noa", "", "Evers", Programme.VSO, "3VS", 3),
    PupilData(SCHOOL_D_BRIN, "Jasmijn", "", "Kroon", Programme.VSO, "2VS", 2),
)

BEGELEIDER_A, BEGELEIDER_B = "begeleider@stagegids.test", "begeleider2@stagegids.test"
# Every (kind, status) pair appears at least once. A pupil has at most one placement that
# is not cancelled, so moving the dates on a later run can never trip the overlap rule.
PLACEMENTS = (
    PlacementData("Femke Hoogland", Kind.SNUFFELSTAGE, Status.DRAFT, SMIT),
    PlacementData("Isa Willemsen", Kind.SNUFFELSTAGE, Status.PLANNED, BOSMAN, BEGELEIDER_B),
    PlacementData("Yara El Idrissi", Kind.SNUFFELSTAGE, Status.ACTIVE, VAN_DIJK, BEGELEIDER_A),
    PlacementData(
        "Kyan Wijnands", Kind.SNUFFELSTAGE, Status.CLOSING, JANSEN, "marloes.jansen@stagegids.test"
    ),
    PlacementData(
        "Jens Boer", Kind.SNUFFELSTAGE, Status.COMPLETED, MEIJER, "dennis.meijer@stagegids.test"
    ),
    PlacementData(
        "Liam Gerritsen",
        Kind.SNUFFELSTAGE,
        Status.COMPLETED,
        HENDRIKS,
        "linda.hendriks@stagegids.test",
    ),
    PlacementData(
        "Lotte Schouten", Kind.SNUFFELSTAGE, Status.COMPLETED, SMIT, "thijs.smit@stagegids.test"
    ),
    PlacementData(
        "Roos Claassen",
        Kind.SNUFFELSTAGE,
        Status.CANCELLED,
        HENDRIKS,
        "linda.hendriks@stagegids.test",
    ),
    PlacementData("Julia Wouters", Kind.MEELOOPDAG, Status.DRAFT, VAN_DIJK),
    PlacementData(
        "Tim Veenstra", Kind.MEELOOPDAG, Status.PLANNED, DE_GROOT, "erik.degroot@stagegids.test"
    ),
    PlacementData(
        "Kevin Nguyen", Kind.MEELOOPDAG, Status.PLANNED, MULDER, "ruud.mulder@stagegids.test"
    ),
    PlacementData("Mohammed Amrani", Kind.MEELOOPDAG, Status.ACTIVE, BOSMAN, BEGELEIDER_B),
    PlacementData(
        "Jesse Brouwer", Kind.MEELOOPDAG, Status.CLOSING, VAN_DIJK, "jeroen.willems@stagegids.test"
    ),
    PlacementData("Rick Bouwman", Kind.MEELOOPDAG, Status.COMPLETED, VAN_DIJK, BEGELEIDER_A),
    PlacementData("Sophie Lammers", Kind.MEELOOPDAG, Status.CANCELLED, VAN_DIJK, BEGELEIDER_A),
    PlacementData(
        "Jayden Peeters", Kind.LINTSTAGE, Status.DRAFT, HENDRIKS, "linda.hendriks@stagegids.test"
    ),
    PlacementData("Luuk Bos", Kind.LINTSTAGE, Status.PLANNED, BOSMAN, BEGELEIDER_B),
    PlacementData("Tess van Leeuwen", Kind.LINTSTAGE, Status.ACTIVE, VAN_DIJK, BEGELEIDER_A),
    PlacementData(
        "Dewi Sahin", Kind.LINTSTAGE, Status.CLOSING, JANSEN, "marloes.jansen@stagegids.test"
    ),
    PlacementData("Nina van der Linden", Kind.LINTSTAGE, Status.COMPLETED, BOSMAN, BEGELEIDER_B),
    PlacementData(
        "Anouk Prins", Kind.LINTSTAGE, Status.CANCELLED, DE_GROOT, "erik.degroot@stagegids.test"
    ),
    PlacementData("Max Kok", Kind.BLOKSTAGE, Status.DRAFT, SMIT),
    PlacementData("Bram Hoekstra", Kind.BLOKSTAGE, Status.PLANNED, VAN_DIJK, BEGELEIDER_A),
    PlacementData(
        "Ayoub Bakkali", Kind.BLOKSTAGE, Status.PLANNED, HENDRIKS, "linda.hendriks@stagegids.test"
    ),
    PlacementData("Gijs Hermans", Kind.BLOKSTAGE, Status.ACTIVE, BOSMAN, BEGELEIDER_B),
    PlacementData("Sara Koster", Kind.BLOKSTAGE, Status.ACTIVE, BOSMAN, BEGELEIDER_B),
    PlacementData(
        "Eva Timmermans", Kind.BLOKSTAGE, Status.ACTIVE, DE_GROOT, "erik.degroot@stagegids.test"
    ),
    PlacementData(
        "Levi Brands", Kind.BLOKSTAGE, Status.ACTIVE, JANSEN, "marloes.jansen@stagegids.test"
    ),
    PlacementData("Finn Dekker", Kind.BLOKSTAGE, Status.CLOSING, BOSMAN, BEGELEIDER_B),
    PlacementData(
        "Noa Evers", Kind.BLOKSTAGE, Status.COMPLETED, JANSEN, "marloes.jansen@stagegids.test"
    ),
    PlacementData("Milan de Haan", Kind.BLOKSTAGE, Status.COMPLETED, VAN_DIJK, BEGELEIDER_A),
    PlacementData(
        "Lieke Maas", Kind.BLOKSTAGE, Status.COMPLETED, VAN_DIJK, "jeroen.willems@stagegids.test"
    ),
    # Ruben's blokstage was cancelled when his leerwerktraject at Bosman was arranged.
    PlacementData(
        "Ruben Smeets", Kind.BLOKSTAGE, Status.CANCELLED, MULDER, "ruud.mulder@stagegids.test"
    ),
    PlacementData("Fenna Arts", Kind.LEERWERKTRAJECT, Status.DRAFT, MULDER),
    PlacementData("Sem Kuipers", Kind.LEERWERKTRAJECT, Status.PLANNED, VAN_DIJK, BEGELEIDER_A),
    PlacementData(
        "Lars de Bruijn",
        Kind.LEERWERKTRAJECT,
        Status.ACTIVE,
        VAN_DIJK,
        "jeroen.willems@stagegids.test",
    ),
    PlacementData(
        "Ruben Smeets", Kind.LEERWERKTRAJECT, Status.CLOSING, BOSMAN, "wim.bosman@stagegids.test"
    ),
    PlacementData("Mila Verhoeven", Kind.LEERWERKTRAJECT, Status.COMPLETED, BOSMAN, BEGELEIDER_B),
    PlacementData(
        "Stijn Verbeek",
        Kind.LEERWERKTRAJECT,
        Status.CANCELLED,
        MULDER,
        "ruud.mulder@stagegids.test",
    ),
    # Proposals: the school's waits for Van Dijk (begeleider@ answers it); Bosman's
    # registration waits for the coordinator of school A; Mulder declined one of school B.
    PlacementData("Emma Postma", Kind.BLOKSTAGE, Status.PROPOSED, VAN_DIJK),
    PlacementData("Thomas Vos", Kind.SNUFFELSTAGE, Status.REGISTERED, BOSMAN, BEGELEIDER_B),
    PlacementData("Zoë van Dam", Kind.MEELOOPDAG, Status.DECLINED, MULDER),
)

#: Who proposed or registered each demo proposal, and why the declined one was declined.
PROPOSED_BY = {
    Status.PROPOSED: "coordinator@stagegids.test",
    Status.REGISTERED: BEGELEIDER_B,
    Status.DECLINED: "coordinator2@stagegids.test",
}
DECLINE_REASON = "In die week zijn we met het hele team op een project in Duitsland."
DECLINED_BY = "ruud.mulder@stagegids.test"

# Working days for snuffelstage and meeloopdag, weeks for the other kinds (see Timing).
# Draft and planned lie ahead, active spans today, closing ended in the last week or two,
# completed lies well in the past; cancelled ones were cancelled before or during.
TIMINGS = {
    (Kind.SNUFFELSTAGE, Status.DRAFT): Timing(30, 3),
    (Kind.SNUFFELSTAGE, Status.PLANNED): Timing(12, 3),
    (Kind.SNUFFELSTAGE, Status.ACTIVE): Timing(-1, 3),
    (Kind.SNUFFELSTAGE, Status.CLOSING): Timing(-4, 3),
    (Kind.SNUFFELSTAGE, Status.COMPLETED): Timing(-60, 3),
    (Kind.SNUFFELSTAGE, Status.CANCELLED): Timing(8, 2),
    (Kind.MEELOOPDAG, Status.DRAFT): Timing(25, 1),
    (Kind.MEELOOPDAG, Status.PLANNED): Timing(7, 1),
    (Kind.MEELOOPDAG, Status.ACTIVE): Timing(0, 1),
    (Kind.MEELOOPDAG, Status.CLOSING): Timing(-1, 1),
    (Kind.MEELOOPDAG, Status.COMPLETED): Timing(-45, 1),
    (Kind.MEELOOPDAG, Status.CANCELLED): Timing(5, 1),
    (Kind.LINTSTAGE, Status.DRAFT): Timing(10, 10, day=1),
    (Kind.LINTSTAGE, Status.PLANNED): Timing(3, 12, day=3),
    (Kind.LINTSTAGE, Status.ACTIVE): Timing(-4, 12, day=2),
    (Kind.LINTSTAGE, Status.CLOSING): Timing(-10, 10, day=3),
    (Kind.LINTSTAGE, Status.COMPLETED): Timing(-30, 12, day=1),
    (Kind.LINTSTAGE, Status.CANCELLED): Timing(2, 8),
    (Kind.BLOKSTAGE, Status.DRAFT): Timing(9, 2),
    (Kind.BLOKSTAGE, Status.PLANNED): Timing(4, 2),
    (Kind.BLOKSTAGE, Status.ACTIVE): Timing(0, 2),
    (Kind.BLOKSTAGE, Status.CLOSING): Timing(-2, 2),
    (Kind.BLOKSTAGE, Status.COMPLETED): Timing(-16, 2),
    (Kind.BLOKSTAGE, Status.CANCELLED): Timing(6, 2),
    (Kind.LEERWERKTRAJECT, Status.DRAFT): Timing(20, 40),
    (Kind.LEERWERKTRAJECT, Status.PLANNED): Timing(6, 40),
    (Kind.LEERWERKTRAJECT, Status.ACTIVE): Timing(-20, 40),
    (Kind.LEERWERKTRAJECT, Status.CLOSING): Timing(-40, 40),
    (Kind.LEERWERKTRAJECT, Status.COMPLETED): Timing(-70, 40),
    (Kind.LEERWERKTRAJECT, Status.CANCELLED): Timing(-8, 40),
    (Kind.BLOKSTAGE, Status.PROPOSED): Timing(8, 2),
    (Kind.SNUFFELSTAGE, Status.REGISTERED): Timing(15, 3),
    (Kind.MEELOOPDAG, Status.DECLINED): Timing(10, 1),
}

#: Kinds whose Timing counts working days; the others count weeks.
DAY_KINDS = frozenset({Kind.SNUFFELSTAGE, Kind.MEELOOPDAG})

# Drafts leave the working hours open; every other placement gets these: at most 7 hours
# a day and 35 a week with the school's hours, what the law allows a pupil of 14 or 15.
WORKING_HOURS = {
    Kind.SNUFFELSTAGE: WorkingHours(datetime.time(8, 0), datetime.time(15, 0), None),
    Kind.MEELOOPDAG: WorkingHours(datetime.time(8, 0), datetime.time(15, 0), None),
    Kind.LINTSTAGE: WorkingHours(datetime.time(8, 0), datetime.time(15, 30), Decimal("7.0")),
    Kind.BLOKSTAGE: WorkingHours(datetime.time(8, 0), datetime.time(15, 30), Decimal("32.0")),
    Kind.LEERWERKTRAJECT: WorkingHours(datetime.time(8, 0), datetime.time(15, 30), Decimal("14.0")),
}
#: The lessons in a week of a placement (they count as working time): a lintstage and a
#: leerwerktraject go to school on their other days.
SCHOOL_HOURS_PER_WEEK = {Kind.LINTSTAGE: Decimal(24), Kind.LEERWERKTRAJECT: Decimal(18)}


def pupil_age(year: int) -> int:
    """The demo pupil's age on the first day: 12 in the first year of vmbo, 15 in the fourth."""
    return 11 + year


#: Two days a week for 40 weeks; the domain asks for 640 to 1280 hours.
LEERWERKTRAJECT_PLANNED_HOURS = 640
#: The two days a week of a demo leerwerktraject at the company: Tuesday and Thursday.
LEERWERKTRAJECT_WORK_DAYS = [1, 3]
