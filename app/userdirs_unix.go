//go:build !windows

package app

import (
	"context"
	"os/exec"
	"strings"
	"time"
)

// userDocuments is XDG's documents folder, as `xdg-user-dir DOCUMENTS`
// reads it from user-dirs.dirs; "" where there is no such command (macOS)
// or it says nothing within a second.
func userDocuments() string {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "xdg-user-dir", "DOCUMENTS").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
