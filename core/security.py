"""Security headers Django does not send itself: Content-Security-Policy and
Permissions-Policy (docs/security.md).

Why a small middleware rather than django-csp: the site needs two fixed policies (the public
site, and the admin whose rich-text editor and Django's own templates write inline `style`
attributes) chosen by path, and `frame-ancestors` that follows the page's X-Frame-Options
(the one framed page, the staff preview, says SAMEORIGIN). No nonce is needed: no page has an
inline script (JSON-LD and json_script data blocks are not executed, so script-src does not
apply to them) but the admin's import map, allowed by its hash (below). That is a dozen lines here; django-csp would be a dependency configured per
view with decorators for the same result.

It sits above the page cache and whitenoise in MIDDLEWARE, so cached pages and static files
carry the headers too, and it never replaces a header a view has set itself.
"""

import base64
import hashlib
import re

from django.conf import settings

# django-prose-editor (through django-js-asset) writes its import map inline, as
# <script type="importmap">, which script-src governs like any inline script. Its text
# holds the static files' hashed names, so it changes with each release: the admin's policy
# allows the import maps of the very page it answers, by their hash; never any other inline
# script. An import map runs nothing; modules still load from 'self' only.
_IMPORTMAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


def _importmap_hashes(response) -> str:
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return ""
    if response.get("Content-Encoding"):
        return ""
    found = _IMPORTMAP.findall(response.content)
    digests = dict.fromkeys(
        base64.b64encode(hashlib.sha256(text).digest()).decode() for text in found
    )
    return "".join(f" 'sha256-{digest}'" for digest in digests)


def _policy(directives: dict[str, str], frame_ancestors: str) -> str:
    parts = [f"{name} {value}" for name, value in directives.items()]
    parts.append(f"frame-ancestors {frame_ancestors}")
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = settings.CSP_ADMIN_PATH_PREFIX
        self.public = {
            frame: _policy(settings.CONTENT_SECURITY_POLICY, frame)
            for frame in ("'none'", "'self'")
        }
        self.admin = {
            frame: _policy(settings.CONTENT_SECURITY_POLICY_ADMIN, frame)
            for frame in ("'none'", "'self'")
        }
        self.permissions = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED
        )

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(self.admin_prefix)
            policies = self.admin if admin else self.public
            framed = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
            policy = policies["'self'" if framed else "'none'"]
            hashes = _importmap_hashes(response) if admin else ""
            if hashes:
                policy = policy.replace("script-src 'self'", "script-src 'self'" + hashes, 1)
            response["Content-Security-Policy"] = policy
        if self.permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        return response
