"""Passwords: hashing with a well-kept algorithm (werkzeug's scrypt), and refusing easy guesses.

Length alone let "password123" through; zxcvbn (its frequency lists are bundled, nothing goes over the
network) scores how many guesses a password would take, counting common passwords, keyboard runs,
dates, words and their l33t variants, and the account's own e-mail and name.
"""
import re

from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

# zxcvbn's scale: 0 is under 10^3 guesses, 1 under 10^6 (the most used passwords and close variants), 2 under 10^8.
MIN_STRENGTH = 2


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def check_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


def easy_to_guess(password: str, *personal: str) -> bool:
    """True for one of the most used passwords, a close variant, or one built from `personal` (e-mail, name)."""
    words = [word for value in personal for word in (value, *re.split(r"[\s@.\-_]+", value)) if len(word) > 2]
    return zxcvbn(password, user_inputs=words)["score"] < MIN_STRENGTH
