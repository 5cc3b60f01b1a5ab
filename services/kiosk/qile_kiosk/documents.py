"""The GraphQL documents the kiosk sends: its half of the contract with the API.

Tests validate every document here against schema/schema.graphql, so a change
on either side that breaks the other fails in CI, not on a screen.
"""

from __future__ import annotations

SCREEN_FEED = """
query ScreenFeed($since: String) {
  screenFeed(since: $since) {
    version
    notModified
    generatedAt
    validUntil
    brand
    screen {
      name
      kind
      location
      community {
        name
        theme { name kind label }
        subdistrict { name }
        district { name }
      }
    }
    notices {
      id title body category categoryLabel priority urgent exclusive displayStart displayEnd
      image { poster photo { url width height sha256 } }
    }
    honours {
      id title subjectKind subjectName citation year
      photo { url width height sha256 }
    }
    events {
      id title description categoryLabel venue startsAt endsAt organiser largeScale publicUrl
      image { poster photo { url width height sha256 } }
    }
    photos { id caption happenedAt image { photo { url width height sha256 } } }
  }
}
"""

# Pairing: asked without any token. `claimUrl` (the console page that claims the code) is
# newer than the mutation: an API without it is asked again without it (client.py).
PAIRING_START = """
mutation PairingStart {
  screenPairingStart { code secret expiresAt claimUrl errors { code message } }
}
"""
PAIRING_START_LEGACY = PAIRING_START.replace(" claimUrl", "")

PAIRING_REDEEM = """
mutation PairingRedeem($code: String!, $secret: String!) {
  screenPairingRedeem(input: {code: $code, secret: $secret}) { status token errors { code message } }
}
"""

# With the screen's token, after each successful poll.
HEARTBEAT = """
mutation Heartbeat($input: ScreenHeartbeatInput!) {
  screenHeartbeat(input: $input) { screenshotRequested errors { code message } }
}
"""

PLAYS_RECORD = """
mutation PlaysRecord($plays: [PlayInput!]!) {
  screenPlaysRecord(plays: $plays) { accepted discarded errors { code message } }
}
"""

# Sent as a multipart request (GraphQL multipart request spec), the file in `0`.
SCREENSHOT_UPLOAD = """
mutation ScreenshotUpload($file: Upload!) {
  screenScreenshotUpload(file: $file) { screenshot { takenAt } errors { code message } }
}
"""

ALL_DOCUMENTS: dict[str, str] = {
    "ScreenFeed": SCREEN_FEED,
    "PairingStart": PAIRING_START,
    "PairingRedeem": PAIRING_REDEEM,
    "Heartbeat": HEARTBEAT,
    "PlaysRecord": PLAYS_RECORD,
    "ScreenshotUpload": SCREENSHOT_UPLOAD,
}
