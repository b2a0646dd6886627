# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every platform shares: the error the merchant reads, the HTTP client
base (auth, one request with its timeout, errors turned into retryable job
errors) and the adapter glue the backend builds with its factory."""

import email.utils
import logging
import re
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import requests

from odoo.tools import LazyTranslate

from odoo.addons.ecom_base.urls import UnsafeUrl, check_url, is_cut_short
from odoo.addons.queue_job.exception import RetryableJobError

_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)

ADAPTERS = {}


class PlatformError(Exception):
    """The shop answered something we cannot use; the message tells the
    merchant what happened and what to check (translated lazily)."""


class UnreadableOrder:
    """What :meth:`HttpClient.fetch_orders` yields instead of a payload for
    an order of a page that cannot be read (a record it refers to is
    missing at the shop, a follow-up request is refused): its inbox entry
    keeps what was read and fails alone, with ``reason``; the rest of the
    page is imported and the poll goes on."""

    def __init__(self, payload, reason):
        self.payload = payload
        self.reason = reason

    def error(self, external_id):
        """The error the merchant reads on the order's inbox entry."""
        return PlatformError(
            _lt(
                "The shop's order %(order)s cannot be read: %(reason)s.",
                order=external_id or "?",
                reason=self.reason,
            )
        )


def register(cls):
    ADAPTERS[cls.platform] = cls
    return cls


def get_adapter_class(platform):
    return ADAPTERS[platform]


def fill_parameters(message, parameters):
    """A Magento message with its placeholders filled in: ``%1``, ``%2`` by
    position, ``%name`` by name, or by order of appearance when Magento sends
    a named message's parameters as a list ("Invalid attribute %fieldName =
    %fieldValue." with ``["SKU", "X-1"]``)."""
    if isinstance(parameters, list):
        names = list(dict.fromkeys(re.findall(r"%([A-Za-z_]\w*)", message)))
        keys = names if names and len(names) == len(parameters) else None
        parameters = dict(
            zip(keys or [str(i) for i in range(1, len(parameters) + 1)], parameters, strict=True)
        )
    if isinstance(parameters, dict):
        # longest first: %10 before %1
        for key in sorted(parameters, key=lambda k: -len(str(k))):
            message = message.replace(f"%{key}", str(parameters[key]))
    return message


