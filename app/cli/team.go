package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"evidenceboard/data"
	"evidenceboard/data/team"

	"golang.org/x/term"
)

// teamCmds are team's subcommands: their positional arguments, and
// whether they need --case.
var teamCmds = map[string]struct {
	args     []string
	needCase bool
	run      func(env *Env, name string, args []string) error
}{
	"init":    {[]string{"URL"}, false, teamInit},
	"publish": {[]string{"BOARD", "URL"}, true, teamPublish},
	"clone":   {[]string{"URL", "OUT.evboard"}, true, teamClone},
	"sync":    {[]string{"BOARD"}, false, teamSync},
	"grant":   {[]string{"URL", "ROLE"}, true, func(env *Env, name string, a []string) error { return teamMember(env, name, a, true) }},
	"revoke":  {[]string{"URL", "ROLE"}, true, func(env *Env, name string, a []string) error { return teamMember(env, name, a, false) }},
	"status":  {[]string{"BOARD"}, false, teamStatus},
	"cases":   {[]string{"URL"}, false, teamCases},
}

func init() {
	Register(&Command{
		Name: "team",
		Args: "init URL | publish BOARD URL --case NAME | clone URL --case NAME OUT.evboard |\n" +
			"       sync BOARD | grant URL --case NAME ROLE | revoke URL --case NAME ROLE |\n" +
			"       status BOARD | cases URL",
		Summary: "Work on a case as a team through a PostgreSQL server (docs/TEAM.md): URL is\n" +
			"postgres://USER@HOST/DATABASE; the password comes from ~/.pgpass, PGPASSWORD or, in a terminal, a prompt\n" +
			"and is never written into a board.",
		Flags: func(fs *flag.FlagSet) { fs.String("case", "", "the case's name on the server") },
		NArgs: -1,
		Run: func(env *Env, args []string) int {
			if len(args) == 0 {
				env.Flags.Usage()
				return 2
			}
			sub, ok := teamCmds[args[0]]
			name := env.Flags.Lookup("case").Value.String()
			if !ok || len(args)-1 != len(sub.args) || (sub.needCase && name == "") {
				if ok {
					printf(env.Err, "usage: evidenceboard team %s %s\n", args[0], teamUsage(args[0]))
				} else {
					env.Flags.Usage()
				}
				return 2
			}
			if stdin := int(os.Stdin.Fd()); term.IsTerminal(stdin) {
				team.Prompt = func(role, host string) (string, bool) {
					printf(env.Err, "Password for %s on %s: ", role, host)
					pw, err := term.ReadPassword(stdin) // no echo
					printf(env.Err, "\n")
					return string(pw), err == nil && len(pw) > 0
				}
				defer func() { team.Prompt = nil }()
			}
			if err := sub.run(env, name, args[1:]); err != nil {
				if errors.Is(err, team.ErrPassword) {
					err = fmt.Errorf("%v: set PGPASSWORD or add a line to ~/.pgpass (or run it in a terminal, where it asks)", err)
				}
				return env.Fail(err)
			}
			return 0
		},
	})
}

func teamUsage(sub string) string {
	c := teamCmds[sub]
	parts := append([]string(nil), c.args...)
	if c.needCase {
		parts = append(parts, "--case NAME")
	}
	return strings.Join(parts, " ")
}

func teamInit(env *Env, _ string, a []string) error {
	was, err := team.Init(context.Background(), a[0])
	if err != nil {
		return err
	}
	if was == team.ServerVersion {
		printf(env.Out, "team server schema is at version %d already\n", was)
	} else {
		printf(env.Out, "team server schema made version %d (was %d)\n", team.ServerVersion, was)
	}
	return nil
}

// openBoard opens a board for a team command that changes it.
func openBoard(env *Env, path string) (*data.Case, error) {
	cs, err := openToChange(env, path)
	if err != nil {
		return nil, err
	}
	if cs.Store().ReadOnly() {
		cs.Close()
		if why := cs.Store().WhyReadOnly(); why != nil {
			return nil, why
		}
		return nil, fmt.Errorf("%s: %v", path, data.ErrReadOnly)
	}
	cs.Store().Author = author()
	return cs, nil
}

func teamPublish(env *Env, name string, a []string) error {
	cs, err := openBoard(env, a[0])
	if err != nil {
		return err
	}
	defer cs.Close()
	if err := team.Publish(context.Background(), cs, a[1], name); err != nil {
		return err
	}
	printf(env.Out, "published %s as case %q; the board is linked to it\n", a[0], name)
	return nil
}

func teamClone(env *Env, name string, a []string) error {
	cs, res, err := team.Clone(context.Background(), a[0], name, a[1])
	if err != nil {
		return err
	}
	cs.Close()
	printf(env.Out, "cloned case %q to %s: %d changes\n", name, a[1], res.Pulled)
	return nil
}

func teamSync(env *Env, _ string, a []string) error {
	cs, err := openBoard(env, a[0])
	if err != nil {
		return err
	}
	defer cs.Close()
	res, err := team.Sync(context.Background(), cs)
	if err != nil {
		if errors.Is(err, team.ErrUnreachable) {
			return fmt.Errorf("%s: offline, changes kept: %v", a[0], err)
		}
		return err
	}
	printf(env.Out, "pushed %d, pulled %d, conflicts %d\n", res.Pushed, res.Pulled, res.Conflicts)
	return nil
}

func teamMember(env *Env, name string, a []string, grant bool) error {
	if grant {
		if err := team.Grant(context.Background(), a[0], name, a[1]); err != nil {
			return err
		}
		printf(env.Out, "granted case %q to role %s\n", name, a[1])
		return nil
	}
	if err := team.Revoke(context.Background(), a[0], name, a[1]); err != nil {
		return err
	}
	printf(env.Out, "revoked case %q from role %s\n", name, a[1])
	return nil
}

func teamStatus(env *Env, _ string, a []string) error {
	s, err := data.OpenReadOnly(a[0])
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := team.ReadStatus(s)
	if err != nil {
		return err
	}
	printf(env.Out, "case %q on %s\n", st.Link.CaseName, st.Link.Server)
	printf(env.Out, "pulled up to server change %d\n", st.Link.PulledSeq)
	if st.Waiting == 0 {
		printf(env.Out, "synced: no changes waiting\n")
	} else {
		printf(env.Out, "%d changes waiting to be pushed\n", st.Waiting)
	}
	if st.Conflicts > 0 {
		conflicts, err := team.Conflicts(s)
		if err != nil {
			return err
		}
		printf(env.Out, "%d conflicts to review (the app's File → Review team conflicts…):\n", len(conflicts))
		for _, c := range conflicts {
			printf(env.Out, "  %s %s: %s\n", c.Entity, data.Printable(c.Title), c.Describe(time.Local))
		}
	}
	return nil
}

func teamCases(env *Env, _ string, a []string) error {
	cases, err := team.Cases(context.Background(), a[0])
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		printf(env.Out, "no cases this role may see\n")
	}
	for _, c := range cases {
		printf(env.Out, "%s\t%d changes\towner %s\troles %s\tcreated %s\n", c.Name, c.Changes, c.Owner,
			strings.Join(c.Roles, ","), c.Created.Local().Format(time.DateTime))
	}
	return nil
}
