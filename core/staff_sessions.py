"""Staff sessions end after STAFF_SESSION_IDLE_SECONDS without a request and at most
STAFF_SESSION_MAX_SECONDS after login (docs/security.md).

Readers never log in, so they have no session to expire. The two times live in the session
itself: `_staff_login` is written at the first request after a login (login() starts a new
session, so the key is missing there), `_staff_seen` at most once a minute, so an editor's
clicks do not write the session on every request. An expired session is logged out; the
admin then asks for the password again and brings the editor back to the page they wanted.
"""

import time

from django.conf import settings
from django.contrib.auth import logout

LOGIN_KEY = "_staff_login"
SEEN_KEY = "_staff_seen"
SEEN_RESOLUTION = 60  # seconds: how stale `_staff_seen` may get before it is rewritten


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            self.check(request)
        return self.get_response(request)

    @staticmethod
    def check(request) -> None:
        session = request.session
        now = time.time()
        login = session.get(LOGIN_KEY)
        seen = session.get(SEEN_KEY)
        if login is None or seen is None:
            session[LOGIN_KEY] = session[SEEN_KEY] = now
            return
        idle = now - seen > settings.STAFF_SESSION_IDLE_SECONDS
        too_old = now - login > settings.STAFF_SESSION_MAX_SECONDS
        if idle or too_old:
            logout(request)  # flushes the session; request.user becomes anonymous
            return
        if now - seen >= SEEN_RESOLUTION:
            session[SEEN_KEY] = now
