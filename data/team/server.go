// Package team links a board file to a case on a team server: a
// PostgreSQL database where a team's copies of one case meet. Each copy
// keeps working offline in its own .evboard file; a sync round pushes the
// changes made here and pulls the others', applied as changes through
// data.Case like any edit. docs/TEAM.md describes the server's schema and
// its security model. This package knows nothing of Fyne.
package team

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ServerVersion is the version of the server schema this build creates
// and reads: schema/1.sql … schema/N.sql, each run once, in order.
const ServerVersion = 1

//go:embed schema/*.sql
var schemaFS embed.FS

// ErrUnreachable is wrapped by every error that means the server could
// not be reached (down, refused, timed out, cut off): a board's changes
// stay kept and the next sync resumes.
var ErrUnreachable = errors.New("cannot reach the team server")

// ErrNoAccess is wrapped when the case is not there or the role
// connecting has not been granted it; the two look the same on purpose.
var ErrNoAccess = errors.New("no such case, or not granted to this role")

// ErrPassword is wrapped when the server asks for a password and none was
// given: not in the address, PGPASSWORD, ~/.pgpass, nor RememberPassword.
// The app then asks for one; the command line says where to put it.
var ErrPassword = errors.New("asks for a password")

// ConnectTimeout bounds how long connecting may take when the address does
// not say (connect_timeout).
var ConnectTimeout = 5 * time.Second

// CleanURL checks a server address and returns it as a board may keep it:
// a postgres:// or postgresql:// URL without a password. A password is
// never written into a board file; it comes from ~/.pgpass, PGPASSWORD or
// a prompt.
func CleanURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" && u.Query().Get("host") == "" {
		return "", fmt.Errorf("%q is not a server address: write postgres://USER@HOST/DATABASE", redact(raw))
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String(), nil
}

// redact hides a password in an address about to be shown.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the address"
	}
	return u.Redacted()
}

// Connect opens a connection to the server at addr (a postgres:// URL).
// sslmode and the other libpq settings in the address are honoured; the
// password comes from the address, ~/.pgpass, PGPASSWORD or, failing
// those, one remembered for this session (RememberPassword).
func Connect(ctx context.Context, addr string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(addr)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", redact(addr), plainPG(err))
	}
	if !strings.Contains(addr, "connect_timeout") {
		cfg.ConnectTimeout = ConnectTimeout
	}
	given := cfg.Password != ""
	key := passwordKey(cfg)
	remembered := false
	if !given {
		passwords.Lock()
		cfg.Password, remembered = passwords.m[key]
		passwords.Unlock()
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	var pe *pgconn.PgError
	if err != nil && !given && !remembered && Prompt != nil && errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000") {
		if pw, ok := Prompt(cfg.User, cfg.Host); ok {
			cfg.Password, remembered = pw, true
			passwords.Lock()
			passwords.m[key] = pw
			passwords.Unlock()
			conn, err = pgx.ConnectConfig(ctx, cfg)
		}
	}
	if err != nil {
		if !given && errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000") {
			if remembered {
				ForgetPassword(addr) // wrong: ask again
			}
			return nil, fmt.Errorf("team server %s %w for role %s (%s)", cfg.Host, ErrPassword, cfg.User, plainPG(err))
		}
		return nil, serverErr(addr, err)
	}
	return conn, nil
}

// Prompt, when set, is asked once for the password of role on host when
// the server wants one and the address, PGPASSWORD, ~/.pgpass and this
// session give none; ok false means none was given. The command line sets
// it when it runs in a terminal; the app asks with a dialog instead.
var Prompt func(role, host string) (pw string, ok bool)

// passwords are the ones given for this session (RememberPassword), by
// passwordKey: in memory only, never written to a board or a file.
var passwords = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

