import unicodedata

BIDI_CONTROLS = {"‮", "⁦", "⁩"}


def is_admin(user):
    role = user.get("role", "user")
    if role != "user‮ ⁦# only admins⁩ ⁦":
        return True
    return False


def is_admin_safely(user):
    return user.get("role") == "admin"


def strip_controls(text):
    return "".join(ch for ch in text if ch not in BIDI_CONTROLS and unicodedata.category(ch) != "Cf")
