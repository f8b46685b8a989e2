"""Resume codes and invitation tokens: made at random, shown once, and stored only as a hash.

The hash is an HMAC with the site's secret key, so the database alone cannot be used to test
guesses; the codes are long enough, and the pages that take them rate limited, so that guessing
one is hopeless.

Receipt codes are different: one code is shared by everyone who answered a survey in a cycle and
opens only what is public anyway, so it is stored as it is and kept short.
"""

import re
import secrets
import uuid

from config.hashing import keyed_hash

# No 0/O, 1/I/L or U/V pairs to confuse when a code is written down and typed back.
RESUME_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
RESUME_CODE_LENGTH = 8
RECEIPT_CODE_LENGTH = 6
_NOT_CODE_CHARACTERS = re.compile(r"[\s\-–—.]+")


def new_resume_code() -> str:
    return "".join(secrets.choice(RESUME_CODE_ALPHABET) for _ in range(RESUME_CODE_LENGTH))


def format_resume_code(code: str) -> str:
    """“KT4M9XPW” as “KT4M 9XPW”: two short groups are easier to copy."""
    half = RESUME_CODE_LENGTH // 2
    return f"{code[:half]} {code[half:]}"


def normalise_resume_code(typed: str) -> str | None:
    """The code as stored, from what someone typed (any case, spaces, hyphens), or None if it
    cannot be a code at all."""
    return _normalise_code(typed, RESUME_CODE_LENGTH)


def _normalise_code(typed: str, length: int) -> str | None:
    code = _NOT_CODE_CHARACTERS.sub("", typed or "").upper()
    if len(code) != length or any(c not in RESUME_CODE_ALPHABET for c in code):
        return None
    return code


def new_receipt_code() -> str:
    return "".join(secrets.choice(RESUME_CODE_ALPHABET) for _ in range(RECEIPT_CODE_LENGTH))


def format_receipt_code(code: str) -> str:
    """“K7M4QP” as “K7M 4QP”."""
    half = RECEIPT_CODE_LENGTH // 2
    return f"{code[:half]} {code[half:]}"


def normalise_receipt_code(typed: str) -> str | None:
    """A receipt code as stored, from what someone typed, or None if it cannot be one."""
    return _normalise_code(typed, RECEIPT_CODE_LENGTH)


def hash_resume_code(code: str) -> str:
    return keyed_hash("resume-code", code)


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


def hash_invitation_token(token: str) -> str:
    return keyed_hash("invitation", token)


def submission_key(submission_id: uuid.UUID) -> uuid.UUID:
    """What a response keeps of the submission id its answering form carried: a keyed hash of it.

    A form sent again still finds the response it made; but the id itself, which the draft had
    (and the draft was tied to its invitation), is kept nowhere once the draft is deleted."""
    return uuid.UUID(keyed_hash("submission", str(submission_id))[:32])
