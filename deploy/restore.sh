#!/usr/bin/env bash
# Restore a folder made by deploy/backup.sh: deploy/restore.sh BACKUP_DIR
# Stop the app servers, workers and scheduler first; the target database must exist (empty or not:
# PostgreSQL objects are dropped and re-created, a SQLite file is replaced).
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:?usage: deploy/restore.sh BACKUP_DIR}"
url="${DATABASE_URL:-sqlite:///$PWD/instance/souk.db}"
case "$url" in
  postgresql*)
    pg_restore --clean --if-exists --no-owner --dbname="${url/+psycopg/}" "$src/database.pgdump" ;;
  sqlite:///*)
    sqlite3 "${url#sqlite:///}" ".restore '$src/database.sqlite'" ;;
  *) echo "unsupported DATABASE_URL: $url" >&2; exit 1 ;;
esac
if [ "${MEDIA_STORAGE:-file}" = "s3" ]; then
  MEDIA_ROOT="$src/media" PRIVATE_ROOT="$src/private" .venv/bin/flask --app wsgi media-migrate --from file --to s3
else
  mkdir -p "${MEDIA_ROOT:-$PWD/media}" "${PRIVATE_ROOT:-$PWD/instance/private}"
  tar -xzf "$src/media.tar.gz" -C "${MEDIA_ROOT:-$PWD/media}"
  tar -xzf "$src/private.tar.gz" -C "${PRIVATE_ROOT:-$PWD/instance/private}"
fi
echo "restored from $src"
