//go:build !unix

package bench

import "time"

// cpuTime returns 0 where the process's CPU time is not read: per-CPU-second figures are then 0.
func cpuTime() time.Duration { return 0 }
