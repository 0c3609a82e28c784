#!/usr/bin/env bash
# Back up the database and the photos into one dated folder: deploy/backup.sh DEST_DIR
# Reads the same environment as the app (DATABASE_URL, MEDIA_STORAGE, MEDIA_ROOT, PRIVATE_ROOT, S3_*).
# PostgreSQL: pg_dump in custom format (restore with deploy/restore.sh, i.e. pg_restore).
# SQLite (the default): sqlite3's online backup, safe while the shop is running.
# Photos: the two folders, or with MEDIA_STORAGE=s3 both buckets copied to folders (flask media-migrate).
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:?usage: deploy/backup.sh DEST_DIR}/souk-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$dest"
url="${DATABASE_URL:-sqlite:///$PWD/instance/souk.db}"
case "$url" in
  postgresql*)
    pg_dump --format=custom --no-owner --file="$dest/database.pgdump" "${url/+psycopg/}" ;;
  sqlite:///*)
    sqlite3 "${url#sqlite:///}" ".backup '$dest/database.sqlite'" ;;
  *) echo "unsupported DATABASE_URL: $url" >&2; exit 1 ;;
esac
if [ "${MEDIA_STORAGE:-file}" = "s3" ]; then
  MEDIA_ROOT="$dest/media" PRIVATE_ROOT="$dest/private" .venv/bin/flask --app wsgi media-migrate --from s3 --to file
else
  tar -czf "$dest/media.tar.gz" -C "${MEDIA_ROOT:-$PWD/media}" .
  tar -czf "$dest/private.tar.gz" -C "${PRIVATE_ROOT:-$PWD/instance/private}" .
fi
echo "$dest"
