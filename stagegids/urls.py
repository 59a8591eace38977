from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from stagegids import views

admin.site.site_header = _("Stagegids administration")
admin.site.site_title = _("Stagegids")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
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
    path("placements/", include("placements.urls")),
    path("companies/", include("companies.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages (such as the admin) that do not link one.
    path("favicon.ico", views.favicon),
]
