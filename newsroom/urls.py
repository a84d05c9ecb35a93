from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path, register_converter

from articles import sitemaps
from articles.converters import TwoDigitConverter, UnicodeSlugConverter, YearConverter

from . import views

# Arabic slugs in URLs: registered before the apps' URLconfs are included.
register_converter(UnicodeSlugConverter, "uslug")
register_converter(YearConverter, "yyyy")
register_converter(TwoDigitConverter, "mm")

urlpatterns = [
    path("", views.choose_edition, name="choose_edition"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("preview/", include("articles.preview_urls")),  # staff previews (signed links)
    # For crawlers, outside the language prefixes (articles/sitemaps.py).
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("ads/", include("ads.urls")),  # banner slot filler and click redirects
    path("searchlog/", include("searchlog.urls")),  # the search beacon (docs/searchlog.md)
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("articles.urls")),
    path("authors/", include("articles.author_urls")),
    path("magazine/", include("magazine.urls")),
    prefix_default_language=True,
)

if settings.NEWSROOM_BENCH:  # `make bench` only (docs/benchmarks.md)
    from . import bench_views

    urlpatterns += [path("_bench/floor/", bench_views.bench_floor, name="bench_floor")]

if settings.SERVE_MEDIA or settings.MEDIA_ACCEL_REDIRECT:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.media)]

handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"
