"""Drives a running nox-fake over HTTP with Python's standard library only (issue #16: a service in
another language). Usage: drive.py <base url> <api key> <admin token>. Prints one JSON summary line;
exits non-zero (with the reason) on the first answer that is not what the fake documents."""
import json
import sys
import urllib.error
import urllib.request

BASE, KEY, TOKEN = sys.argv[1], sys.argv[2], sys.argv[3]


def call(method, path, body=None, headers=None, expect=200):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("content-type", "application/json")
    try:
        with urllib.request.urlopen(request) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    if status != expect:
        sys.exit(f"{method} {path}: expected {expect}, got {status}: {text}")
    return json.loads(text) if text else None


admin = {"authorization": "Bearer " + TOKEN}
call("GET", "/__nox/health", expect=401)
assert call("GET", "/__nox/health", headers=admin) == {"status": "ok"}

# The public route, as the supplier's backend calls it.
body = {"user_id": "py-user", "asset_type": "hp", "redirect_url": "https://app.example/back"}
session = call("POST", "/supplier/link-sessions", body, {"x-api-key": KEY}, expect=201)
call("POST", "/supplier/link-sessions", body, {"x-api-key": "wrong"}, expect=401)

# The user completes it on NOX; the callback names the user the session was made for.
done = call("POST", f"/__nox/sessions/{session['link_token']}/complete", {"brand": "daikin"}, admin)
assert done["callback"]["supplier_user_id"] == "py-user", done
assert done["redirectUrl"].startswith("https://app.example/back?data="), done
call("POST", f"/__nox/sessions/{session['link_token']}/complete", {}, admin, expect=410)
call("POST", "/__nox/sessions/no-such-token/complete", {}, admin, expect=404)

requests = call("GET", "/__nox/requests", headers=admin)["requests"]
assert [r["path"] for r in requests] == ["/supplier/link-sessions"] * 2, requests
assert call("GET", "/__nox/requests?since=1", headers=admin)["requests"] == requests[1:]

# A scripted fault answers the next request, then the fake is itself again.
assert call("POST", "/__nox/faults", {"fault": {"status": 503}}, admin) == {"pending": 1}
call("POST", "/supplier/link-sessions", body, {"x-api-key": KEY}, expect=503)
assert call("GET", "/__nox/faults", headers=admin) == {"pending": 0}

# Moving the clock past expires_at expires the link page.
fresh = call("POST", "/supplier/link-sessions", body, {"x-api-key": KEY}, expect=201)
before = call("GET", "/__nox/clock", headers=admin)["now"]
after = call("POST", "/__nox/clock", {"advanceSeconds": 11 * 60}, admin)["now"]
assert after - before >= 11 * 60, (before, after)
call("POST", f"/__nox/sessions/{fresh['link_token']}/complete", {}, admin, expect=410)

assert call("POST", "/__nox/reset", headers=admin) == {"reset": True}
assert call("GET", "/__nox/sessions", headers=admin) == {"sessions": []}
call("GET", "/__nox/nothing-here", headers=admin, expect=404)
print(json.dumps({"ok": True, "sessions": 2, "requests": len(requests)}))
