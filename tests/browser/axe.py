"""axe-core, vendored, run inside the page: the accessibility check every browser test shares."""

from django.conf import settings

AXE_STATIC = "vendor/axe-core/axe.min.js"

# axe measures colours as they are when it runs: in the middle of a CSS transition (a button
# fading to its hover colours after a tap) it would measure a colour the page only passes
# through. So the check waits until every running transition and finite animation has ended;
# an endless one (a spinner) would never end and is left running.
SETTLE_THEN_RUN_AXE = """async () => {
  for (;;) {
    const running = document.getAnimations().filter(
      (a) => a.playState === "running" && a.effect
        && a.effect.getComputedTiming().endTime !== Infinity
    );
    if (!running.length) break;
    await Promise.all(running.map((a) => a.finished.catch(() => null)));
  }
  return await axe.run(document);
}"""


def assert_accessible(page):
    """No serious or critical axe-core violations on the page once it is still."""
    # Loaded from the app's own static files: the page's CSP blocks an inline copy.
    page.add_script_tag(url="/" + settings.STATIC_URL.lstrip("/") + AXE_STATIC)
    result = page.evaluate(SETTLE_THEN_RUN_AXE)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}: "
        f"{node['html'][:200]}\n    {node['failureSummary']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]
    assert not bad, f"{page.url}\n" + "\n".join(bad)
