package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// LimitLength is the most bytes SQLite will hold in any one string or
// blob on our connections (SQLITE_LIMIT_LENGTH). It is well above
// MaxTextLen, because the history stores a whole card as JSON and a card
// has many text fields, yet far below what a hostile file could ask us to
// load: a row with a 100 MB text field fails with "string or blob too
// big" instead of being read into memory.
const LimitLength = 16 << 20

// sqliteLimits are set on every connection we open, before any statement
// reads the file (sqlite.org/security.html, "untrusted database files").
// None of our own statements comes near them.
var sqliteLimits = []struct{ id, val int }{
	{sqlite3.SQLITE_LIMIT_LENGTH, LimitLength},
	{sqlite3.SQLITE_LIMIT_SQL_LENGTH, 100_000},
	{sqlite3.SQLITE_LIMIT_COLUMN, 100},
	{sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 50},
	{sqlite3.SQLITE_LIMIT_COMPOUND_SELECT, 10},
	{sqlite3.SQLITE_LIMIT_VDBE_OP, 250_000},
	{sqlite3.SQLITE_LIMIT_FUNCTION_ARG, 8},
	// VACUUM INTO attaches its output for the length of the statement.
	{sqlite3.SQLITE_LIMIT_ATTACHED, 1},
	{sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100},
	{sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100},
	{sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 1},
	{sqlite3.SQLITE_LIMIT_WORKER_THREADS, 0},
	{sqlite3.SQLITE_LIMIT_PARSER_DEPTH, 200},
}

// limitedConnector opens connections through modernc.org/sqlite and sets
// sqliteLimits on each before database/sql may use it, so that even a
// connection the pool opens anew later carries them.
type limitedConnector struct{ base driver.Connector }

func (c limitedConnector) Driver() driver.Driver { return c.base.Driver() }

func (c limitedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	if err := setLimits(ctx, conn); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

// setLimits applies sqliteLimits to conn. sqlite.Limit wants a *sql.Conn,
// so conn is lent to a throwaway sql.DB behind a wrapper whose Close does
// nothing; sqlite.Limit reaches the driver's connection through Unwrap.
func setLimits(ctx context.Context, conn driver.Conn) error {
	tmp := sql.OpenDB(lendConnector{conn})
	defer tmp.Close()
	sc, err := tmp.Conn(ctx)
	if err != nil {
		return err
	}
	defer sc.Close()
	for _, l := range sqliteLimits {
		if _, err := sqlite.Limit(sc, l.id, l.val); err != nil {
			return fmt.Errorf("setting SQLite limit %d: %w", l.id, err)
		}
	}
	for _, l := range sqliteLimits {
		if got, err := sqlite.Limit(sc, l.id, -1); err != nil || got > l.val {
			return fmt.Errorf("SQLite limit %d is %d, want at most %d", l.id, got, l.val)
		}
	}
	return nil
}

type lendConnector struct{ conn driver.Conn }

func (l lendConnector) Connect(context.Context) (driver.Conn, error) { return lentConn{l.conn}, nil }
func (l lendConnector) Driver() driver.Driver                        { return nil }

// lentConn is conn on loan: closing it leaves the connection open.
type lentConn struct{ driver.Conn }

func (lentConn) Close() error          { return nil }
func (c lentConn) Unwrap() driver.Conn { return c.Conn }
func (c lentConn) Begin() (driver.Tx, error) {
	return nil, fmt.Errorf("lent connection: no transactions")
}
