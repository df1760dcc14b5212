"""A gunicorn worker, once the application is loaded, freezes what it loaded (`settle`): the
garbage collector's full walks then pass over the requests' objects only."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

WORKER = """
import gc, json, sys
import django
django.setup()
from achyk.operations import gunicorn
before = gc.get_freeze_count()
gunicorn.post_worker_init(None)
print(json.dumps({"before": before, "frozen": gc.get_freeze_count(),
                  "urls": "achyk.urls" in sys.modules}))
"""


def test_a_worker_freezes_the_loaded_application_with_its_url_patterns(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "ACHYK_EMBEDDED": "1", "ACHYK_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "achyk.settings"}  # fmt: skip
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", WORKER], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["before"] == 0 and found["urls"]
    assert found["frozen"] > 100_000  # the application's objects: none left to the collector
