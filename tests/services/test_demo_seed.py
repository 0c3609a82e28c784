"""The demo seed: a realistic, verified, idempotent demo, with photos that look different per craft."""
from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image as PILImage
from PIL import ImageStat
from sqlalchemy import func, select

from app.accounts.models import Role, User
from app.accounts.passwords import check_password
from app.catalog import search
from app.catalog.models import Category, ListingStatus, Product, ProductImage, ProductTranslation
from app.demo import data, goods, photos, products, stands
from app.demo.services import seed_demo
from app.exhibition.models import Fair, FairStand, Hall, HallProduct, PickupKind, PickupPoint
from app.exhibition.services import untranslated_names
from app.extensions import db
from app.media.models import Image, ImageState
from app.orders.models import Order, OrderStatus
from app.solidarity.models import EntryKind, LedgerEntry
from app.suppliers.models import Group, Supplier, VerificationState
from app.verification.models import MicrocreditRecord, RequestState, VerificationRequest

SMALL = {"photo_size": (240, 180), "workers": 0}
TODAY = date(2026, 11, 29)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def counts() -> dict[str, int]:
    models = (User, Supplier, MicrocreditRecord, Category, Product, ProductTranslation, ProductImage, Image, Hall,
              HallProduct, Fair, FairStand, Group, PickupPoint, Order, LedgerEntry)
    return {model.__name__: count(model) for model in models}


def test_small_demo_has_verified_suppliers_every_role_halls_fairs_and_pickup_points(app_ctx):
    report = seed_demo(30, today=TODAY, **SMALL)
    db.session.commit()

    suppliers = db.session.scalars(select(Supplier).where(Supplier.slug.in_([s.slug for s in data.SUPPLIERS]))).all()
    assert len(suppliers) == len(data.SUPPLIERS) >= 40
    assert {s.verification_state for s in suppliers} == {VerificationState.VERIFIED}
    assert all(s.microcredit_record_id and s.verified_at and s.story for s in suppliers)
    assert len({s.city for s in suppliers}) >= 18
    assert untranslated_names() == []  # every city and craft of the demo reads in Arabic and English
    assert sum(1 for s in suppliers if s.story_i18n.get("ar") and s.story_i18n.get("en")) >= 20
    record = db.session.get(MicrocreditRecord, suppliers[0].microcredit_record_id)
    assert record.institution in data.INSTITUTIONS and len(record.national_id_hmac) == 64

    roles = {u.role for u in db.session.scalars(select(User).where(User.email.like(f"%@{data.DOMAIN}")))}
    assert roles == set(Role)
    for account in report.accounts:
        user = db.session.scalar(select(User).where(User.email == account.email))
        assert user.role == account.role and check_password(user.password_hash, account.password)
    artisans = db.session.scalars(select(User).where(User.email.like(f"%@artisans.{data.DOMAIN}"))).all()
    assert len(artisans) >= 40 and not any(check_password(a.password_hash, "") for a in artisans)
    beneficiary = db.session.scalar(select(User).where(User.role == Role.BENEFICIARY,
                                                       User.email == f"beneficiary@{data.DOMAIN}"))
    assert db.session.scalar(select(Supplier).where(Supplier.user_id == beneficiary.id)) is not None

    assert count(Product) == 30
    statuses = {p.status for p in db.session.scalars(select(Product))}
    assert {ListingStatus.PUBLISHED, ListingStatus.PENDING, ListingStatus.DRAFT, ListingStatus.REJECTED} <= statuses
    assert db.session.scalar(select(func.min(Product.price_centimes))) >= 3000
    assert all(p.images for p in db.session.scalars(select(Product)))
    assert {i.state for i in db.session.scalars(select(Image))} == {ImageState.READY}
    assert count(ProductTranslation) == 2 * 30  # Arabic and English for every product

    halls = db.session.scalars(select(Hall)).all()
    assert len(halls) == 6 and all(h.cover_id and h.entries and h.title_i18n.get("ar") for h in halls)
    assert all(f.venue_i18n.get("ar") and f.description_i18n.get("en") for f in db.session.scalars(select(Fair)))
    assert all(p.name_i18n.get("ar") and p.name_i18n.get("en") for p in db.session.scalars(select(PickupPoint)))
    upcoming = db.session.scalars(select(Fair).where(Fair.starts_on > TODAY)).all()
    assert len(upcoming) == 2 and all(f.stands for f in upcoming)
    assert db.session.scalar(select(func.count()).select_from(Fair).where(Fair.ends_on < TODAY)) >= 1
    spaces = db.session.scalars(select(PickupPoint).where(PickupPoint.kind == PickupKind.SOLIDARITY_SPACE)).all()
    assert {p.city for p in spaces} == {"Salé", "Casablanca"}
    assert count(PickupPoint) - len(spaces) >= 6
    groups = db.session.scalars(select(Group)).all()
    assert len(groups) == 2 and all(g.members and g.funders and g.commission_bp <= 2000 for g in groups)
    manager = db.session.scalar(select(User).where(User.role == Role.GROUP_MANAGER))
    assert any(g.manager_id == manager.id for g in groups)
    waiting = db.session.scalars(select(VerificationRequest).where(VerificationRequest.state == RequestState.PENDING))
    assert {r.supplier.slug for r in waiting} == {s.slug for s in data.APPLICANTS}
    assert not {p.supplier.slug for p in db.session.scalars(select(Product))} & {s.slug for s in data.APPLICANTS}


