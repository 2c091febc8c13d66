package core_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

func TestConfig_Check(t *testing.T) {
	m, err := core.ParseManifest([]byte(calculator), core.NewConfig())
	require.NoError(t, err)
	for _, tt := range []struct {
		queue   int
		wantErr string
	}{
		{0, ""},
		{1, ""},
		{core.MaxQueueSize, ""},
		{-1, "invalid input: queue size -1 is out of range 0..4096 (0 means the default, 16)"},
		{core.MaxQueueSize + 1, "invalid input: queue size 4097 is out of range 0..4096 (0 means the default, 16)"},
		// 10^9 batches used to allocate 8 GB per node before the first item.
		{1_000_000_000, "invalid input: queue size 1000000000 is out of range 0..4096 (0 means the default, 16)"},
	} {
		cfg := core.NewConfig().WithQueueSize(tt.queue)
		p, err := core.NewPipeline(m, cfg)
		if tt.wantErr != "" {
			require.EqualError(t, err, tt.wantErr)
			require.Equal(t, core.CodeInvalidInput, core.ErrorCode(err))
			require.EqualError(t, cfg.Check(), tt.wantErr)
			continue
		}
		require.NoError(t, err)
		res, err := p.Run(context.Background(), []*frame.Frame{frame.JSON(1)})
		require.NoError(t, err)
		require.Len(t, res.Outputs["add"], 1)
	}
}

func TestLoadManifest_SizeLimit(t *testing.T) {
	// /dev/zero used to be read until the OOM killer; the cap bounds this test.
	_, err := core.LoadManifest("/dev/zero", core.NewConfig())
	require.EqualError(t, err, "invalid input: read manifest: /dev/zero is larger than the limit of 16 MiB")
	require.Equal(t, core.CodeInvalidInput, core.ErrorCode(err))

	big := make([]byte, core.MaxManifestBytes+1)
	_, err = core.ParseManifest(big, core.NewConfig())
	require.EqualError(t, err, "invalid manifest: $: the manifest is 16777217 bytes, more than the limit of 16 MiB")
}
