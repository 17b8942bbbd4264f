package data

import (
	"os"
	"syscall"
)

// fileInode is the file's inode number. Sync tools (rsync, Syncthing,
// Dropbox) put another copy of a board in place by writing a new file
// and renaming it over the old one, and may keep its modification time;
// two copies of one board edited as often can have the same size and
// change counter. The inode tells such a copy from the file this app
// closed. (Damage in place, a disk's, keeps it: the background check is
// for that.)
func fileInode(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ino
	}
	return 0
}
