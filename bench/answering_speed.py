"""Benchmark: the answering pages under load, beside a Wagtail form page with the same questions.

Run after `make setup` (or `make bench`):

    .venv/bin/python bench/answering_speed.py [--duration 8] [--concurrency 1 10 50]
        [--databases sqlite postgresql] [--no-lighthouse] [--no-write]

In one run, in a temporary folder, it:

- builds the peer: a fresh `wagtail start` project (same Wagtail, same .venv) with one form page
  (wagtail.contrib.forms `AbstractForm`) holding the staff survey's questions (10 radio questions
  and a text box), and a bare Django view returning "ok" (the floor: no apps, no middleware);
- serves ours (config.settings.production, DEBUG off) and the peer (its production settings)
  with gunicorn, 2 workers each, on SQLite and then on PostgreSQL (a database it creates and drops
  at postgres://postgres@127.0.0.1:5432/), ours with Redis (redis://127.0.0.1:6379/5, emptied);
- measures requests/s and p50/p95 with `wrk --latency` at each concurrency for every row (GETs
  and POSTs with their CSRF token and cookie, each POST an answer the site accepts);
- on the first database, the first-visit bytes (gzip of the HTML and of every CSS, JS and image
  it references, as a proxy would serve them) and Lighthouse's mobile performance and
  accessibility scores (npm `lighthouse` installed into the temporary folder);
- writes the "Speed: answering pages" section of docs/performance.md (replacing the last run's).

Needs: wrk, chromium (/usr/bin/chromium), npm, PostgreSQL and Redis on loopback for their legs.
"""