func passwordKey(cfg *pgx.ConnConfig) string {
	return fmt.Sprintf("%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
}

// RememberPassword keeps pw, for this process only, as the password of the
// role and server addr names; Connect uses it when the address,
// PGPASSWORD and ~/.pgpass give none. The app's password dialog calls it.
func RememberPassword(addr, pw string) error {
	cfg, err := pgx.ParseConfig(addr)
	if err != nil {
		return fmt.Errorf("%s: %v", redact(addr), plainPG(err))
	}
	passwords.Lock()
	passwords.m[passwordKey(cfg)] = pw
	passwords.Unlock()
	return nil
}

// ForgetPassword drops the password remembered for addr's role and server.
func ForgetPassword(addr string) {
	cfg, err := pgx.ParseConfig(addr)
	if err != nil {
		return
	}
	passwords.Lock()
	delete(passwords.m, passwordKey(cfg))
	passwords.Unlock()
}

// serverErr says err in one line naming the server, wrapping
// ErrUnreachable when the server could not be reached at all.
func serverErr(addr string, err error) error {
	if err == nil {
		return nil
	}
	host := redact(addr)
	if u, e := url.Parse(addr); e == nil && u.Host != "" {
		host = u.Host
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code != "57P01" && pe.Code != "57P02" && pe.Code != "57P03" && !strings.HasPrefix(pe.Code, "08") {
		if errors.Is(err, ErrNoAccess) {
			return err
		}
		return fmt.Errorf("team server %s: %s", host, plainPG(err))
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%w %s: %s", ErrUnreachable, host, plainPG(err))
}

// plainPG says a driver error without its Go plumbing.
func plainPG(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Message
	}
	s := err.Error()
	// pgconn repeats the address and the phase; the last part says why.
	if i := strings.LastIndex(s, ": "); i >= 0 && strings.Contains(s, "failed to connect") {
		s = s[i+2:]
	}
	return s
}

// Init creates the server schema at addr, or steps it up to
// ServerVersion. Run it once as the role that is to own the schema (a
// database owner, not necessarily a superuser). It returns the version the
// server was at before.
func Init(ctx context.Context, addr string) (was int, err error) {
	conn, err := Connect(ctx, addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close(context.Background())
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, serverErr(addr, err)
	}
	defer tx.Rollback(context.Background())
	// Two inits at once wait for each other rather than fail half way.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('evidenceboard schema'))`); err != nil {
		return 0, serverErr(addr, err)
	}
	was, err = serverVersion(ctx, tx)
	if err != nil {
		return 0, serverErr(addr, err)
	}
	if was > ServerVersion {
		return was, fmt.Errorf("team server %s: its schema is version %d, made by a newer Evidence Board; this one knows up to %d", redact(addr), was, ServerVersion)
	}
	for v := was + 1; v <= ServerVersion; v++ {
		text, err := schemaFS.ReadFile("schema/" + strconv.Itoa(v) + ".sql")
		if err != nil {
			return was, err
		}
		if _, err := tx.Exec(ctx, string(text)); err != nil {
			return was, fmt.Errorf("team server %s: schema step %d: %s", redact(addr), v, plainPG(err))
		}
		if _, err := tx.Exec(ctx, `UPDATE evidenceboard.meta SET version = $1`, v); err != nil {
			return was, serverErr(addr, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return was, serverErr(addr, err)
	}
	return was, nil
}

// serverVersion reads the schema's version: 0 when there is none.
func serverVersion(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}) (int, error) {
	var exists bool
	if err := q.QueryRow(ctx, `SELECT to_regclass('evidenceboard.meta') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, err
	}
	if !exists {
		return 0, nil
	}
	var v int
	err := q.QueryRow(ctx, `SELECT version FROM evidenceboard.meta`).Scan(&v)
	return v, err
}

// checkServer refuses a server without the schema or with a newer one.
func checkServer(ctx context.Context, conn *pgx.Conn, addr string) error {
	v, err := serverVersion(ctx, conn)
	if err != nil {
		return serverErr(addr, err)
	}
	if v == 0 {
		return fmt.Errorf("team server %s has no Evidence Board schema: run evidenceboard team init %s", redact(addr), redact(addr))
	}
	if v > ServerVersion {
		return fmt.Errorf("team server %s: its schema is version %d, made by a newer Evidence Board; this one knows up to %d", redact(addr), v, ServerVersion)
	}
	if v < ServerVersion {
		return fmt.Errorf("team server %s: its schema is version %d; run evidenceboard team init %s to step it up", redact(addr), v, redact(addr))
	}
	return nil
}

// CaseInfo is a case on the server as a role that may see it sees it.
type CaseInfo struct {
	ID      string
	Name    string
	Owner   string
	Created time.Time
	Changes int64
	Roles   []string // the roles granted on it
}

// Cases lists the cases the connecting role may see, by name.
func Cases(ctx context.Context, addr string) ([]CaseInfo, error) {
	conn, err := Connect(ctx, addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	if err := checkServer(ctx, conn, addr); err != nil {
		return nil, err
	}
	rows, err := conn.Query(ctx, `SELECT c.id::text, c.name, c.owner::text, c.created,
		(SELECT count(*) FROM evidenceboard.changes AS ch WHERE ch.case_id = c.id),
		coalesce((SELECT array_agg(m.role_name::text ORDER BY m.role_name) FROM evidenceboard.case_members AS m WHERE m.case_id = c.id), '{}')
		FROM evidenceboard.cases AS c ORDER BY c.name`)
	if err != nil {
		return nil, serverErr(addr, err)
	}
	var out []CaseInfo
	for rows.Next() {
		var ci CaseInfo
		if err := rows.Scan(&ci.ID, &ci.Name, &ci.Owner, &ci.Created, &ci.Changes, &ci.Roles); err != nil {
			return nil, serverErr(addr, err)
		}
		out = append(out, ci)
	}
	if err := rows.Err(); err != nil {
		return nil, serverErr(addr, err)
	}
	return out, nil
}

// findCase returns the ID of the case named name, or ErrNoAccess.
func findCase(ctx context.Context, conn *pgx.Conn, addr, name string) (string, error) {
	var id string
	err := conn.QueryRow(ctx, `SELECT id::text FROM evidenceboard.cases WHERE name = $1 AND evidenceboard.may(id, current_user)`, name).Scan(&id)
	if err == pgx.ErrNoRows {
		return "", fmt.Errorf("team server %s, case %q: %w", redact(addr), name, ErrNoAccess)
	}
	if err != nil {
		return "", serverErr(addr, err)
	}
	return id, nil
}

// Grant lets role read and change the case named name; Revoke stops it.
// Only a role that may see the case can grant or revoke on it.
func Grant(ctx context.Context, addr, name, role string) error {
	return member(ctx, addr, name, role, true)
}

// Revoke takes a role's grant on a case away; see Grant.
func Revoke(ctx context.Context, addr, name, role string) error {
	return member(ctx, addr, name, role, false)
}

func member(ctx context.Context, addr, name, role string, add bool) error {
	conn, err := Connect(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if err := checkServer(ctx, conn, addr); err != nil {
		return err
	}
	id, err := findCase(ctx, conn, addr, name)
	if err != nil {
		return err
	}
	if add {
		var exists bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, role).Scan(&exists); err != nil {
			return serverErr(addr, err)
		}
		if !exists {
			return fmt.Errorf("team server %s has no role %q", redact(addr), role)
		}
		_, err = conn.Exec(ctx, `INSERT INTO evidenceboard.case_members (case_id, role_name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, id, role)
		return serverErr(addr, err)
	}
	tag, err := conn.Exec(ctx, `DELETE FROM evidenceboard.case_members WHERE case_id = $1 AND role_name = $2`, id, role)
	if err != nil {
		return serverErr(addr, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("team server %s, case %q: role %q was not granted on it", redact(addr), name, role)
	}
	return nil
}
