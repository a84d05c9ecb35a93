"""Security headers Django does not send itself: Content-Security-Policy and
Permissions-Policy (docs/security.md).

Why a small middleware rather than django-csp: the site needs two fixed policies (the public
site, and the admin whose rich-text editor and Django's own templates write inline `style`
attributes) chosen by path, and `frame-ancestors` that follows the page's X-Frame-Options
(the one framed page, the staff preview, says SAMEORIGIN). No nonce is needed: no page has an
inline script (JSON-LD and json_script data blocks are not executed, so script-src does not
apply to them). That is a dozen lines here; django-csp would be a dependency configured per
view with decorators for the same result.

It sits above the page cache and whitenoise in MIDDLEWARE, so cached pages and static files
carry the headers too, and it never replaces a header a view has set itself.
"""

from django.conf import settings


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
            policies = self.admin if request.path.startswith(self.admin_prefix) else self.public
            framed = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
            response["Content-Security-Policy"] = policies["'self'" if framed else "'none'"]
        if self.permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        return response
