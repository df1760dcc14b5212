"""`manage.py clear_page_cache`: every process forgets every page it keeps, at once.

It moves the platform-wide generation (`generations.forget(GLOBAL)`), so no page kept before
is served again, and drops the site addresses Wagtail keeps in the cache. Use it after a
restore, or after changing the database behind Django's back (SQL, a script). It needs the
shared cache (REDIS_URL): with the local-memory cache, the pages live in the web server's
own memory, which no other process can reach; restart the web server instead (or wait
CACHE_PAGE_SECONDS). The front cache, if any (FRONT_CACHE_URLS), is told to forget
everything too, in both cases.
"""

from django.core.management.base import BaseCommand, CommandError

from achyk.pagecache import front, generations


class Command(BaseCommand):
    help = "Forget every kept public page (needs REDIS_URL; else restart the web server)."

    def handle(self, *args, **options):
        if not generations.cache_is_shared():
            if front.enabled() and front.ban(generations.GLOBAL):
                self.stdout.write("Front cache cleared.")
            raise CommandError(
                "The page cache is the web server's own memory (no REDIS_URL): this command "
                "cannot reach it. Restart the web server to clear it."
            )
        if not generations.forget_everything():
            raise CommandError("The cache does not answer: nothing was cleared. Try again.")
        self.stdout.write("Page cache cleared: every page is rendered afresh from now on.")
