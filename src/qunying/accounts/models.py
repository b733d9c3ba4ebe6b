"""Accounts models: the user and the roles they hold over unit subtrees."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from qunying.accounts.enums import Role
from qunying.core.fields import EncryptedTextField
from qunying.core.models import BaseModel


class User(AbstractUser):
    """A login. Names are one field (Chinese names do not split into first/last the Western way)."""

    first_name = None
    last_name = None
    full_name = models.CharField(_("Full name"), max_length=50, blank=True)
    password_changed_at = models.DateTimeField(_("Password last changed"), default=timezone.now)
    must_change_password = models.BooleanField(
        _("Must change password at next sign-in"),
        default=False,
        help_text=_("After an administrator sets or resets the password, the user must change it first."),
    )

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("User")
        verbose_name_plural = _("Users")
        ordering = ["username"]

    def __str__(self):
        return f"{self.full_name}（{self.username}）" if self.full_name else self.username

    def get_full_name(self):
        return self.full_name or self.username

    def get_short_name(self):
        return self.full_name or self.username

    def password_expired(self, now=None) -> bool:
        now = now or timezone.now()
        return self.must_change_password or now - self.password_changed_at > settings.QUNYING_PASSWORD_MAX_AGE


class RoleAssignment(BaseModel):
    """`user` holds `role` over `unit` and everything below it."""

    user = models.ForeignKey(User, verbose_name=_("User"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("Role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("Scope"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    granted_by = models.ForeignKey(
        User, verbose_name=_("Granted by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Role assignment")
        verbose_name_plural = _("Role assignments")
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="accounts_roleassignment_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class ApiToken(BaseModel):
    """A bearer token for another system calling /api/ (the dispatch system posting service interactions).

    Only a SHA-256 of the token is stored: the token itself is shown once, when it is issued, and cannot be recovered.
    """

    name = models.CharField(_("Name"), max_length=100, help_text=_("Which system uses it, e.g. 110 dispatch system"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("Token starts with"), max_length=12, editable=False)
    created_by = models.ForeignKey(
        User, verbose_name=_("Issued by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner = models.ForeignKey(
        User,
        verbose_name=_("Reads as"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_tokens",
        help_text=_(
            "The read endpoints answer as this user would see the data (their units, masking by their roles); "
            "without one the token only records service interactions."
        ),
    )
    last_used_at = models.DateTimeField(_("Last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name}（{self.prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class SecondFactor(ThrottlingMixin, Device):
    """A user's authenticator app for two-factor sign-in (TOTP, RFC 6238), at most one per user.

    django-otp supplies the device contract and the back-off after failures (1, 2, 4, … seconds); the secret is
    encrypted at rest like other sensitive fields. Unconfirmed until the user types the first code during enrolment.
    """

    secret = EncryptedTextField(_("Secret"))  # hex of 20 random bytes
    last_step = models.BigIntegerField(default=-1, editable=False)  # a code is accepted once: only later steps count
    created_at = models.DateTimeField(_("Created at"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("Enrolled at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("Last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("Two-factor device")
        verbose_name_plural = _("Two-factor devices")
        constraints = [models.UniqueConstraint(fields=["user"], name="accounts_secondfactor_one_per_user")]

    def get_throttle_factor(self) -> int:
        return settings.QUNYING_2FA_THROTTLE_FACTOR


class BackupCode(models.Model):
    """A one-time code for when the phone is lost: only a keyed hash is stored, and using it marks it used."""

    device = models.ForeignKey(SecondFactor, on_delete=models.CASCADE, related_name="backup_codes")
    code_hash = models.CharField(max_length=64, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Backup code")
        verbose_name_plural = _("Backup codes")

    def __str__(self):
        return f"{self.device.user} · {self.pk}"  # never the code: only its hash is known
