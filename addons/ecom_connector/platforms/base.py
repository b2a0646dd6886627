# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import email.utils
import logging
import time
from datetime import datetime, timezone

import requests

from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)

ADAPTERS = {}


class PlatformError(Exception):
    """The shop answered something we cannot use; the message tells the
    merchant what happened and what to check (translated lazily)."""


def register(cls):
    ADAPTERS[cls.platform] = cls
    return cls


def get_adapter_class(platform):
    return ADAPTERS[platform]


class Adapter:
    """A shop platform seen from Odoo.

    Subclasses implement the HTTP side (``fetch_orders``, ``test_connection``)
    and the mapping of the platform's own order payload to the canonical
    order dict (``map_order``).  They never touch the database: the backend
    gives them their settings and gets plain data back.
    """

    platform = None
    #: media type of one order payload as stored in the inbox
    content_type = "application/json"
    #: seconds before a request is abandoned
    timeout = 30
    #: attempts for one request on 429 / 5xx / timeouts
    max_attempts = 5
    #: first backoff delay in seconds (doubled each attempt)
    backoff = 1.0
    #: cap of one wait, honouring Retry-After up to it
    max_wait = 60.0

    def __init__(self, backend):
        self.backend = backend
        self.base_url = (backend.base_url or "").rstrip("/")
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "ecom-suite-odoo/18.0"
        self.request_count = 0
        params = backend.env["ir.config_parameter"].sudo()
        self.timeout = float(params.get_param("ecom_connector.http_timeout", self.timeout))
        self.backoff = float(params.get_param("ecom_connector.http_backoff", self.backoff))

    # ------------------------------------------------------------ HTTP

    def _auth(self):
        """Return ``(headers, auth, params)`` for a request."""
        return {}, None, {}

    def request(self, method, url, params=None, json=None, data=None, headers=None):
        """One HTTP request with timeout and retries on 429 / 5xx / network
        errors, honouring ``Retry-After``.  Returns the response or raises
        :class:`PlatformError` with a message the merchant can act on."""
        auth_headers, auth, auth_params = self._auth()
        all_headers = dict(auth_headers, **(headers or {}))
        all_params = dict(auth_params, **(params or {}))
        delay = self.backoff
        for attempt in range(1, self.max_attempts + 1):
            self.request_count += 1
            try:
                response = self.session.request(
                    method, url, params=all_params, json=json, data=data,
                    headers=all_headers, auth=auth, timeout=self.timeout,
                )
            except requests.RequestException as exc:
                if attempt == self.max_attempts:
                    raise PlatformError(
                        _lt("The shop at %(url)s does not answer: %(error)s",
                            url=self.base_url, error=exc.__class__.__name__)
                    ) from exc
                _logger.info("%s %s: %s, retry %s in %.1fs", method, url, exc, attempt, delay)
                time.sleep(delay)
                delay *= 2
                continue
            if response.status_code == 429 or response.status_code >= 500:
                if attempt == self.max_attempts:
                    raise PlatformError(
                        _lt("The shop keeps answering HTTP %(status)s on %(url)s; "
                            "try again later.", status=response.status_code, url=url)
                    )
                wait = self._retry_after(response, delay)
                _logger.info("%s %s: HTTP %s, retry %s in %.1fs",
                             method, url, response.status_code, attempt, wait)
                time.sleep(wait)
                delay *= 2
                continue
            if response.status_code in (401, 403):
                raise PlatformError(
                    _lt("The shop refused the credentials (HTTP %(status)s): check the "
                        "API key of the shop.", status=response.status_code)
                )
            if response.status_code >= 400:
                raise PlatformError(
                    _lt("The shop answered HTTP %(status)s on %(url)s: %(body)s",
                        status=response.status_code, url=url,
                        body=self._error_detail(response))
                )
            return response
        raise AssertionError("unreachable")

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
        parameters = data.get("parameters")
        if isinstance(parameters, list):
            parameters = {str(index): value for index, value in enumerate(parameters, 1)}
        if isinstance(parameters, dict):
            for key, value in parameters.items():
                message = message.replace(f"%{key}", str(value))
        return message[:300]

    def _retry_after(self, response, default):
        value = response.headers.get("Retry-After")
        if not value:
            return min(default, self.max_wait)
        try:
            seconds = float(value)
        except ValueError:
            parsed = email.utils.parsedate_to_datetime(value)
            seconds = (parsed - datetime.now(timezone.utc)).total_seconds()
        return max(0.0, min(seconds, self.max_wait))

    # ------------------------------------------------------- contract

    def test_connection(self):
        """Return a short description of the shop; raise PlatformError."""
        raise NotImplementedError

    def fetch_orders(self, since, until):
        """Yield ``(external_id, raw_payload_text)`` of every order updated in
        ``[since, until]`` (UTC naive datetimes), following the pagination."""
        raise NotImplementedError

    def map_order(self, payload):
        """Map one raw order payload (text) to the canonical order dict."""
        raise NotImplementedError

    def split_payload(self, payload, content_type):
        """Split a pushed or uploaded payload into single orders:
        a list of ``(external_id, raw_payload_text)``.  By default the
        payload is one order of the platform's own format."""
        raise NotImplementedError
