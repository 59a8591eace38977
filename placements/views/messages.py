"""The message thread between the company and the school on the placement page."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from placements.access import PlacementAccess, require
from placements.forms.messages import MessageForm
from placements.models import Placement
from placements.selectors.core import placement_for_user
from placements.selectors.messages import message_thread
from placements.services.messages import message_post, messages_mark_read
from stagegids.core.http import add_service_error
from stagegids.core.models import User


def message_section(placement: Placement, access: PlacementAccess, *, user: User) -> dict[str, Any]:
    """The placement page's thread; showing it marks it read for ``user``.

    The unread markers are worked out before the mark moves, so the page still shows
    which messages are new. The mark moves only when there was something new.
    """
    context = message_thread(placement, access, user=user)
    if context["unread_message_count"]:
        # With nothing new, moving the mark changes nothing: skip the write.
        messages_mark_read(placement, user=user, until=context["thread_loaded_at"])
    if context["may_post_message"]:
        context["message_form"] = MessageForm()
    return context


@require_POST
@login_required
def message_create(request: HttpRequest, public_id) -> HttpResponse:
    placement, access = placement_for_user(request.user, public_id)
    require(access.may_post_message)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            message_post(placement, author=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect(f"{placement.get_absolute_url()}#messages")
    context = message_thread(placement, access, user=request.user)
    context |= {"placement": placement, "access": access, "message_form": form}
    return render(request, "placements/message_form.html", context)
