from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_init_script():
    """Starts the widgets whose inline scripts the admin's policy forbids (admin_scripts.py)."""
    return format_html('<script src="{}"></script>', static("ui/admin-init.js"))


@hooks.register("get_avatar_url")
def initials_avatar(user, size):
    """Initials instead of Gravatar or a generic picture (avatars.py)."""
    from .avatars import avatar_url

    return avatar_url(user, size)
