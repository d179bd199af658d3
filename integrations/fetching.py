"""One guarded HTTP request: timeout, size limit, content type, redirects re-checked.

Used for pages (add by URL), feeds (with conditional headers) and webhook
deliveries (POST, no redirects). urllib3 is already pinned (trafilatura uses
it) and lets us connect to the address netguard checked while still sending
the real Host header and checking the certificate for the real name.
Plain Python, no Django.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3

from integrations.netguard import AddressPolicy, AddressRefused, Resolver, resolve_allowed, system_resolver

USER_AGENT = "factdb/1.0 (fact-tracking)"


class FetchError(Exception):
    """A request that did not give a usable answer. `transient` errors may succeed later."""

    def __init__(self, message: str, *, transient: bool = False, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.status = status


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 10.0  # seconds for the whole exchange, not per read
    max_bytes: int = 2_000_000
    max_redirects: int = 5
    # Media types accepted in a 200 answer; empty accepts any (webhook answers).
    accept_types: tuple[str, ...] = ()
    addresses: AddressPolicy = field(default_factory=AddressPolicy)
    resolver: Resolver = system_resolver


@dataclass(frozen=True)
class Fetched:
    url: str  # where the answer came from, after redirects
    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL factdb may request, or FetchError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'no scheme'!r}")
    if not parts.hostname:
        raise FetchError("the URL has no host")
    if parts.username or parts.password:
        raise FetchError("URLs with a user name or password are not fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError("the URL's port is not a number") from None
    return parts.scheme, parts.hostname, port


def fetch(
    url: str,
    policy: FetchPolicy,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> Fetched:
    """The answer to one request, following at most policy.max_redirects redirects (GET only).

    Each redirect's target is checked like the first URL: a public page that
    redirects to http://169.254.169.254/ is refused.
    """
    deadline = time.monotonic() + policy.timeout
    for _ in range(policy.max_redirects + 1):
        answer = _one(url, policy, method=method, headers=headers or {}, body=body, deadline=deadline)
        location = answer.headers.get("location")
        if method != "GET" or answer.status not in (301, 302, 303, 307, 308) or not location:
            return _checked(answer, policy)
        url = urljoin(url, location)
    raise FetchError(f"more than {policy.max_redirects} redirects")


def _checked(answer: Fetched, policy: FetchPolicy) -> Fetched:
    if answer.status == 200 and policy.accept_types and answer.media_type not in policy.accept_types:
        raise FetchError(
            f"the answer is {answer.media_type or 'of no stated type'}, not one of {', '.join(policy.accept_types)}",
            status=answer.status,
        )
    return answer


def _one(url: str, policy: FetchPolicy, *, method: str, headers: dict, body: bytes | None, deadline: float) -> Fetched:
    scheme, host, port = check_url(url)
    try:
        address = resolve_allowed(host, port, policy.addresses, policy.resolver)
    except AddressRefused as exc:
        raise FetchError(str(exc)) from None
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"no answer within {policy.timeout:g} seconds", transient=True)
    timeout = urllib3.Timeout(connect=remaining, read=remaining)
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, timeout=timeout, retries=False, cert_reqs="CERT_REQUIRED", ca_certs=certifi.where(),
            server_hostname=host, assert_hostname=host,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    default_port = 443 if scheme == "https" else 80
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    name = f"[{host}]" if ":" in host else host  # an IPv6 literal keeps its brackets in the Host header
    sent = {"Host": name if port == default_port else f"{name}:{port}", "User-Agent": USER_AGENT, **headers}
    try:
        response = pool.urlopen(method, target, body=body, headers=sent, redirect=False, preload_content=False)
        try:
            data = _read_limited(response, policy, deadline)
        finally:
            response.release_conn()
    except urllib3.exceptions.NewConnectionError as exc:
        # Checked first: urllib3 makes "connection refused" a kind of connect timeout.
        raise FetchError(f"could not reach {host}: {_reason(exc)}", transient=True) from None
    except urllib3.exceptions.TimeoutError:
        raise FetchError(f"no answer within {policy.timeout:g} seconds", transient=True) from None
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(f"could not reach {host}: {_reason(exc)}", transient=True) from None
    finally:
        pool.close()
    answer = Fetched(url=url, status=response.status, headers={k.lower(): v for k, v in response.headers.items()}, body=data)
    if answer.status >= 500 or answer.status == 429:
        raise FetchError(f"{host} answered {answer.status}", transient=True, status=answer.status)
    return answer


def _read_limited(response, policy: FetchPolicy, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(f"the answer is {int(declared)} bytes; the limit is {policy.max_bytes}")
    chunks, size = [], 0
    for chunk in response.stream(65_536):
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"the answer is larger than the limit of {policy.max_bytes} bytes")
        if time.monotonic() > deadline:
            # A server dripping one byte at a time never trips the per-read timeout.
            raise FetchError(f"no complete answer within {policy.timeout:g} seconds", transient=True)
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason or exc).split(": ", 1)[-1][:300]
