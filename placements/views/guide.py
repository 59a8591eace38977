"""The guide's advice for each phase of a placement, one page per phase."""

from typing import NamedTuple

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from placements.models import Phase


class HelpPage(NamedTuple):
    slug: str
    phase: Phase
    template: str


#: In the order the phases happen; ``templates/placements/help/_phase_link.html`` repeats
#: the slugs so each checklist phase can link to its page.
HELP_PAGES = [
    HelpPage("before-the-start", Phase.BEFORE_START, "placements/help/before_the_start.html"),
    HelpPage("first-day", Phase.FIRST_DAY, "placements/help/first_day.html"),
    HelpPage("during", Phase.DURING, "placements/help/during.html"),
    HelpPage("closing", Phase.CLOSING, "placements/help/closing.html"),
]


@require_safe
@login_required
def help_index(request: HttpRequest) -> HttpResponse:
    return render(request, "placements/help/index.html", {"pages": HELP_PAGES})


@require_safe
@login_required
def help_phase(request: HttpRequest, slug: str) -> HttpResponse:
    index = next((i for i, page in enumerate(HELP_PAGES) if page.slug == slug), None)
    if index is None:
        raise Http404
    context = {
        "page": HELP_PAGES[index],
        "previous_page": HELP_PAGES[index - 1] if index > 0 else None,
        "next_page": HELP_PAGES[index + 1] if index + 1 < len(HELP_PAGES) else None,
    }
    return render(request, HELP_PAGES[index].template, context)
