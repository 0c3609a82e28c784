"""Flask commands of this domain (registered by app.cli)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from app import jobs
from app.extensions import db
from app.media import storage
from app.media.models import Image, ImageState
from app.media.services import render_stored


@click.command("reprocess-images")
@click.option("--only-unready", is_flag=True, help="Only photos still processing or failed.")
@with_appcontext
def reprocess_images(only_unready: bool) -> None:
    """Re-render every photo from its private original (e.g. after a change of renditions)."""
    query = select(Image.id).order_by(Image.id)
    if only_unready:
        query = query.where(Image.state != ImageState.READY)
    ids = list(db.session.scalars(query))
    failed = 0
    with click.progressbar(ids, label="Rendering photos", show_pos=True) as bar:
        for image_id in bar:
            image = db.session.get(Image, image_id)
            render_stored(image)
            failed += image.state == ImageState.FAILED
            jobs.commit()  # one photo per transaction: an interrupted run keeps its progress
            db.session.expunge_all()
    click.echo(f"{len(ids) - failed} photo(s) rendered, {failed} failed.")




@click.command("media-migrate")
@click.option("--from", "source", type=click.Choice(["file", "s3"]), required=True, help="Backend to copy from.")
@click.option("--to", "target", type=click.Choice(["file", "s3"]), required=True, help="Backend to copy to.")
@with_appcontext
def media_migrate(source: str, target: str) -> None:
    """Copy every rendition and original from one storage backend to the other (idempotent).

    Then set MEDIA_STORAGE to the target. Files already there are left alone (same name, same bytes).
    """
    if source == target:
        raise click.ClickException("--from and --to must differ.")
    copied = skipped = 0
    for which in ("public", "private"):
        origin, destination = storage.store_for(source, which), storage.store_for(target, which)
        present = set(destination.names())
        for key in origin.names():
            if key in present:
                skipped += 1
                continue
            destination.write(key, origin.read(key))
            copied += 1
    click.echo(f"{copied} file(s) copied, {skipped} already there.")


commands: list = [reprocess_images, media_migrate]