def test_demo_sales_feed_the_dashboard_ledger_and_payouts(app_ctx):
    seed_demo(40, today=TODAY, **SMALL)
    db.session.commit()

    orders = db.session.scalars(select(Order)).all()
    assert len(orders) == 20
    statuses = {o.status for o in orders}
    assert {OrderStatus.DELIVERED, OrderStatus.CONFIRMED, OrderStatus.CANCELLED} <= statuses
    assert (max(o.created_at for o in orders) - min(o.created_at for o in orders)).days > 90
    shopper = db.session.scalar(select(User).where(User.email == f"shopper@{data.DOMAIN}"))
    assert any(o.user_id == shopper.id for o in orders)
    kinds = set(db.session.scalars(select(LedgerEntry.kind)))
    assert {EntryKind.EARNING, EntryKind.PAYOUT, EntryKind.REVERSAL} <= kinds


def test_second_run_adds_nothing_and_a_larger_run_only_tops_up_products(app_ctx, monkeypatch):
    seed_demo(20, today=TODAY, **SMALL)
    db.session.commit()
    first = counts()

    again = seed_demo(20, today=TODAY, **SMALL)
    db.session.commit()
    assert again.already_there
    assert counts() == first

    painted = []
    paint = photos.photo
    monkeypatch.setattr(photos, "photo", lambda look, *a, **kw: painted.append(look) or paint(look, *a, **kw))
    bigger = seed_demo(45, today=TODAY, **SMALL)
    db.session.commit()
    after = counts()
    assert bigger.created["products"] == 25 and after["Product"] == 45
    assert after["Supplier"] == first["Supplier"] and after["User"] == first["User"]
    # Only the looks no earlier product showed are painted; the others come from the stored pool.
    new_looks = products.looks_of(20, 45) - products.looks_of(0, 20) - {stands.portrait_look(s.slug)
                                                                        for s in data.SUPPLIERS}
    assert sorted(painted) == sorted(new_looks)
    assert after["Image"] == first["Image"] + len(new_looks)
    titles = db.session.scalars(select(Product.title).order_by(Product.id).limit(20)).all()
    assert len(titles) == 20


def test_demo_products_are_found_by_search_in_french_and_arabic(app_ctx):
    seed_demo(30, today=TODAY, **SMALL)
    db.session.commit()
    connection = db.session.connection()
    assert search.matching_ids(connection, "tajine") or search.matching_ids(connection, "vase")
    assert search.matching_ids(connection, "Safi")
    arabic = db.session.scalar(select(ProductTranslation.title).where(ProductTranslation.locale == "ar"))
    assert search.matching_ids(connection, arabic.split()[0])


@pytest.mark.parametrize("look", sorted(photos.LOOKS))
def test_each_look_is_reproducible_and_decodes(look):
    data_a = photos.photo(look, (240, 180))
    assert data_a == photos.photo(look, (240, 180))
    picture = PILImage.open(io.BytesIO(data_a))
    picture.load()
    assert picture.format == "JPEG" and picture.size == (240, 180)
    # a real picture, not a flat fill: its pixels spread widely
    assert ImageStat.Stat(picture.convert("L")).stddev[0] > 12


def _thumb(look: str) -> list[int]:
    return list(PILImage.open(io.BytesIO(photos.photo(look, (240, 180)))).convert("RGB").resize((24, 18)).tobytes())


