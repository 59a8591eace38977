from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        # A placement completes only with an approved final assessment. That rule runs
        # from placements (below) to evaluations (above), so it is registered here rather
        # than imported there: see ``placements.services.lifecycle.register_completion_check``.
        from evaluations import stamps
        from evaluations.services import completion_blockers
        from placements.services.lifecycle import register_completion_check

        register_completion_check(completion_blockers)
        stamps.watch_models()
