"""What operators run and watch: health checks, a task worker that outlives faults, backup and
restore (README.md)."""