def test_products_of_different_kinds_show_different_pictures():
    """Saffron, dates, honey and amlou once all showed oil bottles: each kind now has its own scene."""
    looks = ["safran", "dattes", "miel", "amlou", "huile-argan", "epice-cumin", "epice-paprika", "tajine-bleu",
             "tapis-beni-ouarain", "babouches-jaunes", "panier", "collier", "coffret-thuya", "lanterne-laiton",
             "zellige-bleu", "savon-noir", "eau-de-rose", "foutas", "pouf-rouge"]
    thumbs = {look: _thumb(look) for look in looks}
    for i, a in enumerate(looks):
        for b in looks[i + 1:]:
            distance = sum(abs(x - y) for x, y in zip(thumbs[a], thumbs[b], strict=True)) / len(thumbs[a])
            assert distance > 8, (a, b, distance)


def test_the_reference_data_speaks_french_arabic_and_english():
    assert all(c.ar and c.en for c in data.CATEGORIES)
    assert all(ar and en for _region, ar, en in data.CITIES.values())
    assert all(set(h.title) == set(h.intro) == {"fr", "ar", "en"} for h in data.HALLS)
    assert all(f.ar and f.en for f in data.FAIRS)
    assert all(set(d["venue"]) == {"fr", "ar", "en"} and set(d["description"]) == {"ar", "en"}
               for d in (data.FAIR_DETAILS[f.slug] for f in data.FAIRS))
    assert all(all(data.PICKUP_NAMES[p.slug]) and all(data.OPENING_HOURS[p.opening_hours]) for p in data.PICKUP_POINTS)
    assert all(all(data.GROUP_NAMES[g.slug]) and set(g.description_i18n) == {"ar", "en"} for g in data.GROUPS)
    stands = data.SUPPLIERS + data.APPLICANTS
    assert all(s.story_ar and s.story_en and all(data.CRAFTS[s.craft]) and s.city in data.CITIES for s in stands)


def test_the_curated_catalogue_reads_like_a_shop():
    seeds = [goods.product(i) for i in range(len(goods.offers()))]
    assert 300 <= len(seeds) <= 400
    titles = [(s.supplier.slug, s.title[0]) for s in seeds]
    assert len(titles) == len(set(titles))  # no title twice in a stand
    assert all(all(s.title) and all(s.description) for s in seeds)  # French, Arabic and English everywhere
    assert all(look in photos.LOOKS for s in seeds for look in s.looks)
    by_title = {(s.supplier.slug, s.title[2]): s for s in seeds}
    honey = [by_title[k] for k in by_title if k[0] == "mohamed-taroudant-safran" and k[1].startswith("Thyme honey")]
    assert sorted(s.price_mad for s in honey) == [s.price_mad for s in sorted(honey, key=lambda s: s.title[2])]
    assert {s.looks[0] for s in seeds if s.title[0].startswith("Safran")} == {"safran"}
    assert {s.looks[0] for s in seeds if s.title[0].startswith("Dattes")} == {"dattes"}
    assert all(s.stock <= 1 for s in seeds if s.title[0].startswith(("Tapis Beni", "Tapis Azilal")))  # one of a kind
    assert len({s.category for s in seeds[:9]}) == 9  # a small demo already fills every hall
    later = goods.product(len(seeds))
    assert later.title[0] != seeds[0].title[0] and later.supplier == seeds[0].supplier


def test_a_large_load_rebuilds_the_search_index_once_and_search_still_works(app_ctx, monkeypatch):
    monkeypatch.setattr(products, "REINDEX_FROM", 10)  # what 2 000 products would do, at test size
    seed_demo(25, today=TODAY, **SMALL)
    db.session.commit()
    connection = db.session.connection()
    title = db.session.scalar(select(Product.title).order_by(Product.id.desc()).limit(1))
    assert db.session.scalar(select(Product.id).order_by(Product.id.desc()).limit(1)) in search.matching_ids(
        connection, title)
    arabic = db.session.scalar(select(ProductTranslation.title).where(ProductTranslation.locale == "ar"))
    assert search.matching_ids(connection, arabic.split()[0])


def test_a_demo_without_products_is_filled_by_a_later_run(app_ctx):
    empty = seed_demo(0, today=TODAY, **SMALL)
    db.session.commit()
    assert empty.products_after == 0 and count(Supplier) >= 40 and count(HallProduct) == 0

    seed_demo(30, today=TODAY, **SMALL)
    db.session.commit()
    assert count(Product) == 30
    assert all(hall.entries for hall in db.session.scalars(select(Hall)))
