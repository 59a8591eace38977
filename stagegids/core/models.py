"""The user account and the address fields that schools and companies share."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stagegids.core.fields import PostcodeField


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str) -> "User":
        # Emails are stored in lower case and unique regardless of case: log in likewise.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an email address.

    What a user may see follows from memberships: a company membership makes a
    supervisor, a school membership a coordinator or teacher; staff use Django admin.
    """

    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Can log in to the admin site."),
    )
    is_active = models.BooleanField(pgettext_lazy("switched on", "active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="stagegids_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name


class Address(models.Model):
    """Postal address fields; the postcode is stored as ``1234 AB``."""

    street = models.CharField(_("street and number"), max_length=200)
    postcode = PostcodeField(_("postcode"))
    city = models.CharField(_("city"), max_length=100)

    class Meta:
        abstract = True

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class OutgoingEmail(models.Model):
    """An email on its way out: written in the same transaction as what it reports, sent
    by a task once that transaction commits, and deleted as soon as the SMTP server took
    it. While the server is unreachable it stays here and is tried again later, so no
    email is lost (``stagegids.core.mail``). It holds personal data only until then.
    """

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=250)
    text_body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    #: The kind of the last failure (e.g. ConnectionRefusedError), never its text, which
    #: may repeat the address.
    last_error = models.CharField(_("last error"), max_length=100, blank=True)
    #: Set when every attempt over several days failed; an admin looks at it then.
    gave_up_at = models.DateTimeField(_("gave up"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["next_attempt_at", "pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(gave_up_at__isnull=True),
                name="stagegids_outgoing_due",
            )
        ]

    def __str__(self) -> str:
        return self.subject
