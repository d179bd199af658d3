"""Plain types of the claims app that other layers share (no Django here)."""

import enum


class ReviewStatus(enum.StrEnum):
    UNREVIEWED = "unreviewed"
    VERIFIED = "verified"
    DISPUTED = "disputed"
    REJECTED = "rejected"
