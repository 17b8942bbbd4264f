package data

import (
	"context"
	"database/sql/driver"
)

// Every statement on our connections is prepared once per connection and
// kept: modernc.org/sqlite prepares a statement anew at every Exec and
// Query that is not run through a prepared *sql.Stmt, and preparing (SQLite
// parsing the SQL and planning it) cost more than running the statement
// for everything a small board does: each edit's dozen statements, a
// merge's reads of both histories, a second load of the same board. The
// cache sits below database/sql, so every caller (a transaction's Exec, a
// QueryRow on the DB, readRows on the driver itself) gets it without
// preparing anything by hand.
//
// A kept statement is reset after each use (modernc.org/sqlite does it, as
// for a *sql.Stmt), so it holds no lock and no read transaction between
// uses; SQLite prepares it again by itself if the schema changed
// (sqlite3_prepare_v2), as after a schema step.

// maxCachedStmts bounds the statements kept per connection. Ours are a few
// dozen texts; queries built with varying text (none so far) would only
// cycle through the slots.
const maxCachedStmts = 128

// cachingConnector gives connections that keep their statements.
type cachingConnector struct{ base driver.Connector }

func (c cachingConnector) Driver() driver.Driver { return c.base.Driver() }

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	bc, ok := conn.(cacheableConn)
	if !ok {
		return conn, nil // a driver without the interfaces: used as it is
	}
	return &cachingConn{cacheableConn: bc, stmts: map[string]*cachedStmt{}}, nil
}

// cacheableConn is what modernc.org/sqlite's connection implements and
// database/sql asks of it; the wrapper passes each on.
type cacheableConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

type ctxStmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

type cachedStmt struct {
	st ctxStmt
	// busy: the statement is running, or rows it gave are still open. A
	// second use meanwhile (a query nested in another's rows, with the
	// same text) gets a statement of its own, prepared and dropped as
	// without the cache.
	busy bool
}

// cachingConn is a connection that keeps the statements run on it (see
// above). database/sql uses a connection from one goroutine at a time, and
// closes rows under the same lock, so the map needs no lock of its own.
type cachingConn struct {
	cacheableConn
	stmts map[string]*cachedStmt
}

// Unwrap gives the driver's own connection, for sqlite.Limit and the like.
func (c *cachingConn) Unwrap() driver.Conn { return c.cacheableConn }

// take returns query's kept statement, marked busy, preparing and keeping
// it if need be; nil when it cannot be kept (busy, no room, or it does not
// prepare: the plain path then gives the error in the driver's words).
func (c *cachingConn) take(ctx context.Context, query string) *cachedStmt {
	if cs := c.stmts[query]; cs != nil {
		if cs.busy {
			return nil
		}
		cs.busy = true
		return cs
	}
	if len(c.stmts) >= maxCachedStmts {
		for q, cs := range c.stmts {
			if !cs.busy {
				cs.st.Close()
				delete(c.stmts, q)
				break
			}
		}
		if len(c.stmts) >= maxCachedStmts {
			return nil
		}
	}
	ds, err := c.cacheableConn.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	st, ok := ds.(ctxStmt)
	if !ok {
		ds.Close()
		return nil
	}
	cs := &cachedStmt{st: st, busy: true}
	c.stmts[query] = cs
	return cs
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	cs := c.take(ctx, query)
	if cs == nil {
		return c.cacheableConn.ExecContext(ctx, query, args)
	}
	defer func() { cs.busy = false }()
	return cs.st.ExecContext(ctx, args)
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	cs := c.take(ctx, query)
	if cs == nil {
		return c.cacheableConn.QueryContext(ctx, query, args)
	}
	r, err := cs.st.QueryContext(ctx, args)
	if err != nil {
		cs.busy = false
		return nil, err
	}
	return &cachedRows{Rows: r, cs: cs}, nil
}

// Close drops the kept statements, then closes the connection.
func (c *cachingConn) Close() error {
	for q, cs := range c.stmts {
		cs.st.Close()
		delete(c.stmts, q)
	}
	return c.cacheableConn.Close()
}

// cachedRows frees its statement for the next use when closed.
type cachedRows struct {
	driver.Rows
	cs *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	if r.cs != nil {
		r.cs.busy = false
		r.cs = nil
	}
	return err
}
