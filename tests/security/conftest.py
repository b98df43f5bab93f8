# The browser tests here fail on a Content-Security-Policy violation like those in tests/browser.
from tests.browser.conftest import no_csp_violations  # noqa: F401 (autouse fixture)
