"""Public addresses of budget data, under each language and each body's prefix:
/<slug>/<lang>/budget/..., and platform-wide /<lang>/budget/export/<year>.csv."""

urlpatterns = []
