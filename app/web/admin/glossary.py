"""The search glossary, kept by staff: one entry per craft or product, every spelling a line."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.catalog import glossary
from app.web.admin import bp
from app.web.admin.forms import save_or_explain
from app.web.guards import admin_required
from app.web.unit_of_work import unit_of_work


class GlossaryForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=80)])
    spellings = TextAreaField(
        _l("Spellings, one a line"), validators=[DataRequired(), Length(max=4000)],
        description=_l("French, Arabic, English and the Latin spellings shoppers type (zarbiya, l3sel …). "
                       "A search for any of them finds products written with another."))


@bp.get("/glossary")
@admin_required
def glossary_list():
    """Every entry of the glossary, with its spellings."""
    return render_template("admin/glossary/list.html", entries=glossary.entries())


@bp.route("/glossary/new", methods=["GET", "POST"])
@bp.route("/glossary/<int:entry_id>", methods=["GET", "POST"])
@admin_required
def glossary_edit(entry_id: int | None = None):
    """Create or edit an entry; a wrong form comes back explained (422)."""
    entry = glossary.entry_by_id(entry_id) if entry_id else None
    form = GlossaryForm(obj=entry)
    if request.method == "POST":
        saved = save_or_explain(form, lambda: glossary.save_entry(
            entry_id, name=form.name.data, spellings=form.spellings.data, actor_id=current_user.id))
        if saved is not None:
            return redirect(url_for("admin.glossary_list"), 303)
    status = 422 if request.method == "POST" else 200
    return render_template("admin/glossary/edit.html", form=form, entry=entry), status


@bp.post("/glossary/<int:entry_id>/delete")
@admin_required
def glossary_delete(entry_id: int):
    with unit_of_work() as work:
        glossary.delete_entry(entry_id, actor_id=current_user.id)
    if not work.flash_error():
        flash(_("Deleted."))
    return redirect(url_for("admin.glossary_list"), 303)
