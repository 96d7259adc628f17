"""Both catalogs hold the same keys, and every key the templates and pages use exists."""

from __future__ import annotations

import re
from pathlib import Path

from api.db.models.solve import RUN_STATUSES
from api.web.i18n import LANGUAGES, catalog

WEB = Path(__file__).resolve().parents[2] / "api" / "web"
USED = re.compile(r"(?<![\w.])t\(\s*['\"]([^'\"]+)['\"]")
PREFIXES = {"role.": 3, "status.": len(RUN_STATUSES), "change.": 3, "weekday.": 7}
QUOTED = re.compile(r"\"(\w+)\"")
BUILT = re.compile(r"t\(f\"(\w+)\.\{k\}\"\) for k in \(([^)]*)\)")


def test_catalogs_have_the_same_keys() -> None:
    keys = [set(catalog(language)) for language in LANGUAGES]
    assert all(k == keys[0] for k in keys)


def test_every_key_used_exists() -> None:
    texts = catalog("en")
    used: set[str] = set()
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("*.py")]:
        source = path.read_text()
        used |= {k for k in USED.findall(source) if not k.endswith(".")}
        for group, names in BUILT.findall(source):
            used |= {f"{group}.{name}" for name in QUOTED.findall(names)}
    for prefix, count in PREFIXES.items():
        assert len([k for k in texts if k.startswith(prefix)]) == count
    assert used, "no keys found: the pattern is stale"
    assert sorted(used - texts.keys()) == []
