# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The common base of the carriers' web-service clients.

A client knows one carrier API: its URLs (test and production), its
authentication, how to build a request body and how to read the answer.  It
never touches the database: the shipping method (``delivery.carrier``) builds
it with its settings (see ``_ecom_get_client``) and gets plain data back.

Every HTTP call goes through :meth:`CarrierClient.request`:

- ``timeout=`` on every call;
- network errors, HTTP 5xx and 429 raise :class:`CarrierRetryableError`
  (with the ``Retry-After`` seconds when the carrier sent them): the caller
  retries through the job queue or tells the user to try again, nobody
  sleeps;
- a request the carrier refused raises :class:`CarrierError` with the
  carrier's own message and code (clients parse their error bodies);
- with ``debug`` on, request and response are logged (Python logger at
  DEBUG level, and ``log_hook`` for ``delivery.carrier.log_xml``) with the
  secrets replaced by ``***``.
"""

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

import requests

from odoo.addons.ecom_base.urls import is_cut_short

_logger = logging.getLogger(__name__)

MASK = "***"


class CarrierError(Exception):
    """The carrier refused the request: ``message`` is the carrier's own
    message (shown to the merchant inside a French sentence), ``code`` its
    error id when it gives one (Colissimo ``messages[].id``, Chronopost
    ``errorCode``, Mondial Relay ``STAT``...)."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        if self.code not in (None, ""):
            return f"[{self.code}] {self.message}"
        return self.message


class CarrierRetryableError(CarrierError):
    """The carrier could not answer now (network error, time-out, HTTP 5xx,
    HTTP 429): the same request may succeed later.  ``retry_after`` is the
    delay in seconds the carrier asked for, or None."""

    def __init__(self, message, code=None, retry_after=None):
        super().__init__(message, code=code)
        self.retry_after = retry_after


@dataclass
class LabelResult:
    """One parcel created at the carrier, as a client returns it.

    ``tracking_number`` and ``label`` always come together: a client that
    gets one without the other raises :class:`CarrierError`."""

    tracking_number: str
    label: bytes
    #: ``pdf`` or ``zpl`` (file extension of the label)
    label_format: str = "pdf"
    #: extra documents (e.g. the CN23 customs declaration): {name: bytes}
    documents: dict = field(default_factory=dict)
    #: price the carrier charged, when it says so
    price: float = 0.0
    #: anything else worth keeping (the carrier's parcel id, a partner number)
    extra: dict = field(default_factory=dict)


@dataclass
class TrackingEvent:
    """One carrier event, normalized: the framework maps ``code`` to a
    tracking state through the carrier's editable code table."""

    code: str
    label: str
    #: UTC, naive (as Odoo stores datetimes)
    date: datetime
    place: str = ""


@dataclass
class TrackingResult:
    """What the carrier says about one tracking number.

    ``status``: ``ok`` (``events`` read), ``unknown_yet`` (the carrier does
    not know the number yet: not an error, polled again later) or
    ``error`` (``message`` says why; kept on the parcel, polled again).
    ``is_final``: the carrier says nothing more will happen (La Poste
    ``isFinal``); None when the carrier has no such flag (the code table's
    final codes decide)."""

    tracking_number: str
    status: str = "ok"
    events: list = field(default_factory=list)
    is_final: bool | None = None
    message: str = ""


