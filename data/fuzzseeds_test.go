package data_test

import (
	"os"

	"evidenceboard/data"
	"evidenceboard/data/hostile"
)

// maxSeed is the largest hostile file used as a fuzzing seed: inputs pass
// through 100 MiB of shared memory and are mutated byte by byte, so the
// corpus's huge files (over-limit bodies, sparse giants) are left to
// TestHostileCorpus.
const maxSeed = 1 << 20

func init() {
	data.HostileSeeds = func(dir string) ([][2][]byte, error) {
		cases, err := hostile.Corpus(dir)
		if err != nil {
			return nil, err
		}
		var seeds [][2][]byte
		for _, h := range cases {
			b, ok := seedFile(h.Path)
			if !ok {
				continue
			}
			j, _ := seedFile(h.Path + "-journal")
			seeds = append(seeds, [2][]byte{b, j})
		}
		return seeds, nil
	}
}

// seedFile reads path if it is a regular file (a FIFO would hang the
// read) of at most maxSeed bytes; otherwise it gives an empty input.
func seedFile(path string) ([]byte, bool) {
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxSeed {
		return []byte{}, false
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return []byte{}, false
	}
	return b, true
}
