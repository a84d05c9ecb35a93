import pytest

from core.sanitizer import foreign_pictures, sanitize_html

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    '<p onmouseover="alert(1)">hover</p>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    '<form action="https://evil.example"><input name="q"></form>',
    "<div><img src=x onerror=alert(1)//></div>",
    "<scr<script>ipt>alert(1)</script>",
    '<a href="vbscript:msgbox(1)">x</a>',
]
FORBIDDEN = [
    "<script",
    "onerror",
    "onload",
    "onmouseover",
    "javascript:",
    "vbscript:",
    "<svg",
    "<style",
    "style=",
    "<iframe",
    "<object",
    "<form",
    "data:text/html",
    "alert(1)</",
]


@pytest.mark.parametrize("payload", ATTACKS)
def test_attack_payloads_are_neutralised(payload):
    cleaned = sanitize_html(payload).lower()
    for needle in FORBIDDEN:
        assert needle not in cleaned, f"{needle!r} survived in {cleaned!r}"


def test_script_and_style_content_is_dropped_not_kept_as_text():
    assert sanitize_html("<p>a</p><script>alert(1)</script><style>p{}</style>") == "<p>a</p>"


def test_editorial_markup_survives():
    html = (
        "<h2>عنوان فرعي</h2><h3>Sous-titre</h3><h4>x</h4><p><strong>gras</strong> <em>it</em><br></p>"
        '<ul><li>un</li></ul><ol><li>deux</li></ol><blockquote dir="ltr">citation</blockquote>'
        '<figure><img src="/media/a.jpg" alt="صورة" width="640" height="360"><figcaption>تعليق</figcaption></figure>'
    )
    assert sanitize_html(html) == html


def test_safe_links_keep_their_target_and_get_rel():
    cleaned = sanitize_html('<a href="https://example.ma/x" title="t">lien</a>')
    assert 'href="https://example.ma/x"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_relative_and_mailto_links_survive():
    assert 'href="/ar/articles/x/"' in sanitize_html('<a href="/ar/articles/x/">x</a>')
    assert 'href="mailto:desk@example.ma"' in sanitize_html(
        '<a href="mailto:desk@example.ma">x</a>'
    )


def test_unknown_tags_are_unwrapped_keeping_text():
    assert sanitize_html("<div><span>نص</span></div>") == "نص"


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_empty_input(empty):
    assert sanitize_html(empty) == ""


def test_html_to_text_keeps_words_whole_and_blocks_apart():
    from core.sanitizer import html_to_text

    assert html_to_text(
        "<p><strong>Maroc</strong>ains &amp; amis</p><h2>Titre</h2><ul><li>un</li><li>deux</li></ul>"
    ) == ("Marocains & amis\nTitre\nun\ndeux")
    assert html_to_text("<p>ligne<br>suivante</p>") == "ligne\nsuivante"
    assert html_to_text(None) == ""


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.gif",
        "http://example.ma/media/a.jpg",
        "//evil.example/a.jpg",
        "/static/a.jpg",
        "images/a.jpg",
        "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
    ],
)
def test_only_our_own_media_is_a_picture_source(src):
    cleaned = sanitize_html(f'<p>x<img src="{src}" alt="وصف">y</p>')
    assert "src=" not in cleaned
    assert 'alt="وصف"' in cleaned  # the reader still gets the words
    assert foreign_pictures(f'<img alt="a" src="{src}">') == [src]


def test_our_media_pictures_pass_and_are_not_foreign():
    markup = '<img src="/media/inline/2026/12/a.jpg" srcset="/media/inline/r/a.jpg 480w" alt="">'
    assert 'src="/media/inline/2026/12/a.jpg"' in sanitize_html(markup)
    assert foreign_pictures(markup) == []


def test_foreign_pictures_reads_srcset_and_source_and_ignores_data_src():
    markup = (
        '<picture><source srcset="https://a.example/1.avif 1x, /media/x.jpg 2x">'
        "<img data-src='/x' src='/media/ok.jpg' srcset=\"http://b.example/2.jpg 480w\"></picture>"
    )
    assert foreign_pictures(markup) == ["https://a.example/1.avif", "http://b.example/2.jpg"]
