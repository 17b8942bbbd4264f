package data

import "github.com/google/uuid"

// NewID returns a fresh random UUID for a new card, link or change. IDs are
// UUIDs so that copies of a board made apart can be merged (and, for teams,
// synced) without two things ever sharing an ID.
func NewID() string { return uuid.NewString() }
