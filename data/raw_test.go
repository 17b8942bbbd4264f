package data

import (
	"database/sql"
	"fmt"
)

// rawExec runs statements on a plain connection to path (foreign keys
// off, none of Open's checks or hardening), to make files Open would
// never write. data/hostile has its own copy for the hostile corpus.
func rawExec(path string, stmts ...string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(0)&_pragma=journal_mode(DELETE)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return fmt.Errorf("%.60s: %w", s, err)
		}
	}
	return nil
}
