package team

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"evidenceboard/data/team/teamtest"
)

// The tests run against a real PostgreSQL, never a mock: TestMain starts a
// throwaway cluster (teamtest) and stops it at the end.

type cluster = teamtest.Cluster

var (
	testServer *cluster
	serverErr0 error // why there is no server
)

func TestMain(m *testing.M) {
	code := func() int {
		if os.Getenv("EVIDENCEBOARD_NO_POSTGRES") == "1" {
			serverErr0 = errSkip
			return m.Run()
		}
		c, err := teamtest.Start()
		if err != nil {
			serverErr0 = err
			return m.Run()
		}
		testServer = c
		defer c.Stop()
		if err := c.Setup(); err != nil {
			serverErr0 = err
		} else {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			_, serverErr0 = Init(ctx, c.URL("evb_owner"))
			cancel()
		}
		return m.Run()
	}()
	os.Exit(code)
}

var errSkip = errors.New("EVIDENCEBOARD_NO_POSTGRES=1")

// needServer fails the test when there is no server, unless
// EVIDENCEBOARD_NO_POSTGRES=1 says to skip.
func needServer(t testing.TB) *cluster {
	t.Helper()
	if serverErr0 == errSkip {
		t.Skip("EVIDENCEBOARD_NO_POSTGRES=1: tests against PostgreSQL skipped")
	}
	if serverErr0 != nil {
		t.Fatalf("these tests need PostgreSQL: %v", serverErr0)
	}
	return testServer
}
