from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The top layer: pages that combine several apps (the role-aware dashboard with its
    attention lists and charts, the placement page with its journal and assessments, the
    schools' companies directory) and the demo data. It may import every app; no app
    imports it (``make check`` proves it). It has no models of its own."""

    name = "stagegids.workspace"
    label = "workspace"
    verbose_name = _("Workspace")

    def ready(self) -> None:
        # The overview lives in placements, below this app: the dashboard's lists become
        # its filters here, so that a card links to exactly its placements.
        from placements.selectors.overview import register_attention_filter
        from stagegids.workspace.attention import OVERVIEW_FILTERS

        for name, attention_filter in OVERVIEW_FILTERS.items():
            register_attention_filter(name, attention_filter)
