# RemotePipelineNode (remote/client): per-frame cost on loopback against the
# same sub-pipeline in process. test-go already runs its tests.
.PHONY: bench-remote-client

bench: bench-remote-client

bench-remote-client:
	$(GO) test -run '^$$' -bench 'Remote(Frame|Session|ConcurrentSessions)' -benchmem -count $(BENCH_COUNT) ./remote/client/
