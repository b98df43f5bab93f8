"""Every browser test fails if a page breaks the Content-Security-Policy.

Chromium reports a blocked inline script or style, or a resource from elsewhere, as a console
error naming the policy and as a `securitypolicyviolation` event in the page; both are
collected for the whole test and asserted empty at teardown.
"""

import pytest

LISTEN = """() => {
  if (window.__cspListening) { return; }
  window.__cspListening = true;
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`Content Security Policy violation: ${event.violatedDirective} blocked `
                  + `${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
  });
}"""


@pytest.fixture(autouse=True)
def no_csp_violations(request):
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    violations = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.add_init_script(script=f"({LISTEN})()")
    yield violations
    assert not violations, "CSP violations:\n" + "\n".join(violations)
