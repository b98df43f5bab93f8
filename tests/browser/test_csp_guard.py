"""The guard in conftest.py really catches a page that breaks the Content-Security-Policy."""

import pytest

pytestmark = pytest.mark.browser


def test_an_inline_script_and_style_on_a_page_are_reported(page, live_server, no_csp_violations):
    def add_inline_code(route):
        response = route.fetch()
        html = response.text().replace(
            "</body>", '<script>document.title = "ran"</script><p style="color: red">x</p></body>'
        )
        route.fulfill(response=response, body=html)

    page.route(f"{live_server.url}/login/", add_inline_code)
    page.goto(f"{live_server.url}/login/")
    page.wait_for_timeout(200)
    assert page.title() != "ran"  # the policy blocked it
    assert any("script-src" in text for text in no_csp_violations)
    assert any("style-src" in text for text in no_csp_violations)
    no_csp_violations.clear()  # seen; the guard's own assertion at teardown stays quiet
