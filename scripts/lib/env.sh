# Shared settings of scripts/run and scripts/test (sourced). A local database password is generated once per
# checkout into .run/db-password (ignored by git): no secret lives in the repository.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$root/.run"
if [ -z "${EPLAN_DB_PASSWORD:-}" ]; then
  if [ ! -s "$root/.run/db-password" ]; then
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$root/.run/db-password"
    chmod 600 "$root/.run/db-password"
  fi
  EPLAN_DB_PASSWORD="$(cat "$root/.run/db-password")"
fi
export EPLAN_DB_USER="${EPLAN_DB_USER:-eplan}"
export EPLAN_DB_PASSWORD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
connection_string() { printf 'Host=127.0.0.1;Port=5432;Database=%s;Username=%s;Password=%s' "$1" "$EPLAN_DB_USER" "$EPLAN_DB_PASSWORD"; }
