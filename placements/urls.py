from django.urls import path

from placements.views import core

app_name = "placements"

urlpatterns = [
    path("", core.placement_list, name="list"),
    path("<uuid:public_id>/", core.placement_detail, name="detail"),
    # Each part of the journey adds its URLs below its own marker.
    # [urls: checklists, intake, lifecycle]
    # [urls: hours]
    # [urls: worklog, feedback]
    # [urls: messages, help]
]
