# Achyk's front cache: Varnish between nginx (TLS, pictures) and gunicorn.
#
# It keeps only what the application marks as kept by its own page cache (achyk.pagecache:
# `Surrogate-Control: max-age=N` and `X-Achyk-Scope`), so it never holds a page the
# application would not share between anonymous readers. Its key is the page cache's: host,
# path, sorted query string, scheme, and the reader's display preferences (the cookie of the
# version for the visually impaired). The application sends `BAN` with `X-Achyk-Ban: body:12`,
# `platform` or `global` after every change it commits (FRONT_CACHE_URLS), on the listening
# address named `ban`, which takes nothing else.
#
# Run (docs/operators/front-cache.md):
#   varnishd -a 127.0.0.1:6081 -a ban=127.0.0.1:6091 -f /etc/varnish/achyk.vcl -s malloc,512m
vcl 4.1;

import std;

# gunicorn: pages are fetched here. No probe: a fetch is always tried.
backend achyk {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# The health checks of the same gunicorn on HEALTH_PORT (answered outside its queue of page
# requests). Never fetched from: its state says whether the application can render. While
# /readyz fails (the database is down), readers get the copies kept last, up to 6 hours old,
# instead of errors.
backend achyk_health {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = {
        .url = "/readyz";
        .interval = 2s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

sub vcl_recv {
    if (local.socket == "ban") {
        if (req.method != "BAN") {
            return (synth(405, "Only BAN here"));
        }
        if (req.http.X-Achyk-Ban == "global") {
            if (!std.ban("obj.http.X-Achyk-Scope ~ .")) {
                return (synth(500, std.ban_error()));
            }
        } elsif (req.http.X-Achyk-Ban ~ "^(platform|body:[0-9]+)$") {
            if (!std.ban("obj.http.X-Achyk-Scope == " + req.http.X-Achyk-Ban)) {
                return (synth(500, std.ban_error()));
            }
        } else {
            return (synth(400, "Unknown scope"));
        }
        return (synth(200, "Banned"));
    }
    if (req.method == "BAN" || req.method == "PURGE") {
        return (synth(405, "Not allowed"));
    }
    set req.backend_hint = achyk;
    # Varnish added its client (nginx) to X-Forwarded-For; the application reads the last
    # address as the reader's (rate limits, sign-in throttling): give it nginx's header back.
    if (req.http.X-Forwarded-For ~ ",") {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",\s*[^,]*$", "");
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents|media|static|accessibility)/" || req.http.Authorization) {
        return (pass);
    }
    # Signed-in staff, unlocked private pages, flash messages: personal, never from here
    # (achyk.pagecache.middleware.PERSONAL_COOKIES).
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # A copy past its time is given while a fresh one is fetched for 10 s at most, or for as
    # long as it is kept (6 h) while the application cannot render.
    if (std.healthy(achyk_health)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(std.tolower(req.http.host));
    hash_data(std.querysort(req.url));
    hash_data(req.http.X-Forwarded-Proto);
    if (req.http.Cookie ~ "(^|;\s*)achyk_a11y=") {
        hash_data(regsub(req.http.Cookie, "^(.*;\s*)?achyk_a11y=([^;]*).*$", "\2"));
    }
    return (lookup);
}

sub vcl_backend_response {
    unset beresp.http.X-Front-Cache;
    # A refresh in the background that fails keeps the copy it was refreshing.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.status == 200 && beresp.http.Surrogate-Control ~ "max-age=[0-9]+"
        && beresp.http.X-Achyk-Scope && !beresp.http.Set-Cookie) {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
        set beresp.grace = 6h;
        unset beresp.http.Surrogate-Control;
        return (deliver);
    }
    # Not marked: not kept. Requests for it go on to the application for 10 s without
    # waiting for each other (hit-for-miss); a marked answer meanwhile is kept.
    set beresp.ttl = 10s;
    set beresp.grace = 0s;
    set beresp.uncacheable = true;
    set beresp.http.X-Front-Cache = "pass";
    return (deliver);
}

sub vcl_deliver {
    if (resp.http.X-Front-Cache || obj.uncacheable) {
        set resp.http.X-Front-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
    # A kept copy may be kept by nginx for one second more (its micro-cache, deploy/nginx:
    # hits at nginx's pace); nginx keeps nothing else and never shows this header.
    if (resp.http.X-Front-Cache != "pass") {
        set resp.http.X-Accel-Expires = "1";
    }
    unset resp.http.X-Achyk-Scope;
    unset resp.http.Surrogate-Control;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
