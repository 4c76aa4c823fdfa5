#!/usr/bin/env sh
# The README's curl session against a running server: register, log in, call /auth/me, refresh,
# log out, and see the old access token refused with token_revoked.
#
#   java -jar auth-server/target/auth-server.jar serve &     # in another terminal
#   sh auth-server/quickstart.sh                              # BASE=http://host:port to change
#
# Needs only curl and sed. Exits non-zero at the first step that does not answer as expected.
set -eu

BASE="${BASE:-http://localhost:8080}"
EMAIL="${EMAIL:-alice+$(date +%s)@example.com}"
PASSWORD="${PASSWORD:-correct horse battery staple}"
JSON='Content-Type: application/json'

# step NAME EXPECTED_STATUS curl-arguments...: prints the answer, fails on another status.
step() {
  name=$1
  expected=$2
  shift 2
  printf '\n== %s\n' "$name"
  body=$(curl -sS -w '\n%{http_code}' "$@")
  status=$(printf '%s' "$body" | tail -n 1)
  body=$(printf '%s' "$body" | sed '$d')
  printf 'HTTP %s %s\n' "$status" "$body"
  if [ "$status" != "$expected" ]; then
    printf 'expected HTTP %s\n' "$expected" >&2
    exit 1
  fi
}

field() { # field NAME: a string field of the last answer
  printf '%s' "$body" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"
}

step "register $EMAIL" 201 -X POST "$BASE/auth/register" -H "$JSON" \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"name\":\"Alice\"}"

step "login" 200 -X POST "$BASE/auth/login" -H "$JSON" \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}"
access=$(field access_token)
refresh=$(field refresh_token)

step "me" 200 "$BASE/auth/me" -H "Authorization: Bearer $access"

step "refresh" 200 -X POST "$BASE/auth/refresh" -H "$JSON" \
  -d "{\"refresh_token\":\"$refresh\"}"
old_access=$access
access=$(field access_token)

step "me with the new access token" 200 "$BASE/auth/me" -H "Authorization: Bearer $access"

step "logout" 204 -X POST "$BASE/auth/logout" -H "Authorization: Bearer $access"

step "me with the logged-out access token" 401 "$BASE/auth/me" -H "Authorization: Bearer $access"
[ "$(field code)" = "token_revoked" ] || { echo "expected token_revoked" >&2; exit 1; }

step "me with the access token from before the refresh" 401 "$BASE/auth/me" \
  -H "Authorization: Bearer $old_access"
[ "$(field code)" = "token_revoked" ] || { echo "expected token_revoked" >&2; exit 1; }

step "log in again" 200 -X POST "$BASE/auth/login" -H "$JSON" \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}"

printf '\nOK: registered, logged in, refreshed, logged out; old tokens are refused (token_revoked).\n'