class CarrierClient:
    """Base of one carrier web-service client (one subclass per API).

    Subclasses set ``name``, ``test_url`` and ``prod_url`` and usually
    ``secret_names`` (field / header names whose values are masked in the
    debug log), then build their calls on :meth:`request`.
    """

    #: short name of the API, used in logs ("colissimo_sls", "laposte_suivi")
    name = "carrier"
    test_url = None
    prod_url = None
    #: seconds before a request is abandoned
    timeout = 30
    #: names (JSON keys, XML tags, headers, query params) holding secrets
    secret_names = ("password", "apikey", "x-okapi-key", "authorization", "security")

    def __init__(
        self,
        prod=False,
        base_url=None,
        timeout=None,
        debug=False,
        log_hook=None,
        secrets=(),
        session=None,
    ):
        """:param prod: production endpoint (else test)
        :param base_url: overrides the endpoint of the environment
        :param debug: log requests and responses (secrets stripped)
        :param log_hook: ``callable(text, name)`` receiving the debug log
            (``delivery.carrier.log_xml``)
        :param secrets: the secret values themselves, masked wherever they
            appear in a logged text
        """
        self.prod = prod
        self.base_url = (base_url or (self.prod_url if prod else self.test_url) or "").rstrip("/")
        if timeout:
            self.timeout = timeout
        self.debug = debug
        self.log_hook = log_hook
        self.secrets = [str(s) for s in secrets if s]
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = "ecom-suite-odoo/18.0"
        #: HTTP requests sent by this client (benchmarks read it)
        self.request_count = 0

    # ------------------------------------------------------------ HTTP

    def url(self, path=""):
        if path.startswith(("http://", "https://")):
            return path
        return f"{self.base_url}/{path.lstrip('/')}" if path else self.base_url

    def request(self, method, path="", *, retry_5xx=True, **kwargs):
        """Send one request with ``timeout=`` and return the response.

        Raises :class:`CarrierRetryableError` on network errors, time-outs,
        HTTP 429 and (with ``retry_5xx``) HTTP 5xx.  Other statuses are
        returned: the subclass reads the carrier's error body (a SOAP fault
        comes with HTTP 500, pass ``retry_5xx=False`` to read it).
        """
        url = self.url(path)
        kwargs.setdefault("timeout", self.timeout)
        self.request_count += 1
        if self.debug:
            self._log_request(method, url, kwargs)
        try:
            response = self.session.request(method, url, **kwargs)
        except requests.Timeout as exc:
            raise CarrierRetryableError(
                f"{self.name}: no answer within {kwargs['timeout']} s", code="timeout"
            ) from exc
        except requests.RequestException as exc:
            raise CarrierRetryableError(
                f"{self.name}: network error ({exc.__class__.__name__})", code="network"
            ) from exc
        if self.debug:
            self._log_response(method, url, response)
        status = response.status_code
        if is_cut_short(response):
            raise CarrierRetryableError(
                f"{self.name}: answer cut short (connection closed)", code="network"
            )
        if status == 429 or (retry_5xx and status >= 500):
            raise CarrierRetryableError(
                f"{self.name}: HTTP {status} {self._short_body(response)}".strip(),
                code=str(status),
                retry_after=self._retry_after(response),
            )
        return response

    @staticmethod
    def _retry_after(response):
        value = response.headers.get("Retry-After")
        if not value:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            return None

    @staticmethod
    def _short_body(response, limit=200):
        text = response.text or ""
        return re.sub(r"\s+", " ", text)[:limit]

    # ------------------------------------------------------ debug log

    def strip_secrets(self, text):
        """Return ``text`` with every secret masked: the known secret
        values, then JSON keys / XML tags / ``name=value`` pairs named in
        ``secret_names``."""
        if text is None:
            return ""
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        names = "|".join(re.escape(n) for n in self.secret_names)
        # JSON: "password": "value"
        text = re.sub(rf'("(?:{names})"\s*:\s*)"[^"]*"', rf'\1"{MASK}"', text, flags=re.IGNORECASE)
        # XML: <password>value</password>, with or without a namespace prefix
        text = re.sub(
            rf"(<(?:[\w-]+:)?({names})(?:\s[^>]*)?>)[^<]*(</(?:[\w-]+:)?\2>)",
            rf"\1{MASK}\3",
            text,
            flags=re.IGNORECASE,
        )
        # query strings and form bodies: password=value
        text = re.sub(rf"(\b(?:{names})=)[^&\s]*", rf"\1{MASK}", text, flags=re.IGNORECASE)
        return text

    def _headers_text(self, headers):
        lines = []
        for key, value in (headers or {}).items():
            if key.lower() in self.secret_names:
                value = MASK
            lines.append(f"{key}: {value}")
        return self.strip_secrets("\n".join(lines))

    def _body_text(self, kwargs):
        if kwargs.get("json") is not None:
            return self.strip_secrets(json.dumps(kwargs["json"], ensure_ascii=False))
        body = kwargs.get("data")
        if body is None:
            return ""
        return self.strip_secrets(body)

    def _log_request(self, method, url, kwargs):
        params = kwargs.get("params")
        query = "&".join(f"{k}={v}" for k, v in (params or {}).items())
        query = "?" + self.strip_secrets(query) if query else ""
        text = (
            f"{method} {self.strip_secrets(url)}{query}\n"
            f"{self._headers_text(kwargs.get('headers'))}\n\n{self._body_text(kwargs)}"
        )
        self._log(text, f"{self.name} request")

    def _log_response(self, method, url, response):
        content_type = response.headers.get("Content-Type", "")
        if content_type.startswith(("application/pdf", "application/octet-stream")):
            body = f"<{len(response.content)} bytes of {content_type}>"
        else:
            body = self.strip_secrets(response.content[:20000])
        text = f"HTTP {response.status_code} {method} {self.strip_secrets(url)}\n{body}"
        self._log(text, f"{self.name} response")

    def _log(self, text, name):
        _logger.debug("%s\n%s", name, text)
        if self.log_hook:
            self.log_hook(text, name)
