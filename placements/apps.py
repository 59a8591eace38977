from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Schools and placements")

    def ready(self) -> None:
        from placements.stamps import watch_models

        watch_models()
