# Shared settings of the scripts (sourced). Two database logins (docs/adr/0021-two-database-logins.md):
# - the owner, EPLAN_DB_USER (default eplan): owns the schemas, runs the migrations, creates the test databases
#   (CREATEDB), takes and restores backups. Its password is EPLAN_DB_PASSWORD, else .run/db-password (ignored by
#   git), generated at the first run; scripts/ensure-deps then makes every checkout on the machine agree on one
#   password, kept beside the PostgreSQL cluster. No secret lives in the repository, and there is no default.
# - the application's, EPLAN_DB_APP_USER (default eplan_app): reads and writes rows, nothing more. Its password is
#   EPLAN_DB_APP_PASSWORD, else derived from the owner's (the first 32 hex digits of the SHA-256 of
#   "eplan-app-login:" and the owner's password), so that checkouts sharing one password file agree on both, and
#   knowing the application's password tells nothing of the owner's.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$root/.run"
# where each password came from: env (given: ensure-deps never sets a login's password to it unasked), file
# (.run/db-password, which ensure-deps may replace by the machine's) or derived; inherited by the scripts' children
if [ -z "${EPLAN_DB_PASSWORD:-}" ] || [ "${EPLAN_DB_OWNER_CREDENTIAL_SOURCE:-}" = file ]; then
  EPLAN_DB_OWNER_CREDENTIAL_SOURCE=file
  if [ ! -s "$root/.run/db-password" ]; then
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$root/.run/db-password"
    chmod 600 "$root/.run/db-password"
  fi
  EPLAN_DB_PASSWORD="$(cat "$root/.run/db-password")"
else
  EPLAN_DB_OWNER_CREDENTIAL_SOURCE="${EPLAN_DB_OWNER_CREDENTIAL_SOURCE:-env}"
fi
if [ -z "${EPLAN_DB_APP_PASSWORD:-}" ] || [ "${EPLAN_DB_APP_CREDENTIAL_SOURCE:-}" = derived ]; then
  EPLAN_DB_APP_CREDENTIAL_SOURCE=derived
  EPLAN_DB_APP_PASSWORD="$(printf 'eplan-app-login:%s' "$EPLAN_DB_PASSWORD" | sha256sum | cut -c1-32)"
else
  EPLAN_DB_APP_CREDENTIAL_SOURCE="${EPLAN_DB_APP_CREDENTIAL_SOURCE:-env}"
fi
export EPLAN_DB_OWNER_CREDENTIAL_SOURCE EPLAN_DB_APP_CREDENTIAL_SOURCE
export EPLAN_DB_USER="${EPLAN_DB_USER:-eplan}"
export EPLAN_DB_APP_USER="${EPLAN_DB_APP_USER:-eplan_app}"
export EPLAN_DB_HOST="${EPLAN_DB_HOST:-127.0.0.1}" EPLAN_DB_PORT="${EPLAN_DB_PORT:-5432}"
export EPLAN_DB_PASSWORD EPLAN_DB_APP_PASSWORD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# owner_connection_string DB, app_connection_string DB: the two logins to database DB, as Npgsql reads them
owner_connection_string() {
  printf 'Host=%s;Port=%s;Database=%s;Username=%s;Password=%s' "$EPLAN_DB_HOST" "$EPLAN_DB_PORT" "$1" \
    "$EPLAN_DB_USER" "$EPLAN_DB_PASSWORD"
}
app_connection_string() {
  printf 'Host=%s;Port=%s;Database=%s;Username=%s;Password=%s' "$EPLAN_DB_HOST" "$EPLAN_DB_PORT" "$1" \
    "$EPLAN_DB_APP_USER" "$EPLAN_DB_APP_PASSWORD"
}
