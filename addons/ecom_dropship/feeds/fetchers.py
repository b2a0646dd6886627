# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fetch the payload of a supplier feed: ``(payload bytes, file name, feed
date as naive UTC datetime)``; raise ``UserError`` when it cannot be had."""

import base64
import glob
import os
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import requests

from odoo import fields
from odoo.exceptions import UserError


def fetch_upload(feed):
    if not feed.feed_file:
        raise UserError(feed.env._("Upload the supplier file on feed %s first.", feed.name))
    return (
        base64.b64decode(feed.feed_file),
        feed.feed_filename or "upload",
        fields.Datetime.now(),
    )


def fetch_folder(feed):
    folder = feed.folder_path or ""
    if not os.path.isdir(folder):
        raise UserError(feed.env._("The folder %s does not exist on the server.", folder))
    paths = [
        path
        for path in glob.glob(os.path.join(folder, feed.file_pattern or "*"))
        if os.path.isfile(path)
    ]
    if not paths:
        raise UserError(
            feed.env._(
                "No file matching %(pattern)s in %(folder)s.",
                pattern=feed.file_pattern,
                folder=folder,
            )
        )
    path = max(paths, key=os.path.getmtime)
    with open(path, "rb") as handle:
        payload = handle.read()
    mtime = datetime.fromtimestamp(os.path.getmtime(path), timezone.utc).replace(tzinfo=None)
    return payload, os.path.basename(path), mtime


def fetch_url(feed):
    auth = (feed.auth_user, feed.auth_password or "") if feed.auth_user else None
    try:
        response = requests.get(feed.url, auth=auth, timeout=feed.timeout or 30)
        response.raise_for_status()
    except requests.RequestException as exc:
        # the message may repeat the URL, never the credentials
        raise UserError(
            feed.env._(
                "The feed %(feed)s could not be downloaded: %(error)s",
                feed=feed.name,
                error=exc,
            )
        ) from exc
    feed_date = fields.Datetime.now()
    last_modified = response.headers.get("Last-Modified")
    if last_modified:
        try:
            feed_date = (
                parsedate_to_datetime(last_modified).astimezone(timezone.utc).replace(tzinfo=None)
            )
        except (TypeError, ValueError):
            feed_date = fields.Datetime.now()
    name = feed.url.rstrip("/").rsplit("/", 1)[-1] or "feed"
    return response.content, name, feed_date


FETCHERS = {"upload": fetch_upload, "folder": fetch_folder, "url": fetch_url}
