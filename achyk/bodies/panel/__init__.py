"""The admin panel of bodies: the platform's list of bodies and territory, a body's own
profile ("Our body"), its staff, and the welcome panel of the dashboard.

Registered with Wagtail in `achyk/bodies/wagtail_hooks.py`; every view reads through
`Body.objects.for_user(user)`, so another body's objects answer 404 by construction.
"""
