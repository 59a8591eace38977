from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from stagegids.core.admin_base import ReadOnlyAdmin
from stagegids.core.models import OutgoingEmail, User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "phone"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "first_name", "last_name", "password1", "password2"],
            },
        ),
    ]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    """Emails still waiting for the SMTP server: who and how often, not what (read only)."""

    list_display = ["to", "created_at", "attempts", "last_error", "next_attempt_at", "gave_up_at"]
    list_filter = ["gave_up_at"]
    search_fields = ["to"]
    fields = ["to", "created_at", "attempts", "last_error", "next_attempt_at", "gave_up_at"]
    readonly_fields = fields

    may_delete = True


# django-tasks-db's own admin of task results reads each row's task through the configured
# backend (it breaks with the default, immediate one) and its search names a field the model
# lacks; what staff need to see is the email that did not go out (above).
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


# allauth's own admin of second factors shows each row's data: the secret of an
# authenticator app, the recovery codes. Staff need to see who has which factor, and to
# remove one for someone who lost their phone (they set it up again at their next login
# to admin, or from their account page).
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(ReadOnlyAdmin):
    """Second factors (two-factor login): who, what kind, since and last used; never the
    secret. Deleting the last app or passkey of a user takes their recovery codes along,
    which switches their two-factor login off."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    may_delete = True

    def delete_model(self, request, obj: Authenticator) -> None:
        super().delete_model(request, obj)
        _delete_lone_recovery_codes([obj.user_id])

    def delete_queryset(self, request, queryset) -> None:
        user_ids = list(queryset.values_list("user_id", flat=True))
        super().delete_queryset(request, queryset)
        _delete_lone_recovery_codes(user_ids)


def _delete_lone_recovery_codes(user_ids: list[int]) -> None:
    # Recovery codes back up an app or a passkey; on their own they would keep asking
    # for a second factor that the user no longer has (as allauth's own removal does).
    with_factor = Authenticator.objects.exclude(type=Authenticator.Type.RECOVERY_CODES)
    Authenticator.objects.filter(
        user_id__in=user_ids, type=Authenticator.Type.RECOVERY_CODES
    ).exclude(user_id__in=with_factor.values("user_id")).delete()
