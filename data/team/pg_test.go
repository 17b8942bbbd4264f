package team

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The tests run against a real PostgreSQL, never a mock: TestMain starts a
// throwaway cluster (initdb in a temporary folder, pg_ctl on a free
// loopback port) and stops it at the end. As root, the cluster runs as
// nobody, since PostgreSQL refuses to run as root.

// cluster is the test binary's server.
type cluster struct {
	bin  string // the folder of initdb and pg_ctl
	dir  string
	port int
	as   []string // the command prefix that runs as the cluster's user
}

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
		c, err := startCluster()
		if err != nil {
			serverErr0 = err
			return m.Run()
		}
		testServer = c
		defer c.stop()
		if err := c.setup(); err != nil {
			serverErr0 = err
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

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func startCluster() (*cluster, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "evboard-pg-")
	if err != nil {
		return nil, err
	}
	c := &cluster{bin: bin, dir: dir}
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
	if c.port, err = freePort(); err != nil {
		return nil, err
	}
	if out, err := c.run("initdb", "-D", c.data(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, lastLines(out))
	}
	if err := c.start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return c, nil
}

func (c *cluster) data() string { return filepath.Join(c.dir, "data") }

func (c *cluster) run(name string, args ...string) ([]byte, error) {
	argv := append(append(append([]string(nil), c.as...), filepath.Join(c.bin, name)), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = c.dir
	return cmd.CombinedOutput()
}

func (c *cluster) start() error {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", c.port, c.dir)
	if out, err := c.run("pg_ctl", "-D", c.data(), "-o", opts, "-l", filepath.Join(c.dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		return fmt.Errorf("pg_ctl start: %v: %s %s", err, lastLines(out), lastLines(log))
	}
	return nil
}

// kill stops the server at once, as a crash or a pulled cable would.
func (c *cluster) kill() error {
	out, err := c.run("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop")
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, lastLines(out))
	}
	return nil
}

func (c *cluster) stop() {
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

// url is the address of the test database for role.
func (c *cluster) url(role string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/evb?sslmode=disable", role, c.port)
}

// setup makes the database, the schema (as its owner, a role that is not
// a superuser, as at a real site) and the roles the tests connect as:
// alice and bob are in the group newsroom; mallory is not.
func (c *cluster) setup() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
	conn, err := Connect(ctx, admin)
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
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %v", q, err)
		}
	}
	_, err = Init(ctx, c.url("evb_owner"))
	return err
}
