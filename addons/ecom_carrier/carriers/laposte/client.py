# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""La Poste "Suivi v2" (Okapi): tracking of Colissimo, Lettre suivie and
Chronopost parcels, up to 10 numbers per request.

A multi-number request answers HTTP 207 with one envelope per number, each
with its own ``returnCode``: the HTTP status alone says nothing.  104 (not
available yet) and 105 (not known yet) are not errors.
"""

from datetime import datetime, timezone

from ..base import CarrierClient, CarrierError, TrackingEvent, TrackingResult

MAX_IDS = 10
#: per-number return codes meaning "not scanned yet": polled again later
NOT_YET = {"104", "105"}


def parse_date(value):
    """An ISO 8601 date of Suivi v2 as a naive UTC datetime."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


class LaPosteSuiviClient(CarrierClient):
    name = "laposte_suivi"
    # no sandbox: the published test key works on production, low quota
    test_url = prod_url = "https://api.laposte.fr/suivi/v2"
    secret_names = CarrierClient.secret_names + ("x-okapi-key",)

    def __init__(self, okapi_key=None, lang="fr_FR", **kwargs):
        super().__init__(**kwargs)
        self.okapi_key = okapi_key
        self.lang = lang

    def track(self, numbers):
        """``{number: TrackingResult}`` for up to :data:`MAX_IDS` numbers."""
        numbers = [n for n in numbers if n]
        if not numbers:
            return {}
        if len(numbers) > MAX_IDS:
            raise ValueError(f"La Poste Suivi v2 takes {MAX_IDS} numbers per request")
        response = self.request(
            "GET",
            "idships/" + ",".join(numbers),
            params={"lang": self.lang},
            headers={"X-Okapi-Key": self.okapi_key or "", "Accept": "application/json"},
        )
        status = response.status_code
        if status in (401, 403):
            raise CarrierError("La Poste refused the tracking key (X-Okapi-Key)", code=str(status))
        try:
            data = response.json()
        except ValueError:
            if status == 404:
                # an unknown number may come back as a bare 404
                return {n: TrackingResult(n, status="unknown_yet") for n in numbers}
            raise CarrierError(
                f"La Poste Suivi: HTTP {status} {self._short_body(response)}", code=str(status)
            ) from None
        envelopes = data if isinstance(data, list) else [data]
        if status >= 400 and len(numbers) > 1 and not isinstance(data, list):
            message = data.get("returnMessage") or data.get("message") or f"HTTP {status}"
            raise CarrierError(message, code=str(data.get("returnCode") or status))
        results = {}
        for index, envelope in enumerate(envelopes):
            shipment = envelope.get("shipment") or {}
            number = (
                shipment.get("idShip")
                or envelope.get("idShip")
                or (numbers[index] if index < len(numbers) else None)
            )
            if number:
                results[number] = self._read_envelope(number, envelope)
        for number in numbers:
            results.setdefault(
                number, TrackingResult(number, status="error", message="no answer for this number")
            )
        return results

    def _read_envelope(self, number, envelope):
        code = str(envelope.get("returnCode", ""))
        message = envelope.get("returnMessage") or ""
        if code in NOT_YET:
            return TrackingResult(number, status="unknown_yet", message=message)
        shipment = envelope.get("shipment")
        if code not in ("200", "201", "207") or not shipment:
            return TrackingResult(number, status="error", message=f"[{code}] {message}".strip())
        events = [
            TrackingEvent(
                code=event.get("code") or "",
                label=event.get("label") or "",
                date=parse_date(event["date"]),
                place=event.get("country") or "",
            )
            for event in shipment.get("event") or []
            if event.get("date")
        ]
        return TrackingResult(
            number,
            status="ok",
            events=events,
            is_final=bool(shipment.get("isFinal")),
        )
