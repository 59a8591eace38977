"""The root URLconf: every app's pages under their prefix. It sits with the top layer
(``stagegids.workspace``), above every app, in the import contract."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from placements.urls import invitation_patterns
from placements.views import notifications as notification_views
from stagegids.core import views as core_views
from stagegids.workspace import urls as workspace_urls

admin.site.site_header = _("Stagegids administration")
admin.site.site_title = _("Stagegids")
admin.site.index_title = _("Administration")
# The admin's login form leads to the portal's login (second factor, login limits); the
# staff rule for the admin itself is ``stagegids.core.middleware.admin_needs_second_factor``.
admin.site.login = core_views.admin_login
# An uncaught exception: the retry page (503) when the database cannot be reached.
handler500 = core_views.server_error

urlpatterns = [
    path("", include(workspace_urls)),
    # Login, logout, password reset and change, email change: django-allauth. The old
    # address of the password change page still leads there.
    path(
        "accounts/notifications/",
        notification_views.notification_settings,
        name="notification_settings",
    ),
    path("accounts/", include("allauth.urls")),
    path(
        "accounts/password_change/",
        RedirectView.as_view(pattern_name="account_change_password", permanent=True),
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("placements/", include(workspace_urls.placement_patterns)),
    path("companies/", include(workspace_urls.company_patterns)),
    path("invitations/", include(invitation_patterns)),
    path("evaluations/", include("evaluations.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", core_views.favicon),
    # For the load balancer: is this instance up and does it reach its database?
    path("healthz", core_views.healthz, name="healthz"),
]
