"""The back office's second step after the password (docs/accounts.md).

/admin/two-factor/ asks a staff member who owes a code (newsroom/two_factor.py) for one: the
six digits of their authenticator app, or one of their backup codes. One who has no
authenticator yet sets one up there: the secret as text and as a QR code, confirmed by a
first code, after which the backup codes are shown once.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from . import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "dir": "ltr"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def _next_url(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def two_factor_view(site, request):
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return HttpResponseRedirect(reverse("admin:login"))
    next_url = _next_url(request)
    owes = two_factor.owes_a_code(request)
    if not owes and not (settings.TWO_FACTOR_REQUIRED and not user_has_device(user)):
        return HttpResponseRedirect(next_url)
    # Who owes no code and has no device (a journalist) may set one up here, by choice.
    context = {
        **site.each_context(request),
        "title": _("Two-factor authentication"),
        "next": next_url,
        "redirect_field_name": REDIRECT_FIELD_NAME,
    }
    if owes and user_has_device(user):
        return _verify(request, context)
    return _enrol(request, context)


def _verify(request, context):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(context["next"])
        form.add_error("code", _("This code is not valid. Try the current one, or a backup code."))
    return TemplateResponse(request, "admin/two_factor/verify.html", {**context, "form": form})


def _enrol(request, context):
    device = two_factor.pending_authenticator(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = two_factor.confirm_authenticator(device)
            otp_login(request, device)
            return TemplateResponse(
                request, "admin/two_factor/backup_codes.html", {**context, "codes": codes}
            )
        form.add_error("code", _("This code is not valid. Check the clock of your phone."))
    return TemplateResponse(
        request,
        "admin/two_factor/enrol.html",
        {
            **context,
            "form": form,
            "secret": two_factor.secret_text(device),
            "qr_svg": mark_safe(two_factor.qr_svg(device)),  # made here from our own data
        },
    )
