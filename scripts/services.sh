#!/usr/bin/env bash
# Best effort: start the local PostgreSQL and Redis servers if they are installed
# but not running. Tests that need them skip on a machine without them (and fail
# under CI=true, where they must run).
source "$(dirname "$0")/lib.sh"
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! up 5432 && command -v pg_ctlcluster >/dev/null 2>&1; then
  say "Khởi động PostgreSQL — starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
if ! up 6379 && command -v redis-server >/dev/null 2>&1; then
  say "Khởi động Redis — starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
fi
