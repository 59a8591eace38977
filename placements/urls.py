from django.urls import path

from placements import views

app_name = "placements"

urlpatterns = [
    path("", views.placement_list, name="list"),
    path("<uuid:public_id>/", views.placement_detail, name="detail"),
]
