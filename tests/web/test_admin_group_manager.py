"""A group manager edits their own groupement (storefront, commission within the cap, table, members), no other."""
import pytest

from app.accounts.models import Role
from app.extensions import db
from app.suppliers.models import Group
from tests.factories import make_group, make_supplier, make_user
from tests.helpers import login_as


@pytest.fixture
def setup(app, client):
    with app.app_context():
        manager = make_user(Role.GROUP_MANAGER)
        mine = make_group(name="Coopérative Tiwizi", commission_bp=1000, manager_id=manager.id)
        other = make_group(name="Autre groupement", commission_bp=500, manager_id=make_user(Role.GROUP_MANAGER).id)
        member = make_supplier()
        db.session.commit()
        login_as(client, manager)
        return {"mine": mine.id, "other": other.id, "member": member.id}


def form(**extra):
    return {"name": "Coopérative Tiwizi", "city": "Agadir", "commission": "15", "description": "Nous tissons.",
            "funders": "Fondation X; funder", **extra}


def group(app, group_id):
    with app.app_context():
        found = db.session.get(Group, group_id)
        return found.name, found.commission_bp, found.manager_id, sorted(s.id for s in found.members)


def test_manager_lands_on_their_group_and_saves_it(app, client, setup):
    assert client.get("/admin/group").headers["Location"].endswith(f"/admin/group/{setup['mine']}")
    page = client.get(f"/admin/group/{setup['mine']}").get_data(as_text=True)
    assert "Coopérative Tiwizi" in page and 'name="manager_id"' not in page
    response = client.post(f"/admin/group/{setup['mine']}", data=form(members=[setup["member"]]))
    assert response.status_code == 303
    name, bp, manager, members = group(app, setup["mine"])
    assert bp == 1500 and members == [setup["member"]] and manager is not None


def test_commission_above_the_cap_is_refused(app, client, setup):
    response = client.post(f"/admin/group/{setup['mine']}", data=form(commission="21"))
    assert response.status_code == 422 and "platform cap" in response.get_data(as_text=True)
    assert group(app, setup["mine"])[1] == 1000


def test_another_groups_page_is_not_found(app, client, setup):
    assert client.get(f"/admin/group/{setup['other']}").status_code == 404
    assert client.post(f"/admin/group/{setup['other']}", data=form(name="Pris")).status_code == 404
    assert group(app, setup["other"])[0] == "Autre groupement"


@pytest.mark.parametrize("role", [Role.SHOPPER, Role.BENEFICIARY, Role.MODERATOR, Role.OVERSIGHT])
def test_other_roles_cannot_use_the_manager_page(app, client, setup, role):
    with app.app_context():
        login_as(client, make_user(role))
        db.session.commit()
    assert client.get("/admin/group").status_code == 403
    assert client.post(f"/admin/group/{setup['mine']}", data=form()).status_code == 403


def test_manager_without_group_is_told_so(app, client):
    with app.app_context():
        login_as(client, make_user(Role.GROUP_MANAGER))
        db.session.commit()
    assert "No groupement is assigned to you yet" in client.get("/admin/group").get_data(as_text=True)


def test_manager_cannot_take_a_member_of_another_group(app, client, setup):
    with app.app_context():
        theirs = make_supplier(group_id=setup["other"]).id
        db.session.commit()
    page = client.get(f"/admin/group/{setup['mine']}").get_data(as_text=True)
    assert f'value="{theirs}"' not in page and f'value="{setup["member"]}"' in page
    response = client.post(f"/admin/group/{setup['mine']}", data=form(members=[theirs]))
    assert response.status_code == 422
    assert group(app, setup["other"])[3] == [theirs]


def test_service_refuses_the_transfer_even_without_the_form(app_ctx):
    from app.errors import Invalid
    from app.exhibition import services

    mine, other = make_group(), make_group()
    theirs = make_supplier(group_id=other.id)
    with pytest.raises(Invalid):
        services.save_group(mine.id, services.GroupInput("Mine", "", "", 500, None, member_ids=[theirs.id]),
                            actor_id=None, may_take_members=False)
