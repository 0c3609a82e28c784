"""Users and roles: search, role changes (never removing the last admin), deactivation ending sessions."""
import pytest
from sqlalchemy import select

from app.accounts.models import Role, User
from app.audit.models import AuditEntry
from app.extensions import db
from tests.factories import make_user
from tests.helpers import log_in_new_user, login_as


@pytest.fixture
def admin(app, client):
    return log_in_new_user(app, client, Role.ADMIN, email="admin@example.ma", name="Admin One")


def make(app, role=Role.SHOPPER, **kw):
    with app.app_context():
        user = make_user(role, **kw)
        db.session.commit()
        return user.id


def user(app, user_id):
    with app.app_context():
        found = db.session.get(User, user_id)
        db.session.expunge(found)
        return found


@pytest.mark.parametrize("role", [None, Role.SHOPPER, Role.BENEFICIARY, Role.MODERATOR, Role.OVERSIGHT])
def test_user_management_is_for_admins_only(app, client, role):
    target = make(app)
    if role:
        login_as(client, user(app, make(app, role)))
    expected = 302 if role is None else 403
    assert client.get("/admin/users").status_code == expected
    assert client.post(f"/admin/users/{target}/role", data={"role": "admin"}).status_code == expected
    assert client.post(f"/admin/users/{target}/deactivate").status_code == expected
    assert user(app, target).role == Role.SHOPPER and user(app, target).active


def test_search_by_email_or_name(app, client, admin):
    make(app, email="fatima@example.ma", name="Fatima Zahra")
    make(app, email="omar@example.ma", name="Omar")
    page = client.get("/admin/users?q=zahra").get_data(as_text=True)
    assert "fatima@example.ma" in page and "omar@example.ma" not in page
    page = client.get("/admin/users?role=admin").get_data(as_text=True)
    assert "admin@example.ma" in page and "fatima@example.ma" not in page


def test_admin_changes_a_role_and_it_is_audited(app, client, admin):
    target = make(app)
    response = client.post(f"/admin/users/{target}/role", data={"role": "moderator"})
    assert response.status_code == 303
    assert user(app, target).role == Role.MODERATOR
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.role_changed"))
        assert (entry.actor_id, entry.object_id, entry.details) == (admin, target,
                                                                    {"previous": "shopper", "new": "moderator"})


def test_unknown_role_is_refused(app, client, admin):
    target = make(app)
    client.post(f"/admin/users/{target}/role", data={"role": "superuser"})
    assert user(app, target).role == Role.SHOPPER


def test_last_admin_cannot_be_demoted(app, client, admin):
    response = client.post(f"/admin/users/{admin}/role", data={"role": "shopper"})
    assert response.status_code == 409
    assert "last active administrator" in response.get_data(as_text=True)
    assert user(app, admin).role == Role.ADMIN


def test_an_admin_can_step_down_when_another_admin_remains(app, client, admin):
    make(app, Role.ADMIN)
    assert client.post(f"/admin/users/{admin}/role", data={"role": "moderator"}).status_code == 303
    assert user(app, admin).role == Role.MODERATOR


def test_deactivated_admins_do_not_count_as_remaining_admins(app, client, admin):
    make(app, Role.ADMIN, active=False)
    assert client.post(f"/admin/users/{admin}/role", data={"role": "shopper"}).status_code == 409


def test_deactivation_logs_the_user_out_everywhere(app, client, admin):
    target = make(app, Role.MODERATOR)
    victim_client = app.test_client()
    login_as(victim_client, user(app, target))
    assert victim_client.get("/admin/dashboard").status_code == 200
    assert client.post(f"/admin/users/{target}/deactivate").status_code == 303
    assert not user(app, target).active
    assert victim_client.get("/admin/dashboard").status_code == 302  # session no longer valid
    with app.app_context():
        assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.object_id == target)) == \
            "account.deactivate"


def test_reactivation(app, client, admin):
    target = make(app, active=False)
    assert client.post(f"/admin/users/{target}/reactivate").status_code == 303
    assert user(app, target).active


def test_admin_cannot_deactivate_themselves(app, client, admin):
    make(app, Role.ADMIN)
    assert client.post(f"/admin/users/{admin}/deactivate").status_code == 409
    assert user(app, admin).active


def test_last_admin_cannot_be_deactivated_by_anyone(app_ctx):
    from app.accounts.roles import LastAdmin, set_active

    only = make_user(Role.ADMIN)
    with pytest.raises(LastAdmin):
        set_active(only.id, False, actor_id=None)


def test_forged_back_query_cannot_break_the_redirect(app, client, admin):
    target = make(app)
    response = client.post(f"/admin/users/{target}/deactivate",
                           data={"back_query": "q=a\r\nSet-Cookie: x=1&role=admin&next=//evil.example"})
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/admin/users?")
    assert "\n" not in response.headers["Location"] and "evil" not in response.headers["Location"]
    assert "role=admin" in response.headers["Location"]


def test_the_list_filters_survive_an_action(app, client, admin):
    target = make(app)
    response = client.post(f"/admin/users/{target}/deactivate", data={"back_query": "q=fatima&page=2"})
    assert response.headers["Location"] == "/admin/users?q=fatima&page=2"


def test_each_action_says_what_it_did(app, client, admin):
    target = make(app, email="omar@example.ma")
    page = client.post(f"/admin/users/{target}/deactivate", follow_redirects=True).get_data(as_text=True)
    assert "omar@example.ma is deactivated and logged out everywhere." in page
    page = client.post(f"/admin/users/{target}/reactivate", follow_redirects=True).get_data(as_text=True)
    assert "omar@example.ma can log in again." in page
    page = client.post(f"/admin/users/{target}/role", data={"role": "oversight"}, follow_redirects=True)
    assert "omar@example.ma is now: Oversight (read only)." in page.get_data(as_text=True)
