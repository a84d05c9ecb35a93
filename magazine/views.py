"""The weekend magazine's public pages: the archive of issues and the PDF downloads."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from articles.listing import paginate
from core import counters
from core.editions import current_language

from .issues import DOWNLOAD
from .models import MagazineIssue

ARCHIVE_PAGE_SIZE = 12


@require_safe
def archive(request):
    """Issues offered in this edition, newest first."""
    issues = MagazineIssue.objects.public(current_language()).newest()
    page = paginate(request, issues, per_page=ARCHIVE_PAGE_SIZE)
    return render(request, "magazine/archive.html", {"page": page})


@require_safe
def download(request, number: int):
    """The issue's PDF as an attachment named after the site, the number and the date.

    The only way to a PDF (they are stored outside MEDIA_ROOT, docs/media.md): readers get
    the issues published in their edition; staff who manage issues get any issue, to check
    it before publishing, and are not counted.
    """
    issues = MagazineIssue.objects.filter(number=number)
    public = issues.public(current_language()).first()
    issue = public or (issues.first() if may_see_unpublished(request.user) else None)
    if issue is None:
        raise Http404("No such issue")
    try:
        handle = issue.pdf.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The issue's file is missing") from None
    if request.method == "GET" and public is not None:
        counters.hit(DOWNLOAD, issue.pk)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=issue.download_filename(),
        content_type="application/pdf",
    )
    # Every download goes through here to be counted: no shared cache may answer for us.
    add_never_cache_headers(response)
    return response


def may_see_unpublished(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("magazine.view_magazineissue")
