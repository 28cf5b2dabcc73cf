// Package avro stands in for github.com/iskorotkov/avro/v2, which the module proxy
// reachable here does not serve. daprd's component registry imports it only to set
// decoder allocation limits for the Pulsar pub/sub, a component HealthSync does not
// use (and the upstream Pulsar client built here decodes with hamba/avro instead).
// It keeps the two names that import uses and nothing else.
package avro

// Config holds the allocation limits daprd sets.
type Config struct {
	MaxSliceAllocSize int
	MaxMapAllocSize   int
}

// API is a frozen Config.
type API interface{ Limits() Config }

type frozen struct{ c Config }

func (f frozen) Limits() Config { return f.c }

// Freeze returns an immutable view of the config.
func (c Config) Freeze() API { return frozen{c} }

// DefaultConfig is what daprd overwrites at start-up.
var DefaultConfig API = Config{}.Freeze()
