"""The address policy and the guarded fetch, on a real local server (no database)."""

import ipaddress

import pytest

from integrations.fetching import FetchError, FetchPolicy, fetch
from integrations.netguard import AddressPolicy, AddressRefused, resolve_allowed

PUBLIC = AddressPolicy()
LOCAL_ALLOWED = AddressPolicy.from_lists(networks=["127.0.0.1/32"])


@pytest.mark.parametrize(
    "address, why",
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private or reserved"),
        ("192.168.0.10", "private or reserved"),
        ("172.16.5.4", "private or reserved"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "private or reserved"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "private or reserved"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private or reserved"),
        ("::ffff:10.0.0.1", "private or reserved"),
    ],
)
def test_it_refuses_private_loopback_link_local_and_reserved_addresses(address, why):
    assert PUBLIC.refusal(ipaddress.ip_address(address)) == why


def test_it_allows_public_addresses_and_listed_exceptions():
    assert PUBLIC.refusal(ipaddress.ip_address("93.184.216.34")) is None
    assert PUBLIC.refusal(ipaddress.ip_address("2606:2800:220:1::1")) is None
    assert LOCAL_ALLOWED.refusal(ipaddress.ip_address("127.0.0.1")) is None
    assert LOCAL_ALLOWED.refusal(ipaddress.ip_address("127.0.0.2")) == "loopback"
    assert AddressPolicy.from_lists(hosts=["feeds.intranet"]).refusal(ipaddress.ip_address("10.0.0.5"), "feeds.intranet") is None


def test_a_name_with_one_private_address_among_public_ones_is_refused():
    def resolver(host, port):
        return ["93.184.216.34", "10.0.0.8"]

    with pytest.raises(AddressRefused, match="10.0.0.8, a private or reserved address"):
        resolve_allowed("mixed.example", 80, PUBLIC, resolver)
    assert resolve_allowed("public.example", 80, PUBLIC, lambda h, p: ["93.184.216.34"]) == "93.184.216.34"


def test_fetch_refuses_the_local_server_unless_a_setting_allows_it(httpserver, base):
    httpserver.expect_request("/page").respond_with_data("<p>hello</p>", content_type="text/html")
    with pytest.raises(FetchError, match="127.0.0.1, a loopback address"):
        fetch(f"{base}/page", FetchPolicy())
    assert fetch(f"{base}/page", FetchPolicy(addresses=LOCAL_ALLOWED)).body == b"<p>hello</p>"


def test_a_redirect_to_a_private_address_is_refused_after_the_redirect(httpserver, base):
    httpserver.expect_request("/go").respond_with_data("", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    with pytest.raises(FetchError, match="169.254.169.254, a link-local address") as caught:
        fetch(f"{base}/go", FetchPolicy(addresses=LOCAL_ALLOWED))
    assert not caught.value.transient


def test_redirects_are_followed_a_bounded_number_of_times(httpserver, base):
    httpserver.expect_request("/loop").respond_with_data("", status=301, headers={"Location": "/loop"})
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("<p>b</p>", content_type="text/html")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(f"{base}/loop", FetchPolicy(addresses=LOCAL_ALLOWED, max_redirects=3))
    answer = fetch(f"{base}/a", FetchPolicy(addresses=LOCAL_ALLOWED))
    assert (answer.url, answer.body) == (f"{base}/b", b"<p>b</p>")


def test_too_large_wrong_type_and_unreachable_are_clear_errors(httpserver, base):
    httpserver.expect_request("/big").respond_with_data("x" * 5000, content_type="text/html")
    httpserver.expect_request("/image").respond_with_data(b"\x89PNG....", content_type="image/png")
    policy = FetchPolicy(addresses=LOCAL_ALLOWED, max_bytes=1000, accept_types=("text/html",))
    with pytest.raises(FetchError, match="the answer is 5000 bytes; the limit is 1000"):
        fetch(f"{base}/big", policy)
    with pytest.raises(FetchError, match="the answer is image/png, not one of text/html"):
        fetch(f"{base}/image", policy)
    with pytest.raises(FetchError, match="could not reach 127.0.0.1") as caught:
        fetch("http://127.0.0.1:9/closed", policy)  # the discard port: nothing listens there
    assert caught.value.transient


def test_only_http_and_https_without_credentials_are_fetched():
    for url, message in [("file:///etc/passwd", "only http and https"), ("ftp://x.example/a", "only http and https"), ("http://user:pw@x.example/", "user name or password")]:
        with pytest.raises(FetchError, match=message):
            fetch(url, FetchPolicy())
