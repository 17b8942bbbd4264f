//go:build windows

package app

import "golang.org/x/sys/windows"

// userDocuments is the user's Documents known folder (which may have been
// moved, to OneDrive for one).
func userDocuments() string {
	d, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
	if err != nil {
		return ""
	}
	return d
}
