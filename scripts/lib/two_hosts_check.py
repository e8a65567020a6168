#!/usr/bin/env python3
"""The checks of scripts/two-hosts: two instances (a, b) of E-PlanNACC behind nginx, on one database.

Prints one line per check (PASS or FAIL and what was seen) and exits 1 when any failed. Reads its addresses and
passwords from the environment scripts/two-hosts sets.
"""
import datetime
import html
import http.cookiejar
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

NGINX = os.environ["TWO_HOSTS_NGINX"]
A = os.environ["TWO_HOSTS_A"]
B = os.environ["TWO_HOSTS_B"]
DB = os.environ["TWO_HOSTS_DB"]
SECRETS = {"admin": os.environ["TWO_HOSTS_ADMIN_PASSWORD"], "prov90": os.environ["TWO_HOSTS_PROVINCIAL_PASSWORD"]}
failures = []


def report(ok, name, seen):
    print(f"[two-hosts] {'PASS' if ok else 'FAIL'} {name}: {seen}", flush=True)
    if not ok:
        failures.append(name)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener(cookies=None):
    handlers = [NoRedirect()]
    if cookies is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(cookies))
    return urllib.request.build_opener(*handlers)


def send(client, method, url, body=None, headers=None, form=None):
    """(status, headers, body bytes) of one request; an HTTP error is an answer like any other."""
    data = None
    headers = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with client.open(request, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def sql(statement):
    return subprocess.run(
        ["psql", "-h", os.environ.get("EPLAN_DB_HOST", "127.0.0.1"), "-p", os.environ.get("EPLAN_DB_PORT", "5432"),
         "-U", os.environ.get("EPLAN_DB_USER", "eplan"), "-d", DB, "-tAXq", "-c", statement],
        check=True, capture_output=True, text=True).stdout.strip()


def current_fiscal_year():
    today = datetime.date.today()
    return today.year + 543 + (1 if today.month >= 10 else 0)


def api_and_instances():
    client = opener()
    status, headers, body = send(client, "POST", NGINX + "/api/v1/auth/token",
                                 {"username": "admin", "password": SECRETS["admin"]})
    report(status == 200, "sign in through nginx", f"{status} from instance {headers.get('X-Instance')}")
    if status != 200:
        return None
    token = json.loads(body)["accessToken"]
    auth = {"Authorization": "Bearer " + token}
    answers = [send(client, "GET", NGINX + "/api/v1/admin/audit", headers=auth) for _ in range(6)]
    instances = sorted({h.get("X-Instance") for _, h, _ in answers})
    statuses = [s for s, _, _ in answers]
    report(all(s == 200 for s in statuses) and instances == ["a", "b"],
           "the token acts on both instances through nginx", f"statuses {statuses}, instances {instances}")
    return auth


def pages_and_sign_out():
    cookies = http.cookiejar.CookieJar()
    browser = opener(cookies)
    status, _, page = send(browser, "GET", NGINX + "/login")
    token = html.unescape(re.search(rb'name="__RequestVerificationToken" type="hidden" value="([^"]+)"',
                                    page).group(1).decode())
    status, headers, _ = send(browser, "POST", NGINX + "/login", form={
        "Input.Username": "prov90", "Input.Password": SECRETS["prov90"], "__RequestVerificationToken": token})
    report(status == 302, "the login page signs in through nginx (its form from one instance, maybe posted to the "
           "other)", f"{status} from {headers.get('X-Instance')}")
    cookie = "; ".join(f"{c.name}={c.value}" for c in cookies if c.name.startswith("eplan.auth"))
    copy = opener()
    seen = {}
    for base in (A, B):
        status, headers, _ = send(copy, "GET", base + "/staff", headers={"Cookie": cookie})
        seen[headers.get("X-Instance")] = status
    report(seen == {"a": 200, "b": 200}, "the page session is good on both instances", seen)
    status, _, page = send(browser, "GET", NGINX + "/logout")
    token = html.unescape(re.search(rb'name="__RequestVerificationToken" type="hidden" value="([^"]+)"',
                                    page).group(1).decode())
    status, headers, _ = send(browser, "POST", NGINX + "/logout", form={"__RequestVerificationToken": token})
    report(status == 302, "sign out through nginx", f"{status} from {headers.get('X-Instance')}")
    deadline = time.monotonic() + 2
    while True:
        refused = {}
        for base in (A, B):
            status, headers, _ = send(copy, "GET", base + "/staff", headers={"Cookie": cookie})
            location = urllib.parse.urlparse(headers.get("Location") or "").path
            refused[headers.get("X-Instance")] = status == 302 and location == "/login"
        if all(refused.values()) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    report(all(refused.values()), "a copy of the signed-out cookie is refused by both instances within 2 s", refused)


def shared_limit():
    client = opener()
    address = "198.51.100.%d" % (int(time.time()) % 200 + 20)
    statuses = []
    for _ in range(6):
        status, headers, _ = send(client, "POST", NGINX + "/api/v1/auth/forgot-password",
                                  {"email": "nobody@example.org"}, headers={"X-Forwarded-For": address})
        statuses.append((status, headers.get("X-Instance")))
    codes = [s for s, _ in statuses]
    report(codes == [202] * 5 + [429] and len({i for _, i in statuses}) == 2,
           "the password-reset limit (5) counts the tries of both instances together", statuses)


def recurring_once():
    servers = int(sql("SELECT count(*) FROM hangfire.server WHERE lastheartbeat > now() - interval '1 minute'"))
    before = sql("SELECT coalesce(max(id), 0) FROM hangfire.job")
    job = "reporting-expired-report-files"
    # the daily job falls due: made and last run three days earlier (an occurrence was missed, which runs once), its
    # next run two days earlier, in the past (it was at most a day ahead)
    changed = sql(f"""
        WITH c AS (UPDATE hangfire.hash SET value = (value::bigint - 259200000)::text
                   WHERE key = 'recurring-job:{job}' AND field IN ('CreatedAt', 'LastExecution') RETURNING 1),
             n AS (UPDATE hangfire.hash SET value = (value::bigint - 172800000)::text
                   WHERE key = 'recurring-job:{job}' AND field = 'NextExecution' RETURNING 1),
             s AS (UPDATE hangfire.set SET score = score - 172800
                   WHERE key = 'recurring-jobs' AND value = '{job}' RETURNING 1)
        SELECT (SELECT count(*) FROM c) + (SELECT count(*) FROM n) + (SELECT count(*) FROM s)""")
    count = f"""SELECT count(*) FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id
                WHERE p.name = 'RecurringJobId' AND p.value = '"{job}"' AND j.id > {before}"""
    deadline = time.monotonic() + 90
    while int(sql(count)) == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # both schedulers poll every second or so: the other had its chances
    runs = int(sql(count))
    report(servers >= 2 and changed in ("3", "4") and runs == 1,
           "a recurring job that falls due runs once with two job servers", f"{servers} servers, {runs} run(s)")


def batch_spreads(auth):
    client = opener()
    year = current_fiscal_year()
    status, headers, body = send(client, "POST", NGINX + "/api/v1/admin/report-batches",
                                 {"kind": "status", "fiscalYear": year, "round": 6, "provinceCode": "83"},
                                 headers=auth)
    if status != 202:
        report(False, "a bulk batch starts", f"{status} {body[:300]!r}")
        return
    batch = json.loads(body)["id"]
    deadline = time.monotonic() + 600
    while True:
        status, _, body = send(client, "GET", f"{NGINX}/api/v1/admin/report-batches/{batch}", headers=auth)
        answer = json.loads(body) if status == 200 else {"status": f"http {status}"}
        if answer["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            break
        time.sleep(1)
    report(answer["status"] == "succeeded" and answer["failed"] == 0, "the bulk batch of Phuket's LAOs succeeds",
           f"{answer['status']}, {answer.get('done')}/{answer.get('total')} files, {answer.get('failed')} failed")
    processes = sql(f"""SELECT string_agg(DISTINCT split_part(s.data::jsonb ->> 'ServerId', ':', 2), ',')
                        FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id
                        WHERE s.name = 'Processing' AND j.arguments::text LIKE '%{batch}%'""")
    runs = int(sql(f"SELECT count(*) FROM hangfire.job WHERE arguments::text LIKE '%{batch}%'"))
    report(len(processes.split(",")) >= 2, "the batch's runs were taken by both instances' workers",
           f"{runs} runs by the processes {processes}")
    items = sql(f"SELECT count(*) || '/' || count(*) FILTER (WHERE state = 'done' AND attempts = 1) "
                f"FROM reporting.report_batch_items WHERE batch_id = '{batch}'")
    zips = {}
    for base in (A, B):
        status, headers, content = send(client, "GET", f"{base}/api/v1/admin/report-batches/{batch}/download",
                                        headers=auth)
        zips[headers.get("X-Instance")] = content if status == 200 else None
    entries = []
    if zips.get("a"):
        entries = [n for n in zipfile.ZipFile(io.BytesIO(zips["a"])).namelist() if n.endswith(".pdf")]
    total, once = items.split("/")
    report(total == once and len(entries) == int(total) and len(set(entries)) == len(entries),
           "each file printed once, and once in the zip", f"{once} of {total} items printed at the first try, "
           f"{len(entries)} PDFs in the zip, {len(set(entries))} distinct")
    report(zips.get("a") is not None and zips.get("a") == zips.get("b"),
           "the zip downloads alike from either instance (one shared folder)",
           {k: (len(v) if v else None) for k, v in zips.items()})


def main():
    auth = api_and_instances()
    pages_and_sign_out()
    shared_limit()
    recurring_once()
    if auth:
        batch_spreads(auth)
    print(f"[two-hosts] {'all checks passed' if not failures else str(len(failures)) + ' check(s) failed'}")
    sys.exit(1 if failures else 0)


main()
