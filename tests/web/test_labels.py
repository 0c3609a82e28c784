"""Every value of a labelled enum has words in every language, and templates branch on members."""
import re
from pathlib import Path

import pytest
from flask import render_template_string
from flask_babel import force_locale

from app.orders.models import OrderStatus
from app.solidarity.models import EntryKind
from app.suppliers.models import VerificationState
from app.web.labels import LABELS, TONES, label

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize("enum_type", list(LABELS), ids=lambda t: t.__name__)
def test_every_member_has_words_translated_in_french_and_arabic(app, enum_type):
    assert set(LABELS[enum_type]) == set(enum_type), "a member without words would show as a KeyError"
    with app.test_request_context("/"):
        for member in enum_type:
            english = label(member)
            for locale in ("fr", "ar"):
                with force_locale(locale):
                    assert label(member) != english or english == "Stock", (member, locale)


def test_tones_only_name_members_of_their_own_enum():
    for enum_type, tones in TONES.items():
        assert all(type(member) is enum_type for member in tones), enum_type
        assert set(tones.values()) <= {"badge-ok", "badge-warn", "badge-bad"}


def test_the_filters_give_words_and_colour_in_the_page_language(app):
    template = "{% from '_macros/badge.html' import badge %}{{ badge(status) }}"
    with app.test_request_context("/"), force_locale("fr"):
        html = render_template_string(template, status=OrderStatus.PENDING_PAYMENT)
        assert 'class="badge badge-warn"' in html and 'data-status="pending_payment"' in html
        assert "Waiting for payment" not in html  # in French
        assert render_template_string("{{ v|label }}", v=VerificationState.FLAGGED) == label(VerificationState.FLAGGED)
        # Fair takings were missing from the ledger page's own table (a KeyError on the page).
        assert render_template_string("{{ v|label }}", v=EntryKind.TAKINGS)


def test_templates_compare_members_not_their_spelling():
    compares = re.compile(r"(status|state|kind|method|channel)\.value\s*(==|!=|in\b)")
    found = [f"{path.relative_to(TEMPLATES)}: {line.strip()}" for path in TEMPLATES.rglob("*.*")
             for line in path.read_text().splitlines() if compares.search(line)]
    assert found == []
