"""Inviting people into a role, the sender's list of pending invitations, and the public
page the invitation's link leads to."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from placements.access import invitable_roles
from placements.enums import InvitationRole
from placements.forms.invitations import (
    CompanyContactInvitationForm,
    InvitationForm,
    NewAccountForm,
    SchoolStaffInvitationForm,
    SupervisorInvitationForm,
)
from placements.models import Invitation, School
from placements.selectors.core import schools_coordinated_by
from placements.selectors.invitations import (
    companies_administered_by,
    companies_of_schools,
    invitation_for_token,
    pending_invitation_sent_by,
    pending_invitations_sent_by,
    user_for_email,
)
from placements.services.invitations import (
    invitation_accept,
    invitation_accept_new_user,
    invitation_resend,
    invitation_send,
    invitation_withdraw,
)
from stagegids.core.http import add_service_error

#: The role in the address of the invitation form.
ROLE_SLUGS = {
    "company-admin": InvitationRole.COMPANY_ADMIN,
    "supervisor": InvitationRole.SUPERVISOR,
    "teacher": InvitationRole.TEACHER,
    "coordinator": InvitationRole.COORDINATOR,
}
ACCEPT_ACCOUNT_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _link_builder(request: HttpRequest):
    return lambda token: request.build_absolute_uri(reverse("invitations:accept", args=[token]))


def _invitation_form(request: HttpRequest, role: str) -> InvitationForm:
    data = request.POST if request.method == "POST" else None
    if role == InvitationRole.COMPANY_ADMIN:
        schools = schools_coordinated_by(request.user)
        companies = companies_of_schools(schools)
        return CompanyContactInvitationForm(data, schools=schools, companies=companies)
    if role == InvitationRole.SUPERVISOR:
        return SupervisorInvitationForm(data, companies=companies_administered_by(request.user))
    if role == InvitationRole.TEACHER:
        return SchoolStaffInvitationForm(data, schools=schools_coordinated_by(request.user))
    return SchoolStaffInvitationForm(data, schools=School.objects.all())


@require_safe
@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    """The pending invitations the user sent, each to send again or withdraw."""
    roles = invitable_roles(request.user)
    invitations = list(pending_invitations_sent_by(request.user))
    if not roles and not invitations:
        raise Http404
    slugs = {role: slug for slug, role in ROLE_SLUGS.items()}
    choices = [(slugs[role], InvitationRole(role).label) for role in roles]
    context = {"invitations": invitations, "roles": choices}
    return render(request, "placements/invitations/invitation_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def invitation_new(request: HttpRequest, role: str) -> HttpResponse:
    """Invite someone into ``role`` (``ROLE_SLUGS``): only the roles the user may invite."""
    role = ROLE_SLUGS.get(role)
    if role not in invitable_roles(request.user):
        raise Http404
    form = _invitation_form(request, role)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_send(
                by=request.user,
                email=form.cleaned_data["email"],
                role=role,
                link=_link_builder(request),
                **form.place(),
            )
        except ValidationError as refused:
            add_service_error(form, refused)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s: the link works once, for 7 days.")
                % {"email": invitation.email},
            )
            return redirect("invitations:list")
    context = {"form": form, "role": InvitationRole(role)}
    return render(request, "placements/invitations/invitation_form.html", context)


@require_POST
@login_required
def invitation_resend_view(request: HttpRequest, public_id) -> HttpResponse:
    invitation = pending_invitation_sent_by(request.user, public_id)
    try:
        invitation = invitation_resend(invitation, by=request.user, link=_link_builder(request))
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("Invitation sent again to %(email)s; the earlier link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("invitations:list")


@require_POST
@login_required
def invitation_withdraw_view(request: HttpRequest, public_id) -> HttpResponse:
    invitation = pending_invitation_sent_by(request.user, public_id)
    try:
        invitation_withdraw(invitation, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email},
        )
    return redirect("invitations:list")


def _welcome(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    messages.success(
        request,
        _("Welcome! At %(place)s you are now %(role)s.")
        % {"role": invitation.get_role_display(), "place": invitation.place},
    )
    return redirect("dashboard")


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation's link, open to anyone holding it: unknown or altered (404), no
    longer valid (410), meant for someone else (403); else setting a password (no account
    yet) or logging in and accepting (an account already)."""
    template = "placements/invitations/invitation_%s.html"
    invitation = invitation_for_token(token)
    if invitation is None:
        return render(request, template % "unknown", status=404)
    context = {"invitation": invitation}
    if invitation.status != Invitation.Status.PENDING:
        return render(request, template % "gone", context, status=410)
    if request.user.is_authenticated and request.user.email.lower() != invitation.email:
        return render(request, template % "other_address", context, status=403)
    if user_for_email(invitation.email) is None:
        form = NewAccountForm(
            request.POST if request.method == "POST" else None, email=invitation.email
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                user = invitation_accept_new_user(
                    invitation,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    password=data["password1"],
                )
            except ValidationError as refused:  # accepted, or an account made, meanwhile
                add_service_error(form, refused)
            else:
                login(request, user, backend=ACCEPT_ACCOUNT_BACKEND)
                return _welcome(request, invitation)
        return render(request, template % "new_account", context | {"form": form})
    if not request.user.is_authenticated:
        context["login_url"] = reverse("account_login") + "?" + urlencode({"next": request.path})
        return render(request, template % "login", context)
    if request.method == "POST":
        try:
            invitation_accept(invitation, user=request.user)
        except ValidationError:  # accepted meanwhile, in another tab
            return render(request, template % "gone", context, status=410)
        return _welcome(request, invitation)
    return render(request, template % "accept", context)
