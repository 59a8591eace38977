"""The workspace's pages, in the URL namespaces users know them by.

The placement page is ``placements:detail`` and the directory ``companies:list`` /
``companies:detail``, as before the pages moved up here: the placements namespace is the
placements app's own patterns plus the page that shows the whole journey.
"""

from django.urls import path

from placements import urls as placement_urls
from stagegids.workspace import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]

placement_patterns = (
    [
        path("<uuid:public_id>/", views.placement_detail, name="detail"),
        *placement_urls.urlpatterns,
    ],
    placement_urls.app_name,
)

company_patterns = (
    [
        path("", views.company_list, name="list"),
        path("<int:pk>/", views.company_detail, name="detail"),
    ],
    "companies",
)
