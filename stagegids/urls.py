"""The root URLconf: every app's pages under their prefix. It sits with the top layer
(``stagegids.workspace``), above every app, in the import contract."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from stagegids.core import views as core_views
from stagegids.workspace import urls as workspace_urls

admin.site.site_header = _("Stagegids administration")
admin.site.site_title = _("Stagegids")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", include(workspace_urls)),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("placements/", include(workspace_urls.placement_patterns)),
    path("companies/", include(workspace_urls.company_patterns)),
    path("evaluations/", include("evaluations.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", core_views.favicon),
]
