package data

// testApply writes ch to the board s through a Case over the board as the
// file holds it now: what the app does, for tests that hold no model.
// It stamps ch as Case.Apply does.
func testApply(s *Store, ch *Change) error {
	m, err := s.Load()
	if err != nil {
		return err
	}
	done, _, err := NewCase(s, m).Apply(*ch)
	if err == nil {
		*ch = done
	}
	return err
}

// testMerge merges the board at theirs into s as Case.Merge does.
func testMerge(s *Store, theirs string) (*MergeReport, error) {
	m, err := s.Load()
	if err != nil {
		return nil, err
	}
	rep, _, err := NewCase(s, m).Merge(theirs)
	return rep, err
}

// testResolve flips a merge conflict on s as Case.ResolveConflict does.
func testResolve(s *Store, c MergeConflict, takeTheirs bool) error {
	m, err := s.Load()
	if err != nil {
		return err
	}
	_, err = NewCase(s, m).ResolveConflict(c, takeTheirs)
	return err
}
