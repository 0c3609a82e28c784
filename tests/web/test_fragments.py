"""Fragments rendered once per content (app/web/fragments.py): never stale, never another's token."""
from __future__ import annotations

from flask import render_template_string, session
from flask_wtf.csrf import generate_csrf

from app import cache
from app.web.fragments import remembered


def test_a_fragment_is_rendered_once_per_content_and_again_when_the_content_changes(app):
    renders = []

    def render(price: int):
        renders.append(price)
        return render_template_string("<p>{{ price }} MAD</p>", price=price)

    with app.test_request_context("/"):
        cache.clear()
        first = remembered("test-price", (1, 120), lambda: render(120))
        again = remembered("test-price", (1, 120), lambda: render(999))  # same key: not rendered again
        changed = remembered("test-price", (1, 150), lambda: render(150))
    assert (str(first), str(again), str(changed)) == ("<p>120 MAD</p>", "<p>120 MAD</p>", "<p>150 MAD</p>")
    assert renders == [120, 150]


def test_a_remembered_form_carries_each_visitors_own_csrf_token(app):
    form = '<form method="post"><input name="csrf_token" value="{{ csrf_token() }}"></form>'
    tokens = []
    for path in ("/", "/account/login"):  # any blueprint: the layout's fragments are on every page
        with app.test_request_context(path):
            session["cart_id"] = 1  # a visitor with a session
            html = str(remembered("test-form", ("cart",), lambda: render_template_string(form)))
            tokens.append(generate_csrf())
            assert f'value="{tokens[-1]}"' in html
    assert tokens[0] != tokens[1]
    with app.test_request_context("/"):  # a first visit: no token, and no secret put in a session to sign
        html = str(remembered("test-form", ("cart",), lambda: render_template_string(form)))
        assert 'value=""' in html and not session


def test_new_settings_or_a_new_release_never_find_the_last_ones_html(app_config):
    """With Redis the fragments outlive a restart: a page remembered under one MEDIA_URL or SITE_URL (or
    other code) must not be served under another, while a restart with the same release shares them."""
    from app import create_app
    from app.web.fragments import _release

    first, restarted = create_app(app_config), create_app(app_config)
    moved = create_app({**app_config, "MEDIA_URL": "https://cdn.example.ma/media"})
    assert _release(restarted) == _release(first)
    assert _release(moved) != _release(first)
