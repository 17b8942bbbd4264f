package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"evidenceboard/board"
	"evidenceboard/data"
	"evidenceboard/data/team"
)

// openFromTeamDialog is File → Open from team server…: it asks for a
// server, lists the cases the person's role may see there, and makes a
// local copy of the one chosen, linked to the case and opened, as
// `evidenceboard team clone` does.
func (s *Shell) openFromTeamDialog() {
	addr := s.newEntry()
	addr.SetPlaceHolder("postgres://you@host/database?sslmode=verify-full")
	d := dialog.NewForm("Open from a team server", "List cases", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Server", addr),
	}, func(ok bool) {
		if ok && addr.Text != "" {
			s.listTeamCases(addr.Text)
		}
	}, s.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	s.showDialog(d)
}

// listTeamCases asks the server at addr for its cases off the UI
// goroutine, asking for a password when the server wants one, then lets
// the person pick one.
func (s *Shell) listTeamCases(addr string) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cases, err := team.Cases(ctx, addr)
		onUIThread(func() {
			switch {
			case errors.Is(err, team.ErrPassword):
				s.askPassword(addr, err, func() { s.listTeamCases(addr) })
			case err != nil:
				s.showError(err)
			case len(cases) == 0:
				s.showInfo("No cases", "Your role may see no case on this server: ask its owner for a grant (evidenceboard team grant).")
			default:
				s.pickTeamCase(addr, cases)
			}
		})
	}()
}

// pickTeamCase lets the person choose one of cases and where its copy
// goes.
func (s *Shell) pickTeamCase(addr string, cases []team.CaseInfo) {
	names := make([]string, len(cases))
	for i, c := range cases {
		names[i] = c.Name
	}
	pick := s.newSelect(names, nil)
	pick.SetSelectedIndex(0)
	d := dialog.NewForm("Cases on the server", "Choose where to save…", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Case", pick),
	}, func(ok bool) {
		if !ok || pick.Selected == "" {
			return
		}
		name := pick.Selected
		s.saveAsDialogIn(documentsDir(), "Save your copy of the case as", safeFileName(name)+data.Extension, data.Extension, false,
			func(path string) { s.cloneTeamCase(addr, name, path) })
	}, s.win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	s.showDialog(d)
}

// cloneTeamCase makes the local copy at path off the UI goroutine and
// opens it; the window then keeps it in step with the case.
func (s *Shell) cloneTeamCase(addr, name, path string) {
	s.status.SetText(fmt.Sprintf("fetching the case %q…", data.OneLine(name, 40)))
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cs, _, err := team.Clone(ctx, addr, name, path)
		var prep *board.Prepared
		if err == nil {
			prep = board.Prepare(cs.Model())
		}
		onUIThread(func() {
			switch {
			case errors.Is(err, team.ErrPassword):
				s.askPassword(addr, err, func() { s.cloneTeamCase(addr, name, path) })
			case err != nil:
				s.updateStatus()
				s.showError(err)
			default:
				s.installPrepared(path, cs, prep)
			}
		})
	}()
}
