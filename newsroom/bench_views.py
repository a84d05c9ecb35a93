"""The benchmark's floor (docs/benchmarks.md): the cheapest page Django can serve.

`make bench` compares every page with this view, measured in the same run through the same
gunicorn and the same middleware, so its figures are ratios that hold on a noisy machine.
Mounted at /_bench/floor/ only when NEWSROOM_BENCH is on (never in production).
"""

from functools import cache

from django.conf import settings
from django.http import HttpResponse

HEAD = b"<!DOCTYPE html>\n<html lang=ar dir=rtl><meta charset=utf-8><title>floor</title>\n<p>"
TAIL = b"</p>\n"


@cache
def floor_body(size: int) -> bytes:
    """`size` bytes of HTML (a paragraph of filler between a head and a tail)."""
    filler = size - len(HEAD) - len(TAIL)
    if filler < 0:
        return (HEAD + TAIL)[:size]
    return HEAD + (b"floor " * (filler // 6 + 1))[:filler] + TAIL


def bench_floor(request):
    return HttpResponse(floor_body(settings.BENCH_FLOOR_BYTES))
