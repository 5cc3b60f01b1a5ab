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
    notices { id title body category categoryLabel priority urgent displayStart displayEnd }
    honours {
      id title subjectKind subjectName citation year
      photo { url width height sha256 }
    }
    events { id title description categoryLabel venue startsAt endsAt organiser largeScale }
  }
}
"""

ALL_DOCUMENTS: dict[str, str] = {"ScreenFeed": SCREEN_FEED}
