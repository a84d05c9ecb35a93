"""Two-factor authentication for staff (django-otp; docs/accounts.md).

Who must give a one-time code after the password, and the enrolment of an authenticator
app (TOTP) with its backup codes. The views are in newsroom/two_factor_views.py; the admin
site (newsroom/admin_site.py) lets nobody in who still owes a code.
"""

from base64 import b32encode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles import roles

BACKUP_CODES = 10
STRICT_ROLES = (roles.EDITOR, roles.ADMINISTRATOR)


def must_use_two_factor(user) -> bool:
    """Editors, administrators and superusers: a second factor is required of them."""
    if user.is_superuser:
        return True
    cached = getattr(user, "_newsroom_strict_role", None)
    if cached is None:
        cached = user.groups.filter(name__in=STRICT_ROLES).exists()
        user._newsroom_strict_role = cached
    return cached


def owes_a_code(request) -> bool:
    """True while a logged-in staff member must still give a one-time code in this session:
    one whose role requires it, or anyone who has set up an authenticator (journalists may)."""
    user = request.user
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated or not user.is_staff:
        return False
    if user.is_verified():  # OTPMiddleware: a device verified in this session
        return False
    cached = getattr(request, "_newsroom_owes_code", None)
    if cached is None:
        cached = user.is_superuser or _strict_role_or_device(user)
        request._newsroom_owes_code = cached
    return cached


def _strict_role_or_device(user) -> bool:
    """One query: in a strict role, or has a confirmed device (admin pages ask per request)."""
    confirmed = {"user": OuterRef("pk"), "confirmed": True}
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .filter(
            Q(groups__name__in=STRICT_ROLES)
            | Exists(TOTPDevice.objects.filter(**confirmed))
            | Exists(StaticDevice.objects.filter(**confirmed))
        )
        .exists()
    )


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being set up (not confirmed yet), made with a new secret if none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it by hand (base32, in groups of four)."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the device as an inline SVG QR code, made here (segno)."""
    import segno

    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", border=2, title=""
    )


@transaction.atomic
def confirm_authenticator(device: TOTPDevice) -> list[str]:
    """The code from the app matched: the device counts from now on, and the user gets new
    backup codes (single use, for a lost phone); returns them to be shown once."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


@transaction.atomic
def reset_devices(user) -> int:
    """Forget every device of a user (lost phone and codes): they set up anew at next login."""
    devices = [TOTPDevice.objects.filter(user=user), StaticDevice.objects.filter(user=user)]
    count = sum(queryset.count() for queryset in devices)
    for queryset in devices:
        queryset.delete()
    return count
