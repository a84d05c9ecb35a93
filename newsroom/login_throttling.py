"""Login throttling (django-axes): where a login comes from, and what a success forgives.

docs/accounts.md explains the policy; settings.py (AXES_*) wires these two pieces in.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address of the client, as far as the trusted proxies in front can tell.

    With TRUSTED_PROXY_COUNT = 0 (the default) the client is the peer of the connection
    (REMOTE_ADDR) and X-Forwarded-For is ignored: any client can write that header. With N
    trusted proxies, each appends the address it received the request from, so the client is
    the N-th address from the right; whatever a client wrote before it is never read. A
    request that did not pass through all N proxies (fewer addresses than that) is judged by
    its peer address.
    """
    peer = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return peer
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if len(hops) < count:
        return peer
    return hops[-count]


class NewsroomAxesHandler(AxesDatabaseHandler):
    """Axes' database handler, except for what a successful login forgives.

    Axes deletes, on a success, every failure matching any lockout parameter: all failures
    from the address (on any user name) and all failures on the user name (from any address).
    A journalist spraying other people's user names could then clear the address's count by
    logging into their own account now and then, and a user logging in would erase what an
    attacker elsewhere had spent on their name. Here a success forgives only the person's own
    failures: that user name from that address.
    """

    def reset_user_attempts(self, request, credentials=None) -> int:
        from axes.helpers import get_client_username
        from axes.models import AccessAttempt

        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return deleted
