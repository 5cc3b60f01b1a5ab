"""The GraphQL operations Qile's own clients send, by name: the only names metrics label.

An operation's name is whatever the caller writes, so labelling by it as
sent would let anyone create series without end. The kiosk's and the
console's documents are fixed and committed; their names are listed here and
a test (tests/api/observability/test_operations.py) fails when a client
gains, renames or drops a document without this list following.
"""

from __future__ import annotations

# services/kiosk/qile_kiosk/documents.py
KIOSK_OPERATIONS = frozenset(
    {
        "Heartbeat",
        "PairingRedeem",
        "PairingStart",
        "PlaysRecord",
        "ScreenFeed",
        "ScreenshotUpload",
    }
)

# graphql(`…`) documents under services/console/src
CONSOLE_OPERATIONS = frozenset(
    {
        "AccountCreate",
        "AccountDisable",
        "AccountEnable",
        "AccountResetPassword",
        "AccountResidentMobilesSet",
        "AccountUnlock",
        "AccountUpdate",
        "Accounts",
        "AssessmentHistory",
        "AssessmentSnapshotTake",
        "AttestationRecord",
        "AttestationsImport",
        "AuditChoices",
        "AuditLog",
        "ChangePassword",
        "ComingEvents",
        "CommunitiesImport",
        "CommunityAssessment",
        "CommunityRecords",
        "Event",
        "EventApprove",
        "EventAttendanceCorrect",
        "EventBatchApprove",
        "EventBatchReject",
        "EventBatchSubmit",
        "EventCheckIn",
        "EventCreate",
        "EventRecurrencePreview",
        "EventReject",
        "EventScans",
        "EventSeriesCreate",
        "EventSignUpSummary",
        "EventSubmit",
        "EventUpdate",
        "EventWalkInsAdd",
        "Events",
        "FacilitiesImport",
        "FacilityCreate",
        "FacilityDelete",
        "FacilityUpdate",
        "Honour",
        "HonourApprove",
        "HonourConsentRecord",
        "HonourConsentWithdraw",
        "HonourCreate",
        "HonourReject",
        "HonourSubmit",
        "HonourUpdate",
        "Honours",
        "Login",
        "Logout",
        "Me",
        "MediaUpload",
        "MyItems",
        "Notice",
        "NoticeApprove",
        "NoticeCreate",
        "NoticePublishUrgent",
        "NoticeReject",
        "NoticeSubmit",
        "NoticeUpdate",
        "Notices",
        "PilotProgramme",
        "RecognitionCreate",
        "RecognitionDelete",
        "RecognitionUpdate",
        "RegionTree",
        "ReviewCount",
        "ReviewQueue",
        "Screen",
        "ScreenDecommission",
        "ScreenPairingClaim",
        "ScreenRegister",
        "ScreenRotateToken",
        "ScreenScreenshotRequest",
        "Screens",
        "ScreensInScope",
        "SelectionCreate",
        "SelectionDelete",
        "SelectionUpdate",
        "SelectionsImport",
        "SignUps",
        "TeamCreate",
        "TeamDelete",
        "TeamUpdate",
        "TeamsImport",
        "Themes",
    }
)

KNOWN_OPERATIONS = KIOSK_OPERATIONS | CONSOLE_OPERATIONS
