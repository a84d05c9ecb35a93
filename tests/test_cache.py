"""core.cache: fragments cached under the public-pages generation, outage-tolerant."""

from django.test import RequestFactory

from core import cache as fragments


def test_value_is_computed_once_then_served_from_the_cache():
    calls = []
    compute = lambda: calls.append(1) or "value"  # noqa: E731
    assert fragments.remember("t", compute, 60) == "value"
    assert fragments.remember("t", compute, 60) == "value"
    assert len(calls) == 1


def test_none_is_cached_too():
    calls = []
    assert fragments.remember("empty", lambda: calls.append(1), 60) is None
    assert fragments.remember("empty", lambda: calls.append(1), 60) is None
    assert len(calls) == 1


def test_invalidation_makes_every_fragment_stale():
    fragments.remember("t", lambda: "old", 60)
    fragments.invalidate_public_pages()
    assert fragments.remember("t", lambda: "new", 60) == "new"


def test_is_fresh_can_refuse_a_cached_value():
    fragments.remember("t", lambda: 1, 60)
    assert fragments.remember("t", lambda: 2, 60, is_fresh=lambda v: v > 1) == 2


def test_a_cache_outage_computes_the_value_instead_of_failing(monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(fragments.cache, "get", down)
    monkeypatch.setattr(fragments.cache, "set", down)
    assert fragments.remember("t", lambda: "fresh", 60) == "fresh"


def test_per_request_computes_once_per_request():
    calls = []
    request = RequestFactory().get("/")
    for _ in range(3):
        assert fragments.per_request(request, "x", lambda: calls.append(1) or 42) == 42
    assert len(calls) == 1
    assert fragments.per_request(RequestFactory().get("/"), "x", lambda: 7) == 7
    assert fragments.per_request(None, "x", lambda: 8) == 8


def test_an_invalidation_the_cache_missed_is_paid_at_the_next_read(monkeypatch):
    fragments.remember("t", lambda: "old", 60)

    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    with monkeypatch.context() as outage:
        outage.setattr(fragments.cache, "incr", down)
        assert fragments.invalidate_public_pages() is None  # logged, never raised
    assert fragments.remember("t", lambda: "new", 60) == "new"
    assert fragments.remember("t", lambda: "newer", 60) == "new"  # paid once, then cached