import argparse
import contextlib
import gzip
import html.parser
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The virtualenv that runs this script (make bench: .venv) also runs both sites and the tools.
VENV_BIN = Path(sys.executable).parent
PYTHON = VENV_BIN / "python"
DOC = ROOT / "docs" / "performance.md"
SECTION = "## Speed: answering pages"
PG_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/5"
STAFF_SURVEY = "/surveys/feeling-supported-staff/"
ONE_PAGE = STAFF_SURVEY + "answers/"
QUESTION_SURVEY = "/surveys/your-voice-12-18/"
QUESTION_PAGE = QUESTION_SURVEY + "question/listened-to/"
PEER_FORM = "/staff-survey/"
SESSIONS = 20  # drafts per survey, each with its own session; wrk takes them in turn
LIGHTHOUSE_PATHS = ["/", QUESTION_PAGE, None]  # None: "you said, we did", found by its type
FIRST_VISIT_PATHS = ["/", QUESTION_PAGE, ONE_PAGE, None]


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def run(cmd, *, env=None, cwd=None, check=True, capture=False):
    result = subprocess.run(
        [str(part) for part in cmd],
        env=env,
        cwd=cwd,
        check=False,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if check and result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{result.stderr[-3000:]}")
    return result.stdout if capture else ""


def expect(condition, what) -> None:
    """Stop the run when the site does not answer as a visitor would expect: numbers measured on
    error pages would mean nothing."""
    if not condition:
        raise SystemExit(f"unexpected: {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# HTTP with cookies, for setting up sessions and reading pages.


class Browser:
    def __init__(self, port: int, forwarded_for: str = ""):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.forwarded_for = forwarded_for

    def request(self, method: str, path: str, fields=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        body = urllib.parse.urlencode(fields, doseq=True) if fields is not None else None
        all_headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = self.cookie_header()
        if self.forwarded_for:
            all_headers["X-Forwarded-For"] = self.forwarded_for
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value and "max-age=0" not in value.lower():
                    self.cookies[name.strip()] = cookie_value
                else:
                    self.cookies.pop(name.strip(), None)
        conn.close()
        return response.status, dict(response.getheaders()), content

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


class FormReader(html.parser.HTMLParser):
    """The fields of the page's forms that post to `action` (or the page itself): hidden
    inputs as they are, the first choice of each radio group, text for each text box."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self.radios: dict[str, list[str]] = {}
        self.textareas: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            name = attrs.get("name")
            if not name:
                return
            if kind == "hidden":
                self.fields.setdefault(name, attrs.get("value") or "")
            elif kind in ("radio", "checkbox"):
                self.radios.setdefault(name, []).append(attrs.get("value") or "on")
        elif tag == "textarea" and attrs.get("name"):
            self.textareas.append(attrs["name"])
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag == "link" and "icon" in (attrs.get("rel") or "") and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.assets.append(attrs["src"])

    def answers(self, text: str = "Fine, thank you.") -> dict[str, str]:
        answers = dict(self.fields)
        for name, values in self.radios.items():
            answers[name] = values[0]
        for name in self.textareas:
            answers[name] = text
        return answers


def read_form(content: bytes) -> FormReader:
    reader = FormReader()
    reader.feed(content.decode("utf-8", "replace"))
    return reader


# The peer and the floor.

PEER_MODELS = """
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(AbstractForm):
    intro = models.TextField(blank=True)
    thank_you_text = models.TextField(blank=True)
    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"), InlinePanel("form_fields"), FieldPanel("thank_you_text")
    ]
"""

PEER_FORM_TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}
<h1>{{ page.title }}</h1>
<p>{{ page.intro }}</p>
<form action="{% pageurl page %}" method="post">
{% csrf_token %}
{{ form.as_p }}
<button type="submit">Send</button>
</form>
{% endblock %}
"""

PEER_LANDING_TEMPLATE = """{% extends "base.html" %}
{% block content %}<h1>{{ page.title }}</h1><p>{{ page.thank_you_text }}</p>{% endblock %}
"""

PEER_BUILD = """
from wagtail.models import Page
from forms.models import FormField, FormPage

home = Page.objects.get(depth=2)
questions = json.loads(QUESTIONS)
page = FormPage(title="Staff survey", slug="staff-survey", intro="Feeling supported",
                thank_you_text="Thank you")
home.add_child(instance=page)
for n, (label, choices) in enumerate(questions["radios"]):
    FormField.objects.create(page=page, sort_order=n, label=label, field_type="radio",
                             required=True, choices="\\n".join(choices))
FormField.objects.create(page=page, sort_order=99, label=questions["text"],
                         field_type="multiline", required=False)
page.save_revision().publish()
"""

FLOOR_APP = '''
"""The floor: a bare Django view returning "ok", no apps, no middleware."""
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False, SECRET_KEY="floor", ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__,
    MIDDLEWARE=[], INSTALLED_APPS=[],
)


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
'''


def build_peer(folder: Path, questions: dict) -> Path:
    log("building the peer: wagtail start")
    peer = folder / "peer"
    peer.mkdir()
    run([VENV_BIN / "wagtail", "start", "peer", peer], cwd=folder)
    run([PYTHON, "manage.py", "startapp", "forms"], cwd=peer)
    (peer / "forms" / "models.py").write_text(PEER_MODELS)
    templates = peer / "forms" / "templates" / "forms"
    templates.mkdir(parents=True)
    (templates / "form_page.html").write_text(PEER_FORM_TEMPLATE)
    (templates / "form_page_landing.html").write_text(PEER_LANDING_TEMPLATE)
    base = peer / "peer" / "settings" / "base.py"
    text = base.read_text()
    text = text.replace("INSTALLED_APPS = [\n", 'INSTALLED_APPS = [\n    "forms",\n', 1)
    text += (
        "\nimport dj_database_url, os\n"
        "if os.environ.get('DATABASE_URL'):\n"
        "    DATABASES = {'default': dj_database_url.parse(os.environ['DATABASE_URL'])}\n"
    )
    base.write_text(text)
    (folder / "floor.py").write_text(FLOOR_APP)
    return peer


def peer_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "peer.settings.production",
        "SECRET_KEY": "bench-peer-not-secret",
        "DATABASE_URL": database_url,
        "PYTHONPATH": "",
    }


def prepare_peer(peer: Path, database_url: str, questions: dict) -> None:
    env = peer_env(database_url)
    prod = peer / "peer" / "settings" / "production.py"
    if "ALLOWED_HOSTS" not in prod.read_text():
        prod.write_text(
            prod.read_text() + '\nimport os\nALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
            'SECRET_KEY = os.environ["SECRET_KEY"]\n'
        )
    if not (peer / "forms" / "migrations" / "0001_initial.py").exists():
        run([PYTHON, "manage.py", "makemigrations", "forms"], env=env, cwd=peer)
        run([PYTHON, "manage.py", "collectstatic", "--noinput"], env=env, cwd=peer)
    run([PYTHON, "manage.py", "migrate", "--noinput"], env=env, cwd=peer)
    script = f"import json\nQUESTIONS = {json.dumps(json.dumps(questions))}\n" + PEER_BUILD
    run([PYTHON, "manage.py", "shell", "-c", script], env=env, cwd=peer)


# Our site.


def our_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_URL,
        "SECURE_SSL_REDIRECT": "false",
        # Each simulated visitor comes through a "proxy" with its own address, so the survey's
        # rate limits count visitors, as behind the council's load balancer.
        "TRUSTED_PROXY_COUNT": "1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "ERROR",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }


def prepare_ours(database_url: str) -> None:
    env = our_env(database_url)
    run(["redis-cli", "-u", REDIS_URL, "flushdb"])
    run([PYTHON, "manage.py", "migrate", "--noinput"], env=env, cwd=ROOT)
    run([PYTHON, "manage.py", "setup_site"], env=env, cwd=ROOT)


@contextlib.contextmanager
def gunicorn(app: str, *, cwd: Path, env: dict, workers: int = 2):
    port = free_port()
    # Its messages go to a file (a pipe nobody reads would fill and stop the server).
    errors = Path(tempfile.mkstemp(prefix="gunicorn-", suffix=".log")[1])
    with errors.open("w") as error_file:
        process = subprocess.Popen(
            [
                VENV_BIN / "gunicorn",
                app,
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=error_file,
            start_new_session=True,
        )
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            if process.poll() is not None:
                raise SystemExit(f"gunicorn {app} stopped: {errors.read_text()[-3000:]}")
            time.sleep(0.1)
        yield port
    except BaseException:
        log(f"gunicorn {app} said: {errors.read_text()[-3000:]}")
        raise
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        errors.unlink()


# wrk.

LUA = """
local requests = {REQUESTS}
local counter = 0
request = function()
  counter = counter + 1
  local r = requests[(counter % #requests) + 1]
  local headers = {}
  for k, v in pairs(r.headers) do headers[k] = v end
  headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255),
    math.random(0, 255), math.random(1, 254))
  return wrk.format(r.method, r.path, headers, r.body)
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH p50=%d p95=%d\\n", latency:percentile(50), latency:percentile(95)))
end
"""


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def lua_requests(requests: list[dict]) -> str:
    items = []
    for r in requests:
        headers = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in r["headers"].items())
        body = lua_string(r["body"]) if r.get("body") else "nil"
        items.append(
            f"{{method = {lua_string(r['method'])}, path = {lua_string(r['path'])}, "
            f"headers = {{{headers}}}, body = {body}}}"
        )
    return "{" + ",\n".join(items) + "}"


def wrk(port: int, requests: list[dict], *, connections: int, duration: int, folder: Path):
    script = folder / "bench.lua"
    script.write_text(LUA.replace("{REQUESTS}", lua_requests(requests)))
    threads = min(2, connections)
    out = run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            script,
            f"http://127.0.0.1:{port}{requests[0]['path']}",
        ],
        capture=True,
    )
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    match = re.search(r"BENCH p50=(\d+) p95=(\d+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": int(match.group(1)) / 1000,
        "p95": int(match.group(2)) / 1000,
        "bad": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


# The requests each row sends.


def form_request(path, browser, fields, extra=None):
    body = urllib.parse.urlencode({**fields, **(extra or {})}, doseq=True)
    return {
        "method": "POST",
        "path": path,
        "headers": {
            "Host": "127.0.0.1",
            "Cookie": browser.cookie_header(),
            "Content-Type": "application/x-www-form-urlencoded",
        },
        "body": body,
    }


def get_request(path, browser=None):
    headers = {"Host": "127.0.0.1"}
    if browser is not None and browser.cookies:
        headers["Cookie"] = browser.cookie_header()
    return {"method": "GET", "path": path, "headers": headers}


def start_sessions(port: int, survey: str, count: int) -> list[Browser]:
    """`count` visitors, each having started `survey` (a draft in its session)."""
    browsers = []
    for n in range(count):
        browser = Browser(port, forwarded_for=f"10.200.{n // 250}.{n % 250 + 1}")
        status, _, content = browser.request("GET", survey)
        expect(status == 200, (survey, status))
        fields = read_form(content).fields
        fields["answered_with"] = "on_my_own"
        status, headers, _ = browser.request("POST", survey, fields)
        expect(status == 302, (survey, status, "start"))
        browsers.append(browser)
    return browsers


def check(port, request, expected_statuses, must_contain=b""):
    """Send a row's request once and make sure the site accepts it, before wrk sends it often."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = dict(request["headers"])
    headers["X-Forwarded-For"] = "10.250.0.1"
    conn.request(request["method"], request["path"], body=request.get("body"), headers=headers)
    response = conn.getresponse()
    content = response.read()
    conn.close()
    if response.status not in expected_statuses or must_contain not in content:
        raise SystemExit(
            f"{request['method']} {request['path']}: {response.status}, expected "
            f"{expected_statuses} {must_contain!r}\n{content[:2000]!r}"
        )
    return response, content


def our_rows(port: int) -> dict[str, list[dict]]:
    staff = start_sessions(port, STAFF_SURVEY, SESSIONS)
    voice = start_sessions(port, QUESTION_SURVEY, SESSIONS)
    rows = {"one_get": [], "one_post": [], "question_get": [], "question_post": []}
    for browser in staff:
        status, _, content = browser.request("GET", ONE_PAGE)
        expect(status == 200, ("one page", status))
        form = read_form(content)
        answers = form.answers()
        rows["one_get"].append(get_request(ONE_PAGE, browser))
        rows["one_post"].append(form_request(ONE_PAGE, browser, answers, {"action": "save"}))
    for browser in voice:
        status, _, content = browser.request("GET", QUESTION_PAGE)
        expect(status == 200, ("question page", status))
        form = read_form(content)
        rows["question_get"].append(get_request(QUESTION_PAGE, browser))
        rows["question_post"].append(form_request(QUESTION_PAGE, browser, form.answers()))
    check(port, rows["one_get"][0], {200}, b'type="radio"')
    check(port, rows["one_post"][0], {200}, b"answers are saved")  # the saved page, with its code
    check(port, rows["question_get"][0], {200}, b'type="radio"')
    response, _ = check(port, rows["question_post"][0], {302})
    expect("/question/" in response.getheader("Location", ""), "the next question")
    rows["healthz"] = [get_request("/healthz")]
    check(port, rows["healthz"][0], {200})
    return rows


def peer_rows(port: int) -> dict[str, list[dict]]:
    rows = {"peer_get": [], "peer_post": []}
    for _ in range(SESSIONS):
        browser = Browser(port)
        status, _, content = browser.request("GET", PEER_FORM)
        expect(status == 200, ("peer form", status))
        form = read_form(content)
        rows["peer_get"].append(get_request(PEER_FORM, browser))
        rows["peer_post"].append(form_request(PEER_FORM, browser, form.answers()))
    check(port, rows["peer_get"][0], {200}, b'type="radio"')
    check(port, rows["peer_post"][0], {200}, b"Thank you")
    return rows


def questions_from_our_page(port: int) -> dict:
    """The staff survey's questions as our one-page form shows them: legends and choices."""
    browser = start_sessions(port, STAFF_SURVEY, 1)[0]
    _, _, content = browser.request("GET", ONE_PAGE)
    text = content.decode()
    radios = []
    for fieldset in re.findall(r"<fieldset.*?</fieldset>", text, re.S):
        legend = re.search(r"<legend[^>]*>(.*?)</legend>", fieldset, re.S)
        labels = re.findall(r'type="radio".*?<label[^>]*>(.*?)</label>', fieldset, re.S)
        if legend and labels:
            clean = [re.sub(r"<[^>]+>|\s+", " ", label).strip() for label in labels]
            radios.append((re.sub(r"<[^>]+>|\s+", " ", legend.group(1)).strip(), clean))
    label = re.search(
        r"<label[^>]*for=\"[^\"]*\"[^>]*>([^<]*)</label>\s*(?:<[^t][^>]*>\s*)*<textarea", text, re.S
    )
    return {"radios": radios, "text": label.group(1).strip() if label else "Anything else?"}


# First-visit bytes and Lighthouse.


def first_visit(port: int, path: str, browser: Browser) -> dict:
    status, _, content = browser.request("GET", path)
    expect(status == 200, (path, status))
    page = len(gzip.compress(content, 6))
    seen, assets = set(), 0
    queue = list(read_form(content).assets)
    while queue:
        url = urllib.parse.urlsplit(queue.pop(0)).path
        if url in seen or not url.startswith("/"):
            continue
        seen.add(url)
        status, _, body = Browser(port).request("GET", url)
        if status != 200:
            continue
        assets += len(gzip.compress(body, 6))
        if url.endswith(".css"):
            for ref in re.findall(rb"url\(['\"]?([^)'\"]+)", body):
                queue.append(urllib.parse.urljoin(url, ref.decode()))
    return {"html": page, "assets": assets, "files": len(seen), "total": page + assets}


def install_lighthouse(folder: Path) -> Path | None:
    target = folder / "lighthouse"
    target.mkdir()
    result = subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(target),
            "--no-audit",
            "--no-fund",
            "--silent",
            "lighthouse",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    binary = target / "node_modules" / ".bin" / "lighthouse"
    if result.returncode != 0 or not binary.exists():
        log("lighthouse could not be installed:", result.stderr[-500:])
        return None
    return binary


def lighthouse(binary: Path, port: int, path: str, cookie: str, folder: Path) -> dict:
    output = folder / "lighthouse.json"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    cmd = [
        binary,
        f"http://127.0.0.1:{port}{path}",
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        "--only-categories=performance,accessibility",
        "--form-factor=mobile",
        "--chrome-flags=--headless --no-sandbox",
    ]
    if cookie:
        cmd.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    # Lighthouse sometimes fails to record the page load's trace on a busy machine and says to
    # run it again (NO_NAVSTART, NO_FCP): up to three tries.
    for attempt in range(1, 4):
        output.unlink(missing_ok=True)
        result = subprocess.run(
            [str(c) for c in cmd], env=env, capture_output=True, text=True, check=False, timeout=300
        )
        if result.returncode == 0 and output.exists():
            break
        log(f"lighthouse failed on {path} (try {attempt} of 3):", result.stderr[-500:])
    else:
        return {}
    report = json.loads(output.read_text())
    return {
        name: round(category["score"] * 100) if category.get("score") is not None else None
        for name, category in report["categories"].items()
    }


def feedback_loop_path(port: int) -> str:
    """ "You said, we did": linked from the thank-you page and the menu; found, not typed."""
    _, _, content = Browser(port).request("GET", "/")
    for href in re.findall(rb'href="(/[^"]*)"', content):
        if b"you-said-we-did" in href:
            return href.decode()
    return "/our-promise-our-voice/you-said-we-did/"


# The run.


def postgres(sql: str) -> None:
    run(["psql", f"{PG_URL}/postgres", "-q", "-c", sql])


def measure(args, folder: Path, peer: Path | None, database: str, extras: bool) -> dict:
    results: dict = {"rows": {}, "first_visit": {}, "lighthouse": {}}
    if database == "sqlite":
        ours_url = f"sqlite:///{folder / 'ours.sqlite3'}"
        peer_url = f"sqlite:///{folder / 'peer.sqlite3'}"
    else:
        for name in ("bench_answering_ours", "bench_answering_peer"):
            postgres(f"DROP DATABASE IF EXISTS {name}")
            postgres(f"CREATE DATABASE {name}")
        ours_url = f"{PG_URL}/bench_answering_ours"
        peer_url = f"{PG_URL}/bench_answering_peer"
    log(f"[{database}] setting up our site")
    prepare_ours(ours_url)

    def run_rows(port, rows, names):
        for name in names:
            for connections in args.concurrency:
                log(f"[{database}] {name} c={connections}")
                results["rows"][(name, connections)] = wrk(
                    port,
                    rows[name],
                    connections=connections,
                    duration=args.duration,
                    folder=folder,
                )
                cell = results["rows"][(name, connections)]
                log(f"    {cell['rps']:,.0f}/s p50 {cell['p50']:.1f} ms p95 {cell['p95']:.1f} ms")

    with gunicorn("config.wsgi", cwd=ROOT, env=our_env(ours_url)) as port:
        questions = questions_from_our_page(port)
        expect(len(questions["radios"]) >= 10, questions)
        rows = our_rows(port)
        run_rows(port, rows, ["one_get", "one_post", "question_get", "question_post", "healthz"])
        if extras:
            browser = start_sessions(port, QUESTION_SURVEY, 1)[0]
            loop = feedback_loop_path(port)
            for path in FIRST_VISIT_PATHS:
                path = path or loop
                who = browser if "/surveys/" in path else Browser(port)
                if path == ONE_PAGE:
                    who = start_sessions(port, STAFF_SURVEY, 1)[0]
                results["first_visit"][path] = first_visit(port, path, who)
            binary = None if args.no_lighthouse else install_lighthouse(folder)
            if binary is not None:
                for path in LIGHTHOUSE_PATHS:
                    path = path or loop
                    cookie = browser.cookie_header() if "/surveys/" in path else ""
                    log(f"lighthouse {path}")
                    results["lighthouse"][path] = lighthouse(binary, port, path, cookie, folder)
    if peer is None:
        peer = build_peer(folder, questions)
    log(f"[{database}] setting up the peer")
    prepare_peer(peer, peer_url, questions)
    with gunicorn("peer.wsgi", cwd=peer, env=peer_env(peer_url)) as port:
        run_rows(port, peer_rows(port), ["peer_get", "peer_post"])
    with gunicorn("floor:application", cwd=folder, env={**os.environ, "PYTHONPATH": ""}) as port:
        run_rows(port, {"floor": [get_request("/")]}, ["floor"])
    if database == "postgresql":
        for name in ("bench_answering_ours", "bench_answering_peer"):
            postgres(f"DROP DATABASE IF EXISTS {name}")
    results["peer"] = peer
    results["questions"] = len(questions["radios"])
    return results


ROW_LABELS = [
    ("peer_get", f"Wagtail form page, GET ({PEER_FORM})"),
    ("one_get", f"our one-page staff survey, GET with a draft ({ONE_PAGE})"),
    ("question_get", f"our question page, GET with a draft ({QUESTION_PAGE})"),
    ("healthz", "our /healthz (one query)"),
    ("floor", "floor: a bare Django view returning “ok”"),
    ("peer_post", "Wagtail form page, POST: a valid submission, stored"),
    ("one_post", "our one-page survey, POST: all answers, saved to the draft with a code"),
    ("question_post", "our question page, POST: an answer saved, on to the next"),
]
PEER_OF = {
    "one_get": "peer_get",
    "question_get": "peer_get",
    "healthz": None,
    "one_post": "peer_post",
    "question_post": "peer_post",
    "floor": None,
    "peer_get": "peer_get",
    "peer_post": "peer_post",
}


def table(results: dict, concurrency: list[int]) -> str:
    lines = [
        "| page | concurrency | requests/s | p50 ms | p95 ms | ours ÷ peer | ÷ floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = results["rows"]
    for name, label in ROW_LABELS:
        for c in concurrency:
            r = rows.get((name, c))
            if r is None:
                continue
            peer = rows.get((PEER_OF[name], c)) if PEER_OF[name] else None
            floor = rows.get(("floor", c))
            ratio = (
                f"{r['rps'] / peer['rps']:.2f}"
                if peer and name not in ("peer_get", "peer_post", "floor")
                else ""
            )
            floor_ratio = f"{r['rps'] / floor['rps']:.2f}" if floor and name != "floor" else ""
            bad = f" ({r['bad']} not 2xx/3xx)" if r["bad"] else ""
            lines.append(
                f"| {label}{bad} | {c} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p95']:.1f} "
                f"| {ratio} | {floor_ratio} |"
            )
    return "\n".join(lines)


def goals(results: dict, concurrency: list[int]) -> list[str]:
    rows = results["rows"]
    c = 10 if 10 in concurrency else concurrency[-1]
    out = []

    def ratio(a, b):
        return (
            rows[(a, c)]["rps"] / rows[(b, c)]["rps"] if (a, c) in rows and (b, c) in rows else None
        )

    checks = [
        ("one-page survey GET ≥ 5 × the Wagtail form page GET", ratio("one_get", "peer_get"), 5),
        ("question page GET ≥ 0.25 × the bare Django view", ratio("question_get", "floor"), 0.25),
        ("one-page POST ≥ the form page's POST", ratio("one_post", "peer_post"), 1),
        ("question page POST ≥ the form page's POST", ratio("question_post", "peer_post"), 1),
    ]
    for text, value, target in checks:
        if value is None:
            continue
        verdict = "met" if value >= target else "**missed**"
        out.append(f"- {text}: {value:.2f} at concurrency {c} — {verdict}")
    return out


def write_section(all_results: dict, args, elapsed: float) -> str:
    now = datetime.now(UTC)
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB"
    command = "make bench  # = .venv/bin/python bench/answering_speed.py " + " ".join(sys.argv[1:])
    parts = [
        SECTION,
        "",
        textwrap.fill(
            "Our answering pages under load beside the thing they replace: a Wagtail form page "
            "(wagtail.contrib.forms, in a fresh `wagtail start` project on the same Wagtail and "
            "virtualenv) asking the staff survey's questions, and a bare Django view returning "
            "“ok” (the floor: no apps, no middleware). Each is served by gunicorn with 2 workers "
            "and production settings (ours: config.settings.production with Redis as its cache, "
            "DEBUG off); wrk sends the requests from the same machine. Each GET and POST is "
            "checked once before wrk repeats it; a POST is an answer the site accepts, with its "
            "CSRF token and cookie, spread over 20 visitors' sessions (drafts).",
            100,
        ),
        "",
        f"Run on {now:%-d %B %Y %H:%M} UTC, {os.cpu_count()} cores ({cpu}{memory}), shared with "
        f"other work; {args.duration} s per cell; the whole run took {elapsed / 60:.0f} minutes.",
        "",
        "```",
        command.strip(),
        "```",
        "",
    ]
    for database, results in all_results.items():
        name = {"sqlite": "SQLite", "postgresql": "PostgreSQL 15"}[database]
        parts += [f"### {name}", "", table(results, args.concurrency), ""]
        parts += ["Goals:", "", *goals(results, args.concurrency), ""]
    first = next(iter(all_results.values()))
    if first["first_visit"]:
        parts += [
            "### First visit: bytes over the wire",
            "",
            "gzip (level 6) of the HTML and of every stylesheet, script, icon and image it "
            "references (and what the stylesheets reference), as a compressing proxy would "
            "send them to a phone with nothing cached.",
            "",
            "| page | HTML | CSS, JS, images | files | total |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for path, sizes in first["first_visit"].items():
            if sizes:
                parts.append(
                    f"| {path} | {sizes['html'] / 1024:.1f} kB | {sizes['assets'] / 1024:.1f} kB "
                    f"| {sizes['files']} | {sizes['total'] / 1024:.1f} kB |"
                )
        parts.append("")
    if first["lighthouse"]:
        parts += [
            "### Lighthouse (mobile)",
            "",
            "| page | performance | accessibility |",
            "| --- | ---: | ---: |",
        ]
        for path, scores in first["lighthouse"].items():
            performance = scores.get("performance", "–")
            accessibility = scores.get("accessibility", "–")
            parts.append(f"| {path} | {performance} | {accessibility} |")
        parts.append("")
    elif not args.no_lighthouse:
        parts += ["Lighthouse could not be run (see the script's output).", ""]
    parts += ["<!-- analysis -->", ""]
    return "\n".join(parts)


def replace_section(section: str) -> None:
    text = DOC.read_text()
    analysis = ""
    if SECTION in text:
        before, _, rest = text.partition(SECTION)
        match = re.search(r"^## ", rest, re.M)
        old, after = (rest[: match.start()], rest[match.start() :]) if match else (rest, "")
        # What the last run's readers were told about the numbers is kept (edited by hand).
        if "<!-- analysis -->" in old:
            analysis = old.split("<!-- analysis -->", 1)[1].strip()
    else:
        before, after = text.rstrip() + "\n\n", ""
    section = section.replace(
        "<!-- analysis -->", "<!-- analysis -->\n\n" + analysis if analysis else "<!-- analysis -->"
    )
    DOC.write_text(
        before + section.rstrip() + "\n\n" + after if after else before + section.rstrip() + "\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument(
        "--databases", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--no-write", action="store_true", help="print, leave docs alone")
    args = parser.parse_args()
    for tool in ("wrk", "redis-cli"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (Debian package {tool.replace('-cli', '')})")
    started = time.monotonic()
    log("collectstatic")
    run(
        [PYTHON, "manage.py", "collectstatic", "--noinput"],
        env=our_env("sqlite:////dev/null"),
        cwd=ROOT,
    )
    all_results = {}
    with tempfile.TemporaryDirectory(prefix="answering-bench-") as tmp:
        folder = Path(tmp)
        peer = None
        for n, database in enumerate(args.databases):
            all_results[database] = measure(args, folder, peer, database, extras=n == 0)
            peer = all_results[database]["peer"]
    section = write_section(all_results, args, time.monotonic() - started)
    print(section)
    if not args.no_write:
        replace_section(section)
        log(f"written to {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
