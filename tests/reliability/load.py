"""The load source for the reliability tests: people answering a survey over real HTTP, with
threads and http.client (nothing to install; CI has no wrk).

Each `Visitor` is one phone: its own cookies, its own address (sent as X-Forwarded-For, as the
load balancer in front of the site would), one new connection per request.
"""

import http.client
import re
import secrets
import string
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

SUBMISSION_ID = re.compile(r'name="submission_id"\s+value="([0-9a-f-]{36})"')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
CSRF_ALPHABET = string.ascii_letters + string.digits


class Visitor:
    def __init__(self, base: str, address: str = "127.0.0.1", timeout: float = 60):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.address = address
        self.timeout = timeout
        # A CSRF secret of our own, sent as the cookie and as the form field: what Django checks.
        self.csrf = "".join(secrets.choice(CSRF_ALPHABET) for _ in range(32))
        self.cookies = {"csrftoken": self.csrf}

    def _request(self, method, path, body=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        headers = {
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            "X-Forwarded-For": self.address,
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers, text

    def get(self, path):
        return self._request("GET", path)

    def post(self, path, data):
        fields = [("csrfmiddlewaretoken", self.csrf)]
        for name, value in data.items():
            values = value if isinstance(value, list | tuple) else [value]
            fields.extend((name, item) for item in values)
        return self._request("POST", path, urllib.parse.urlencode(fields))


def title_of(html: str) -> str:
    found = TITLE.search(html)
    return " ".join(found.group(1).split()) if found else html[:200]


def path_of(location: str) -> str:
    return urllib.parse.urlsplit(location).path


@dataclass
class Person:
    """Someone answering the one-page survey; `answers` is what they will send."""

    number: int
    answers: dict
    statuses: list = field(default_factory=list)
    submission_id: str = ""
    thanked: bool = False
    error: str = ""
    # Kept for a retry: the phone (its cookies) and where the answers are sent.
    visitor: "Visitor | None" = None
    answers_path: str = ""

    @property
    def address(self) -> str:
        return f"10.{self.number // 65536 % 256}.{self.number // 256 % 256}.{self.number % 256}"

    @property
    def answer_count(self) -> int:
        return sum(len(v) if isinstance(v, list) else 1 for v in self.answers.values())


FACES = ["really-unhappy", "unhappy", "okay", "happy", "really-happy"]
TOUCH = ["phone", "video", "letters"]


def make_person(number: int) -> Person:
    """Answers that differ from person to person, every kind of question sometimes left out."""
    answers = {"q-listened-to": FACES[number % 5]}
    if number % 3:
        answers["q-keep-in-touch"] = TOUCH[: 1 + number % 3]
    if number % 4 == 0:
        answers["q-anything-else"] = f"Person {number} says: more family time & less moving <3"
    if number % 2:
        answers["q-understand-plan"] = str(number % 11)
    return Person(number, answers)


def begin(visitor: Visitor, person: Person, survey_path: str) -> str:
    """Start the survey and open its questions: the path to send the answers to."""
    status, headers, _ = visitor.post(survey_path, {"action": "start"})
    person.statuses.append(status)
    if status != 302:
        raise AssertionError(f"start answered {status}")
    answers_path = path_of(headers["Location"])
    status, _, html = visitor.get(answers_path)
    person.statuses.append(status)
    found = SUBMISSION_ID.search(html)
    if status != 200 or found is None:
        raise AssertionError(f"the questions answered {status}")
    person.submission_id = found.group(1)
    return answers_path


def send(visitor: Visitor, person: Person, answers_path: str) -> None:
    """Send the answers and follow the redirect to the thank-you page."""
    data = {"action": "send", "submission_id": person.submission_id, **person.answers}
    status, headers, html = visitor.post(answers_path, data)
    person.statuses.append(status)
    if status != 302:
        raise AssertionError(f"sending answered {status}: {title_of(html)}")
    status, _, html = visitor.get(path_of(headers["Location"]))
    person.statuses.append(status)
    person.thanked = status == 200 and "Thank you" in html
    if not person.thanked:
        raise AssertionError(f"the thank-you page answered {status}: {title_of(html)}")


def answer_survey(base: str, survey_path: str, person: Person) -> Person:
    person.visitor = Visitor(base, person.address)
    person.error = ""
    try:
        person.answers_path = begin(person.visitor, person, survey_path)
        send(person.visitor, person, person.answers_path)
    except (AssertionError, OSError, http.client.HTTPException) as error:
        person.error = f"{type(error).__name__}: {error}"
    return person


def try_again(base: str, survey_path: str, person: Person) -> Person:
    """What someone does when the page fails: press Send again, or start again if they never
    saw the questions."""
    if not person.answers_path:
        return answer_survey(base, survey_path, person)
    person.error = ""
    try:
        send(person.visitor, person, person.answers_path)
    except (AssertionError, OSError, http.client.HTTPException) as error:
        person.error = f"{type(error).__name__}: {error}"
    return person


def burst(base: str, survey_path: str, people: list[Person], concurrency: int) -> list[Person]:
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(lambda person: answer_survey(base, survey_path, person), people))
