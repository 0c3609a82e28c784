"""The reusable validators: Moroccan phone numbers to E.164, e-mail addresses normalised."""
from __future__ import annotations

import pytest

from app.validators import normalize_email, normalize_moroccan_phone


@pytest.mark.parametrize(("typed", "stored"), [
    ("0612345678", "+212612345678"),
    ("06 12 34 56 78", "+212612345678"),
    ("06.12.34.56.78", "+212612345678"),
    ("0712345678", "+212712345678"),
    ("0522123456", "+212522123456"),
    ("+212 6 12 34 56 78", "+212612345678"),
    ("+212612345678", "+212612345678"),
    ("00212612345678", "+212612345678"),
])
def test_moroccan_numbers_are_stored_in_e164(typed, stored):
    assert normalize_moroccan_phone(typed) == stored


@pytest.mark.parametrize("typed", [
    "", "061234567", "06123456789", "0812345678", "+33612345678", "0612345678x", "06-12-34-ab-78",
    "<script>", "+212 8 12 34 56 78",
])
def test_other_numbers_are_refused_with_a_clear_message(typed, app):
    with pytest.raises(ValueError) as refused:
        normalize_moroccan_phone(typed)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert "Moroccan phone number" in str(refused.value)


def test_email_is_normalised_to_lower_case_without_a_dns_lookup():
    assert normalize_email(" Amina@Example.MA ") == "amina@example.ma"
    assert normalize_email("someone@no-such-domain.invalid-tld-example") == "someone@no-such-domain.invalid-tld-example"


@pytest.mark.parametrize("typed", ["amina", "amina@", "@example.ma", "a b@example.ma", "amina@example..ma"])
def test_malformed_addresses_are_refused(typed):
    with pytest.raises(ValueError):
        normalize_email(typed)
