from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The core every app builds on: the user model, fields, validators, middleware and
    shared view helpers. It imports no app of the project (``make check`` proves it).

    The label stays ``stagegids`` (the app's name before it moved into ``core``), so the
    user model is still ``stagegids.User`` and its migrations keep their history.
    """

    name = "stagegids.core"
    label = "stagegids"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from stagegids.core import signals  # noqa: F401  (connects the receivers)
