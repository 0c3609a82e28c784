"""Templates look the translations up once per request, and still follow a forced locale."""
from flask import render_template_string
from flask_babel import force_locale, get_translations

from app.web import templating


def test_translations_are_looked_up_once_yet_follow_force_locale(app, monkeypatch):
    lookups = []

    def counted():
        lookups.append(1)
        return get_translations()

    monkeypatch.setattr(templating, "get_translations", counted)

    def title() -> str:
        return render_template_string("{{ _('Search glossary') }}")

    with app.test_request_context("/"), force_locale("fr"):
        assert title() == "Glossaire de recherche"
        render_template_string("{{ _('Search') }} {{ _('Cart') }} {{ ngettext('%(num)s item', '%(num)s items', 2) }}")
        assert len(lookups) == 1  # four strings, one lookup
        with force_locale("ar"):  # an e-mail in the customer's language, sent from a French page
            assert title() == "مسرد البحث"
        assert title() == "Glossaire de recherche"
