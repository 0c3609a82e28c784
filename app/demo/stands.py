"""The demo's stands: each supplier proved by the real verification service against an invented
microcredit record, and two applicants left waiting for staff."""
from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.accounts.models import Role, User
from app.demo import data, goods
from app.extensions import db
from app.suppliers.models import Supplier, VerificationState
from app.verification.cin import cin_hmac, loan_reference_columns
from app.verification.models import LoanStatus, MicrocreditRecord
from app.verification.services import find_record, request_verification

if TYPE_CHECKING:
    from app.demo.services import Demo


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


# -- suppliers, verified against their microcredit record ------------------------------------

def portrait_look(slug: str) -> str:
    """A stand's picture: what it sells first."""
    return goods.LINES[goods.STANDS[slug][0]].options[0][2]


def portrait_looks() -> set[str]:
    """The pictures of the stands still to be made."""
    present = set(db.session.scalars(select(Supplier.slug)))
    return {portrait_look(s.slug) for s in data.SUPPLIERS if s.slug not in present}


def stored_portraits() -> dict[str, int]:
    """The stand pictures earlier runs stored, by look."""
    rows = db.session.execute(select(Supplier.slug, Supplier.photo_id).where(
        Supplier.slug.in_(list(goods.STANDS)), Supplier.photo_id.is_not(None)))
    return {portrait_look(slug): photo_id for slug, photo_id in rows}


def missing_suppliers() -> bool:
    slugs = [s.slug for s in data.SUPPLIERS]
    return db.session.scalar(select(func.count()).where(Supplier.slug.in_(slugs))) < len(slugs)


def ensure_suppliers(demo: Demo) -> dict[str, Supplier]:
    """The demo stands, each proved by the real verification service against a microcredit record."""
    found = {s.slug: s for s in db.session.scalars(
        select(Supplier).where(Supplier.slug.in_([s.slug for s in data.SUPPLIERS])))}
    for number, seed in enumerate(data.SUPPLIERS):
        if seed.slug in found:
            continue
        if seed.slug == data.BENEFICIARY_SUPPLIER:
            user = demo.users[Role.BENEFICIARY]
        else:
            user = user_by_email(_artisan_email(seed)) or _locked_user(seed)
            db.session.add(user)
            db.session.flush()
        found[seed.slug] = _new_supplier(demo, seed, user, number)
        demo.report.created["suppliers"] += 1
    return {seed.slug: found[seed.slug] for seed in data.SUPPLIERS}


def ensure_applicants(demo: Demo) -> None:
    """Stands waiting in the verification queue: their attempt did not match, so staff must decide."""
    for offset, seed in enumerate(data.APPLICANTS):
        if db.session.scalar(select(Supplier.id).where(Supplier.slug == seed.slug)) is not None:
            continue
        user = user_by_email(_artisan_email(seed)) or _locked_user(seed)
        db.session.add(user)
        db.session.flush()
        supplier = Supplier(user_id=user.id, slug=seed.slug, display_name=seed.name, trade_name=seed.trade_name,
                            craft=seed.craft, city=seed.city, region=seed.region, story=seed.story)
        db.session.add(supplier)
        db.session.flush()
        number = len(data.SUPPLIERS) + offset
        cin, institution, reference = _loan(seed, number)
        if offset == 0:  # the record exists, but the CIN typed does not match it
            _ensure_record(seed, number, cin, institution, reference)
            cin = cin[:-1] + str((int(cin[-1]) + 1) % 10)
        request_verification(supplier.id, cin, institution, reference, requested_by_id=user.id)
        demo.report.created["applicants"] += 1


def ensure_newcomer_record(demo: Demo) -> None:
    """The record a newcomer verifies a stand of their own with (see data.NEWCOMER_RECORD)."""
    seed = data.NEWCOMER_RECORD
    if find_record(seed.institution, seed.loan_reference) is None:
        db.session.add(MicrocreditRecord(
            institution=seed.institution, **loan_reference_columns(seed.loan_reference),
            national_id_hmac=cin_hmac(seed.cin),
            full_name=seed.name, city=seed.city, activity=seed.activity, status=LoanStatus.ACTIVE,
            disbursed_on=date(2025, 3, 3)))
        db.session.flush()
        demo.report.created["microcredit records"] += 1


def _locked_user(seed: data.SupplierSeed) -> User:
    """An artisan's own account that nobody can log into: its hash matches no password at all
    (no algorithm prefix), unlike a hash of a random secret it costs nothing to make."""
    return User(email=_artisan_email(seed), password_hash=f"!locked-{secrets.token_hex(16)}", name=seed.name,
                role=Role.BENEFICIARY)


def _artisan_email(seed: data.SupplierSeed) -> str:
    return f"{seed.slug}@artisans.{data.DOMAIN}"


def _new_supplier(demo: Demo, seed: data.SupplierSeed, user: User, number: int) -> Supplier:
    supplier = Supplier(
        user_id=user.id, slug=seed.slug, display_name=seed.name, trade_name=seed.trade_name, craft=seed.craft,
        city=seed.city, region=seed.region, story=seed.story,
        story_i18n={k: v for k, v in (("ar", seed.story_ar), ("en", seed.story_en)) if v},
        photo_id=demo.pool.image_id(portrait_look(seed.slug)), verification_state=VerificationState.UNVERIFIED,
    )
    db.session.add(supplier)
    db.session.flush()
    cin, institution, reference = _loan(seed, number)
    _ensure_record(seed, number, cin, institution, reference)
    attempt = request_verification(supplier.id, cin, institution, reference, requested_by_id=user.id)
    if not attempt.verified:  # never expected: the record was made to match
        raise RuntimeError(f"demo supplier {seed.slug} did not verify")
    return supplier


def _loan(seed: data.SupplierSeed, number: int) -> tuple[str, str, str]:
    """An invented CIN and loan for the supplier (letters as on real cards, never a real person's)."""
    institution = data.INSTITUTIONS[number % len(data.INSTITUTIONS)]
    prefix = "".join(w[0] for w in institution.replace("-", " ").split()[:2]).upper()
    letters = ("EE", "BK", "JB", "HA", "AB", "CD", "J", "K")[number % 8]
    return f"{letters}{310_000 + number * 7919 % 600_000}", institution, f"{prefix}-2024-{10_457 + number * 37:06d}"


def _ensure_record(seed: data.SupplierSeed, number: int, cin: str, institution: str, reference: str) -> None:
    if find_record(institution, reference) is None:
        disbursed = date(2023, 1, 15) + timedelta(days=number * 19)
        db.session.add(MicrocreditRecord(
            institution=institution, **loan_reference_columns(reference), national_id_hmac=cin_hmac(cin),
            full_name=seed.name, city=seed.city, activity=seed.craft,
            status=LoanStatus.REPAID if number % 4 == 3 else LoanStatus.ACTIVE, disbursed_on=disbursed,
            closed_on=disbursed + timedelta(days=540) if number % 4 == 3 else None))
        db.session.flush()
