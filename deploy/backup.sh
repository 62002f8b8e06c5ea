#!/usr/bin/env bash
# A compressed dump of the database to BACKUP_DIR (default /var/backups/unknot), keeping the
# last KEEP_DAYS days (default 14). Restore one with:
#   pg_restore --clean --if-exists --no-owner --dbname unknot /var/backups/unknot/unknot-YYYYMMDD-HHMMSS.dump
set -euo pipefail
DIR=${BACKUP_DIR:-/var/backups/unknot}
DATABASE=${UNKNOT_DATABASE:-unknot}
KEEP_DAYS=${KEEP_DAYS:-14}
mkdir -p "$DIR"
file="$DIR/unknot-$(date -u +%Y%m%d-%H%M%S).dump"
pg_dump --format=custom --file="$file.partial" "$DATABASE"
mv "$file.partial" "$file"
find "$DIR" -name 'unknot-*.dump' -mtime "+$KEEP_DAYS" -delete
echo "$file"
