"""The page "Today": the interns expected today, with the day's work a tap away.

Its buttons post to the placement's own endpoints (day log, checklist, feedback) with
``back=today``; those answer an htmx request with the intern's card redrawn and any
other request with a redirect back to this page, so every tap also works without
JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django_htmx.http import HttpResponseClientRedirect

from placements.access import memberships_of
from placements.forms.hours import DayLogForm
from placements.models import Placement
from placements.schedule import holiday_language
from placements.selectors.today import InternToday, interns_today

#: The value of the field ``back`` that sends a placement's endpoint back to this page.
BACK_TO_TODAY = "today"

CARD_TEMPLATE = "placements/today/_intern.html"


def wants_today(request: HttpRequest) -> bool:
    """Whether the request came from the page "Today" and should go back to it."""
    return request.POST.get("back") == BACK_TO_TODAY


def card_id(placement: Placement) -> str:
    return f"intern-{placement.public_id}"


def day_form(intern: InternToday, data=None) -> DayLogForm:
    """The card's form for another number of hours or an absence, today's date fixed;
    its ids are the card's own, as the page has one form per intern."""
    placement, today = intern.placement, timezone.localdate()
    initial = {"date": today, "hours": placement.agreed_day_hours}
    if intern.log is not None:
        initial |= {"hours": intern.log.hours, "absence": intern.log.absence}
        initial["note"] = intern.log.note
    auto_id = f"id_{placement.public_id.hex[:12]}_%s"
    return DayLogForm(data, placement=placement, initial=initial, today=today, auto_id=auto_id)


def _intern(request: HttpRequest, placement: Placement) -> InternToday | None:
    overview = interns_today(
        request.user,
        today=timezone.localdate(),
        placement_ids=[placement.pk],
        language=holiday_language(get_language()),
    )
    return next(iter(overview.expected + overview.others), None)


def back_to_today(
    request: HttpRequest,
    placement: Placement,
    *,
    error: str | None = None,
    form: DayLogForm | None = None,
    success: str | None = None,
) -> HttpResponse:
    """The answer to a tap on the page "Today": its card for htmx, else the page again.

    ``form`` is a refused day form to show with its messages; ``error`` a refusal of
    another kind; ``success`` what a page without JavaScript says after the redirect.
    """
    url = f"{reverse('placements:today')}#{card_id(placement)}"
    if not request.htmx:
        if error:
            messages.error(request, error)
        elif form is not None and form.errors:
            problems = (message for errors in form.errors.values() for message in errors)
            messages.error(request, " ".join(problems))
        elif success:
            messages.success(request, success)
        return redirect(url)
    intern = _intern(request, placement)
    if intern is None:  # no longer in today's period (e.g. its dates changed meanwhile)
        return HttpResponseClientRedirect(url)
    if form is not None and form.errors:
        # Shown with its messages, but with the card's own ids.
        shown = day_form(intern, form.data)
        shown.is_valid()
    else:
        shown = day_form(intern)
    context = {"intern": intern, "form": shown, "error": error, "today": timezone.localdate()}
    return render(request, CARD_TEMPLATE, context)


@require_safe
@login_required
def today_view(request: HttpRequest) -> HttpResponse:
    """Today's interns: the company records their day and ticks what is due; the school
    reads along."""
    memberships = memberships_of(request.user)
    today = interns_today(
        request.user,
        today=timezone.localdate(),
        memberships=memberships,
        language=holiday_language(get_language()),
    )
    cards = [(intern, day_form(intern)) for intern in today.expected]
    others = [(intern, day_form(intern)) for intern in today.others]
    context = {
        "overview": today,
        "cards": cards,
        "others": others,
        "today": today.date,
        "is_company_member": bool(memberships.companies),
    }
    return render(request, "placements/today.html", context)
