package client

import (
	"context"
	"fmt"
	"testing"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/server"
)

// BenchmarkRemoteFrame streams 640-byte audio frames (160 float32 samples,
// 10 ms at 16 kHz) through a PassThrough, in process and through a
// RemotePipelineNode to remote/server on loopback; the difference of their
// ns/frame is the remote node's per-frame overhead, pipelined.
func BenchmarkRemoteFrame(b *testing.B) {
	f, err := frame.NewAudio(frame.Audio{Samples: make([]float32, 160), SampleRate: 16000, Channels: 1})
	if err != nil {
		b.Fatal(err)
	}
	sub := `{"version": "v1", "nodes": [{"id": "pass", "node_type": "PassThrough"}]}`
	addr, _ := serveReal(b, server.Options{})
	cases := []struct{ name, manifest string }{
		{"in-process", sub},
		{"loopback", `{"version": "v1", "nodes": [{"id": "remote", "node_type": "RemotePipelineNode",
		  "params": {"endpoint": "` + addr + `", "manifest": ` + sub + `}}]}`},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			p := pipeline(b, tc.manifest, core.NewConfig())
			b.ReportAllocs()
			b.ResetTimer()
			run, err := p.Start(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			go func() {
				defer run.CloseInput()
				for range b.N {
					if run.Send(context.Background(), f) != nil {
						return
					}
				}
			}()
			n := 0
			for range run.Outputs() {
				n++
			}
			if err := run.Wait(); err != nil || n != b.N {
				b.Fatalf("%d outputs of %d, err %v", n, b.N, err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/frame")
		})
	}
}

// BenchmarkRemoteSession is one whole run of one frame through a
// RemotePipelineNode on loopback: dial, StreamInit/StreamReady, the frame
// and its output, CLOSE/StreamClosed. Its ns/op bounds the cost of opening
// a stream.
func BenchmarkRemoteSession(b *testing.B) {
	addr, _ := serveReal(b, server.Options{})
	p := pipeline(b, `{"version": "v1", "nodes": [{"id": "remote", "node_type": "RemotePipelineNode",
	  "params": {"endpoint": "`+addr+`", "manifest": {"version": "v1", "nodes": [{"id": "pass", "node_type": "PassThrough"}]}}}]}`, core.NewConfig())
	in := []*frame.Frame{frame.JSON(1)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Run(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRemoteConcurrentSessions streams 640-byte audio frames through
// 1, 8 and 64 RemotePipelineNode sessions at once, each its own run and
// stream to one server on loopback; frames/s is the aggregate throughput.
func BenchmarkRemoteConcurrentSessions(b *testing.B) {
	f, err := frame.NewAudio(frame.Audio{Samples: make([]float32, 160), SampleRate: 16000, Channels: 1})
	if err != nil {
		b.Fatal(err)
	}
	addr, _ := serveReal(b, server.Options{})
	manifest := `{"version": "v1", "nodes": [{"id": "remote", "node_type": "RemotePipelineNode",
	  "params": {"endpoint": "` + addr + `", "manifest": {"version": "v1", "nodes": [{"id": "pass", "node_type": "PassThrough"}]}}}]}`
	const framesPerSession = 500
	inputs := make([]*frame.Frame, framesPerSession)
	for i := range inputs {
		inputs[i] = f
	}
	for _, sessions := range []int{1, 8, 64} {
		b.Run(fmt.Sprintf("sessions=%d", sessions), func(b *testing.B) {
			p := pipeline(b, manifest, core.NewConfig())
			for b.Loop() {
				errs := make(chan error, sessions)
				for range sessions {
					go func() {
						res, err := p.Run(context.Background(), inputs)
						if err == nil && len(res.Outputs["remote"]) != framesPerSession {
							err = fmt.Errorf("%d outputs of %d", len(res.Outputs["remote"]), framesPerSession)
						}
						errs <- err
					}()
				}
				for range sessions {
					if err := <-errs; err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.N*sessions*framesPerSession)/b.Elapsed().Seconds(), "frames/s")
		})
	}
}
