"""axe-core, vendored, run inside the page: the accessibility check every browser test shares."""

from django.conf import settings

AXE_STATIC = "vendor/axe-core/axe.min.js"


def assert_accessible(page):
    """No serious or critical axe-core violations on the page as it is now."""
    # Loaded from the app's own static files: the page's CSP blocks an inline copy.
    page.add_script_tag(url="/" + settings.STATIC_URL.lstrip("/") + AXE_STATIC)
    result = page.evaluate("async () => await axe.run(document)")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}: "
        f"{node['html'][:200]}\n    {node['failureSummary']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]
    assert not bad, f"{page.url}\n" + "\n".join(bad)
