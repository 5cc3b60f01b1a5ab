"""Staff open images off public view in a browser: signed links that expire and name one image."""

from __future__ import annotations

from datetime import timedelta

from strawberry.relay import to_base64

from tests.api import staff
from tests.api.conftest import Api
from tests.api.media.test_access import SHA, draft_honour_photo

PHOTO_URL = "query($id: ID!) { node(id: $id) { ... on Honour { photo { url } } } }"


async def test_a_staff_link_opens_a_draft_photo_without_a_token_until_it_expires(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    honour = await draft_honour_photo(api)

    body = await api.gql(PHOTO_URL, {"id": to_base64("Honour", honour)}, token=editor)
    link = body["data"]["node"]["photo"]["url"]
    opened = await api.client.get(link)  # as a browser would: no Authorization header

    assert link.startswith(f"/media/{SHA}?exp=")
    assert opened.status_code == 200
    assert opened.headers["cache-control"].startswith("private, max-age=")
    assert (await api.client.get(f"/media/{SHA}")).status_code == 404  # the plain path stays closed

    api.clock.now += timedelta(minutes=21)
    assert (await api.client.get(link)).status_code == 404


async def test_a_link_cannot_be_bent_to_another_image_or_time(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    honour = await draft_honour_photo(api)
    link = (await api.gql(PHOTO_URL, {"id": to_base64("Honour", honour)}, token=editor))["data"]["node"]["photo"]["url"]
    path, _, query = link.partition("?")
    params = dict(p.split("=") for p in query.split("&"))

    later = f"{path}?exp={int(params['exp']) + 86400}&sig={params['sig']}"
    forged = f"{path}?exp={params['exp']}&sig={'0' * 32}"
    other = f"/media/{'a' * 64}?exp={params['exp']}&sig={params['sig']}"

    assert (await api.client.get(later)).status_code == 404
    assert (await api.client.get(forged)).status_code == 404
    assert (await api.client.get(other)).status_code == 404


async def test_the_public_and_staff_outside_the_scope_get_no_link(api: Api) -> None:
    elsewhere = await staff.staff(api.db, "elsewhere", "EDITOR", "柳毅社区")
    honour = await draft_honour_photo(api)

    public = await api.gql(PHOTO_URL, {"id": to_base64("Honour", honour)})
    other = await api.gql(PHOTO_URL, {"id": to_base64("Honour", honour)}, token=elsewhere)

    # The draft is not theirs to see at all, so no URL reaches them.
    assert public["data"]["node"] is None
    assert other["data"]["node"] is None
