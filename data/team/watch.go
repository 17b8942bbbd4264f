package team

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// PollInterval is how often Watch wakes without a notification, in case
// one was lost (notifications do not survive a dropped connection).
var PollInterval = 30 * time.Second

// retryInterval is how long Watch waits before connecting again.
var retryInterval = 3 * time.Second

// Channel is the LISTEN channel of a case: the server notifies it, with no
// payload, whenever a change to the case commits.
func Channel(caseID string) string {
	return "evidenceboard_" + strings.ReplaceAll(caseID, "-", "")
}

// Watch wakes the caller when the case l links to may have changed on the
// server: on every notification, every PollInterval, and on each
// reconnection (what was notified while cut off is lost). The caller
// answers a wake-up with a Sync. The channel is closed when ctx ends. A
// burst of notifications gives one wake-up; Watch never blocks on a slow
// reader.
func Watch(ctx context.Context, l Link) <-chan struct{} {
	wake := make(chan struct{}, 1)
	poke := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	go func() {
		defer close(wake)
		first := true
		for ctx.Err() == nil {
			conn, err := Connect(ctx, l.Server)
			if err == nil {
				_, err = conn.Exec(ctx, "LISTEN "+pgx.Identifier{Channel(l.CaseID)}.Sanitize())
			}
			if err == nil {
				if !first {
					poke() // notifications sent while cut off are lost
				}
				first = false
				listen(ctx, conn, poke)
			}
			if conn != nil {
				conn.Close(context.Background())
			}
			select {
			case <-ctx.Done():
			case <-time.After(retryInterval):
				poke()
			}
		}
	}()
	return wake
}

// listen waits for notifications on conn until ctx ends or the connection
// fails, waking at least every PollInterval.
func listen(ctx context.Context, conn *pgx.Conn, poke func()) {
	for {
		wctx, cancel := context.WithTimeout(ctx, PollInterval)
		_, err := conn.WaitForNotification(wctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if err != nil && wctx.Err() == nil {
			return // the connection failed
		}
		poke()
		if err != nil && conn.IsClosed() {
			return
		}
	}
}
