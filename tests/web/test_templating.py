"""Templates look the translations up once per request, and still follow a forced locale."""
from flask import render_template_string
from flask_babel import force_locale

from app.web.templating import request_translations


def test_translations_are_looked_up_once_yet_follow_force_locale(app):
    def title() -> str:
        return render_template_string("{{ _('Search glossary') }}")

    with app.test_request_context("/"), force_locale("fr"):
        assert title() == "Glossaire de recherche"
        assert request_translations() is request_translations()
        with force_locale("ar"):  # an e-mail in the customer's language, sent from a French page
            assert title() == "مسرد البحث"
        assert title() == "Glossaire de recherche"
