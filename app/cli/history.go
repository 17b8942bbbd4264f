package cli

import (
	"fmt"
	"os"
	"os/user"
	"strings"

	"evidenceboard/data"
)

func init() {
	Register(&Command{
		Name: "history",
		Args: "FILE.evboard [CARD]",
		Summary: "Print the history kept inside a board, newest first: every change with\n" +
			"its author and time; CARD (an ID or a title) narrows it to one card.",
		NArgs: -1,
		Run: func(env *Env, args []string) int {
			if len(args) < 1 || len(args) > 2 {
				env.Flags.Usage()
				return 2
			}
			s, err := data.OpenReadOnly(args[0])
			if err != nil {
				return env.Fail(err)
			}
			defer s.Close()
			id := ""
			if len(args) == 2 {
				if id, err = findCard(s, args[1]); err != nil {
					return env.Fail(fmt.Errorf("%s: %v", args[0], err))
				}
			}
			entries, err := s.History(id)
			if err != nil {
				return env.Fail(err)
			}
			if len(entries) == 0 {
				fmt.Fprintln(env.Out, "no history")
			}
			for _, e := range entries {
				printf(env.Out, "%s\n", e.Line)
			}
			return 0
		},
	})
}

// findCard resolves what a person typed to a card ID: an ID (of a card on
// the board or one the history remembers), or a title, compared without
// regard to case, that names one card.
func findCard(s *data.Store, arg string) (string, error) {
	m, err := s.Load()
	if err != nil {
		return "", err
	}
	if m.Cards[arg] != nil {
		return arg, nil
	}
	var hits []string
	for _, c := range m.SortedCards() {
		if strings.EqualFold(c.Title, arg) {
			hits = append(hits, c.ID)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		if h, err := s.History(arg); err == nil && len(h) > 0 {
			return arg, nil // a card since deleted
		}
		return "", fmt.Errorf("no card %q", arg)
	}
	return "", fmt.Errorf("%d cards are titled %q; give the ID", len(hits), arg)
}

// author is the name written into the history for command-line changes:
// $EVIDENCEBOARD_AUTHOR, else the login's full name, else its user name.
func author() string {
	if a := os.Getenv("EVIDENCEBOARD_AUTHOR"); a != "" {
		return a
	}
	if u, err := user.Current(); err == nil {
		if n := strings.TrimSpace(strings.Split(u.Name, ",")[0]); n != "" {
			return n
		}
		return u.Username
	}
	return ""
}