def parse_utc(value, zone=None):
    """A naive UTC datetime of a platform's date (ISO 8601 with or without
    offset, or ``YYYY-MM-DD HH:MM:SS`` in ``zone``, else UTC); None when it
    cannot be read."""
    text = str(value or "").strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone or timezone.utc)
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def retry_after_seconds(value, cap):
    """Seconds of a ``Retry-After`` header (delay or HTTP date), capped;
    None when the header is absent or unreadable."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = (parsed - datetime.now(timezone.utc)).total_seconds()
    return int(max(1.0, min(seconds, cap)) + 0.999)


class HttpClient:
    """The HTTP side of a platform: one request at a time, each with a
    timeout, never a retry loop.

    Network errors, HTTP 5xx and 429 raise queue_job's
    :class:`RetryableJobError`: the job that polls is retried by the job
    queue, after the platform's own hint (``Retry-After``, Shopify's cost
    bucket) when it gives one, else after the job's retry pattern.  Other
    refusals raise :class:`PlatformError` with the platform's own words.

    In ``interactive`` mode (the Test Connection button) every failure is a
    :class:`PlatformError` and the timeout is short: the merchant gets an
    answer within seconds.
    """

    #: seconds before a request is abandoned (``ecom_connector.http_timeout``)
    timeout = 30
    #: seconds of a request made while the merchant waits (Test Connection)
    interactive_timeout = 8
    #: cap of a retry hint, in seconds
    max_wait = 600
    #: redirects followed, each one checked like the first address
    max_redirects = 5

    def __init__(self, backend, interactive=False):
        self.backend = backend
        self.interactive = interactive
        self.base_url = (backend.base_url or "").rstrip("/")
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "ecom-suite-odoo/18.0"
        self.request_count = 0
        #: the update time (naive UTC) up to which every order was read by
        #: :meth:`fetch_orders`, set after each complete page
        self.checkpoint = None
        params = backend.env["ir.config_parameter"].sudo()
        self.timeout = float(params.get_param("ecom_connector.http_timeout", self.timeout))
        if interactive:
            self.timeout = min(self.timeout, self.interactive_timeout)

    def _auth(self):
        """Return ``(headers, auth, params)`` for a request."""
        return {}, None, {}

    def _retry(self, message, seconds=None):
        """The error of a failure that may pass: retryable in a job, a
        plain platform error when the merchant is waiting for the answer."""
        if self.interactive:
            return PlatformError(message)
        return RetryableJobError(str(message), seconds=seconds)

    def request(self, method, url, params=None, json=None, data=None, headers=None):
        """One HTTP request.  Returns the response, or raises
        :class:`RetryableJobError` (network error, 429, 5xx) or
        :class:`PlatformError` (refused) with a message the merchant can act
        on."""
        auth_headers, auth, auth_params = self._auth()
        all_headers = dict(auth_headers, **(headers or {}))
        all_params = dict(auth_params, **(params or {}))
        self.request_count += 1
        try:
            response = self._send(method, url, all_params, json, data, all_headers, auth)
        except UnsafeUrl as exc:
            raise PlatformError(exc.args[0]) from exc
        except requests.RequestException as exc:
            _logger.info("%s %s: %s", method, url, exc.__class__.__name__)
            raise self._retry(
                _lt(
                    "The shop at %(url)s does not answer: %(error)s",
                    url=self.base_url,
                    error=exc.__class__.__name__,
                )
            ) from exc
        status = response.status_code
        if is_cut_short(response):
            _logger.info("%s %s: answer cut short", method, url)
            raise self._retry(
                _lt("The shop's answer on %(url)s was cut short (connection closed).", url=url)
            )
        if status == 429 or status >= 500:
            _logger.info("%s %s: HTTP %s", method, url, status)
            raise self._retry(
                _lt(
                    "The shop answered HTTP %(status)s on %(url)s: %(body)s",
                    status=status,
                    url=url,
                    body=self._error_detail(response),
                ),
                seconds=self._retry_after(response),
            )
        if status in (401, 403):
            raise PlatformError(
                _lt(
                    "The shop refused the credentials (HTTP %(status)s): check the API key "
                    "of the shop. The shop said: %(body)s",
                    status=status,
                    body=self._error_detail(response),
                )
            )
        if status >= 400:
            raise PlatformError(
                _lt(
                    "The shop answered HTTP %(status)s on %(url)s: %(body)s",
                    status=status,
                    url=url,
                    body=self._error_detail(response),
                )
            )
        return response

    def _send(self, method, url, params, json, data, headers, auth):
        """Send one request; follow its redirects by hand, each target checked
        like the first address (no call to a private network through a
        redirect), the credentials kept only on the same host."""
        env = self.backend.env
        check_url(env, url)
        response = self.session.request(
            method,
            url,
            params=params,
            json=json,
            data=data,
            headers=headers,
            auth=auth,
            timeout=self.timeout,
            allow_redirects=False,
        )
        for _hop in range(self.max_redirects):
            if not response.is_redirect:
                return response
            target = urljoin(response.url, response.headers.get("Location", ""))
            check_url(env, target)
            if urlsplit(target).netloc != urlsplit(url).netloc:
                headers, auth = {}, None
            if response.status_code in (301, 302, 303):
                method, json, data = "GET", None, None
            response = self.session.request(
                method,
                target,
                json=json,
                data=data,
                headers=headers,
                auth=auth,
                timeout=self.timeout,
                allow_redirects=False,
            )
        if response.is_redirect:
            raise PlatformError(_lt("The shop redirects the request too many times."))
        return response

    def _error_detail(self, response):
        """The platform's own words for a refused request: the ``message`` of
        a JSON error (WordPress/WooCommerce, Magento with its ``%1``
        parameters filled in), else the start of the body."""
        text = response.text or ""
        try:
            data = response.json()
        except ValueError:
            return text[:300]
        message = data.get("message") if isinstance(data, dict) else None
        if not isinstance(message, str):
            return text[:300]
        return fill_parameters(message, data.get("parameters"))[:300]

    def _retry_after(self, response):
        """Seconds the platform asks to wait (``Retry-After``), or None."""
        return retry_after_seconds(response.headers.get("Retry-After"), self.max_wait)

    # ------------------------------------------------------- contract

    def test_connection(self):
        """Return a short description of the shop; raise PlatformError."""
        raise NotImplementedError

    def fetch_orders(self, since, until):
        """Yield ``(external_id, raw_payload_text)`` of every order updated in
        ``[since, until]`` (UTC naive datetimes), following the pagination,
        oldest update first, and set :attr:`checkpoint` after each page: an
        import stopped by a retryable error keeps what it read up to it.
        An order that cannot be read comes as ``(external_id,
        UnreadableOrder)``."""
        raise NotImplementedError


class Mapper:
    """The pure side of a platform: a payload in, canonical orders out; no
    network, no database."""

    def __init__(self, prices_include_tax=True):
        self.prices_include_tax = prices_include_tax

    def map_order(self, payload):
        """Map one raw order payload (text) to the canonical order dict."""
        raise NotImplementedError

    def split_payload(self, payload, content_type):
        """Split a pushed or uploaded payload into single orders:
        a list of ``(external_id, raw_payload_text)``."""
        raise NotImplementedError


class Adapter:
    """A shop platform seen from Odoo: its client and its mapper, built by
    :meth:`ecom.backend._get_adapter`.  Platforms register a subclass naming
    its two classes; an adapter that needs both (a PrestaShop order pushed
    bare is completed from the shop) overrides the method concerned."""

    platform = None
    #: media type of one order payload as stored in the inbox
    content_type = "application/json"
    client_class = HttpClient
    mapper_class = Mapper

    def __init__(self, backend, interactive=False):
        self.backend = backend
        self.client = self.client_class(backend, interactive=interactive)
        self.mapper = self.mapper_class(prices_include_tax=bool(backend.prices_include_tax))

    @property
    def request_count(self):
        return self.client.request_count

    def test_connection(self):
        return self.client.test_connection()

    def fetch_orders(self, since, until):
        return self.client.fetch_orders(since, until)

    def map_order(self, payload):
        return self.mapper.map_order(payload)

    def split_payload(self, payload, content_type):
        return self.mapper.split_payload(payload, content_type)
