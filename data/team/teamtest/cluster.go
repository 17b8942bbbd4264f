// Package teamtest starts a throwaway PostgreSQL cluster for the tests of
// package team and of the command line: never a mock. Only tests import it.
package teamtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Cluster is a throwaway PostgreSQL server for tests.
type Cluster struct {
	bin  string // the folder of initdb and pg_ctl
	dir  string
	port int
	as   []string // the command prefix that runs as the cluster's user
}

// findBin finds the folder of initdb and pg_ctl.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return verOf(dirs[i]) > verOf(dirs[j]) })
	for _, d := range append([]string{"/usr/local/bin"}, dirs...) {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("initdb and pg_ctl not found (install them: apt-get install postgresql, or run .ci/install-postgres; set EVIDENCEBOARD_NO_POSTGRES=1 to skip these tests)")
}

func verOf(dir string) int {
	var v int
	fmt.Sscanf(filepath.Base(filepath.Dir(dir)), "%d", &v)
	return v
}

// FreePort is a loopback port nothing listens on.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start makes a cluster in a temporary folder and starts it on a free
// loopback port, as nobody when run as root (PostgreSQL will not run as
// root). Without initdb and pg_ctl it says how to install them.
func Start() (*Cluster, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "evboard-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		// PostgreSQL will not run as root: the cluster is nobody's.
		if err := os.Chmod(dir, 0o777); err != nil {
			return nil, err
		}
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			return nil, fmt.Errorf("running as root, and runuser is missing to start PostgreSQL as nobody")
		}
		c.as = []string{runuser, "-u", "nobody", "--"}
	}
	if c.port, err = FreePort(); err != nil {
		return nil, err
	}
	if out, err := c.run("initdb", "-D", c.data(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, lastLines(out))
	}
	// carol must give a password (Setup sets it: PasswordRole), as at a
	// real site; the other roles are trusted.
	hba := filepath.Join(c.data(), "pg_hba.conf")
	old, err := os.ReadFile(hba)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := os.WriteFile(hba, append([]byte("host all carol 127.0.0.1/32 scram-sha-256\n"), old...), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := c.Restart(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return c, nil
}

func (c *Cluster) data() string { return filepath.Join(c.dir, "data") }

func (c *Cluster) run(name string, args ...string) ([]byte, error) {
	argv := append(append(append([]string(nil), c.as...), filepath.Join(c.bin, name)), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = c.dir
	return cmd.CombinedOutput()
}

// Restart starts the server again after Kill.
func (c *Cluster) Restart() error {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", c.port, c.dir)
	if out, err := c.run("pg_ctl", "-D", c.data(), "-o", opts, "-l", filepath.Join(c.dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		return fmt.Errorf("pg_ctl start: %v: %s %s", err, lastLines(out), lastLines(log))
	}
	return nil
}

// Kill stops the server at once, as a crash or a pulled cable would.
func (c *Cluster) Kill() error {
	out, err := c.run("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop")
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, lastLines(out))
	}
	return nil
}

// Stop stops the server and removes its folder.
func (c *Cluster) Stop() {
	c.run("pg_ctl", "-D", c.data(), "-m", "fast", "-w", "stop")
	os.RemoveAll(c.dir)
}

func lastLines(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, " / ")
}

// URL is the address of the test database for role.
func (c *Cluster) URL(role string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/evb?sslmode=disable", role, c.port)
}

// CarolPassword is the password of the role carol, the one role of the
// test cluster that must give one.
const CarolPassword = "carol's secret"

// Setup makes the database evb, owned by evb_owner (not a superuser, as
// at a real site), and the roles the tests connect as: alice, bob and
// carol (who needs CarolPassword) are in the group newsroom; mallory is
// not.
func (c *Cluster) Setup() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for _, q := range []string{
		`CREATE ROLE evb_owner LOGIN`,
		`CREATE DATABASE evb OWNER evb_owner`,
		`CREATE ROLE newsroom NOLOGIN`,
		`CREATE ROLE alice LOGIN IN ROLE newsroom`,
		`CREATE ROLE bob LOGIN IN ROLE newsroom`,
		`CREATE ROLE mallory LOGIN`,
		`CREATE ROLE carol LOGIN IN ROLE newsroom PASSWORD '` + strings.ReplaceAll(CarolPassword, "'", "''") + `'`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %v", q, err)
		}
	}
	return nil
}
