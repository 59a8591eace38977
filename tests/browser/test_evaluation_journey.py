import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from companies.models import CompanyMembership
from evaluations.models import Evaluation, EvaluationKind, EvaluationStatus
from evaluations.pdf import assessment_filename
from placements.models import Placement, PlacementStatus, SchoolMembership, SchoolRole
from tests.browser.conftest import PHONE, login

# serialized_rollback: the checklist templates, tasks and assessment form loaded by
# migrations stay.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_data"),
]


SUPERVISOR = "begeleider@stagegids.test"
COORDINATOR = "coordinator@stagegids.test"
PASSWORD = "stagegids-demo"


def _closing_placement() -> Placement:
    """A placement in "closing" at the company begeleider@ runs (as company admin), of a
    pupil of coordinator@'s school."""
    companies = CompanyMembership.objects.filter(user__email=SUPERVISOR, is_company_admin=True)
    schools = SchoolMembership.objects.filter(user__email=COORDINATOR, role=SchoolRole.COORDINATOR)
    return (
        Placement.objects.filter(
            status=PlacementStatus.CLOSING,
            company_id__in=companies.values("company_id"),
            student__school_id__in=schools.values("school_id"),
        )
        .order_by("pk")
        .first()
    )


def test_supervisor_submits_final_assessment_coordinator_approves_and_downloads_pdf(
    live_server, page
):
    placement = _closing_placement()
    placement_url = f"{live_server.url}{placement.get_absolute_url()}"
    final = page.locator("#evaluation-final")

    login(page, live_server, SUPERVISOR, PASSWORD)
    page.goto(placement_url)
    # On a phone the section is folded: its tab opens it.
    page.locator(".section-nav").get_by_role("link", name="Beoordeling").click()
    page.locator("#evaluation-start-final").click()
    criteria = list(
        Evaluation.objects.get(placement=placement, kind=EvaluationKind.FINAL)
        .definition.criteria.order_by("order", "pk")
        .values_list("pk", flat=True)
    )
    # On a phone the form is compact: each criterion a row of four score buttons, its
    # remark folded away (the form was about 6,200 px tall with radios and open remarks).
    expect(page.locator(f"#criterion-{criteria[0]}")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollHeight") <= 5000
    expect(page.locator(f"#id_evaluation_remark_{criteria[0]}")).to_be_hidden()
    for pk in criteria:
        criterion = page.locator(f"#criterion-{pk}")
        criterion.get_by_text("voldoende", exact=True).click()
        criterion.locator("summary").click()
        criterion.get_by_label("Opmerking bij").fill("Gaat goed.")
    page.locator("#id_evaluation_overall_remarks").fill("Een leergierige stagiair.")
    page.locator("#id_evaluation_reflection_experience").fill("Leuk, veel gezien.")
    page.locator("input[name='funnel_stage'][value='direction']").check()
    page.locator("#id_evaluation_what_became_clearer").fill("Liever buiten aan het werk.")
    page.locator("#id_evaluation_agreed_next_step").fill("Open dag mbo installatietechniek.")
    page.locator("input[name='follow_up_offer'][value='holiday_work']").check()
    # Readable on a phone: nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # One score forgotten: submitting says so at that criterion, and keeps what was typed.
    forgotten = criteria[-1]
    page.evaluate(
        f"document.querySelectorAll(\"input[name='score_{forgotten}']\")"
        ".forEach(radio => radio.checked = false)"
    )
    page.locator("#evaluation-submit").click()

    expect(page.locator(f"#error_1_id_evaluation_score_{forgotten}")).to_be_visible()
    expect(page.locator(f"#error_1_id_evaluation_score_{forgotten}")).to_have_text(
        "Geef dit criterium een score."
    )
    expect(page.locator(".alert-danger, .alert-block").first).to_contain_text("1 antwoord")
    expect(page.locator("#id_evaluation_agreed_next_step")).to_have_value(
        "Open dag mbo installatietechniek."
    )
    # A remark typed stays, and stays open.
    expect(page.locator(f"#id_evaluation_remark_{forgotten}")).to_be_visible()
    expect(page.locator(f"#id_evaluation_remark_{forgotten}")).to_have_value("Gaat goed.")
    page.locator(f"#criterion-{forgotten}").get_by_text("voldoende", exact=True).click()
    expect(page.locator(f"input[name='score_{forgotten}'][value='3']")).to_be_checked()
    page.locator("#evaluation-submit").click()

    expect(final.locator(".badge")).to_have_attribute("data-status", "submitted")
    assert page.url == f"{placement_url}#evaluations"

    page.context.clear_cookies()
    login(page, live_server, COORDINATOR, PASSWORD)
    page.goto(placement_url)
    page.locator(".section-nav").get_by_role("link", name="Beoordeling").click()
    final.locator("#evaluation-review-final").click()
    page.locator("input[name='decision'][value='approve']").check()
    page.locator("#review-submit").click()

    expect(final.locator(".badge")).to_have_attribute("data-status", "approved")
    evaluation = Evaluation.objects.get(placement=placement, kind=EvaluationKind.FINAL)
    assert evaluation.status == EvaluationStatus.APPROVED
    assert list(evaluation.scores.values_list("score", flat=True)) == [3] * len(criteria)
    assert evaluation.agreed_next_step == "Open dag mbo installatietechniek."
    assert [(event.action, event.by.email) for event in evaluation.events.order_by("pk")] == [
        ("saved", SUPERVISOR),  # the refused submit saved what was typed
        ("saved", SUPERVISOR),
        ("submitted", SUPERVISOR),
        ("approved", COORDINATOR),
    ]

    with page.expect_download() as download:
        page.locator("#evaluation-pdf-final").click()

    assert download.value.suggested_filename == assessment_filename(evaluation)
    pdf = PdfReader(download.value.path())
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert placement.student.full_name in text
    assert "Open dag mbo installatietechniek." in text
