// Package segment runs part of a pipeline (a placed segment) somewhere else
// (today a Ray actor) while the rest runs here, with the outputs a local run
// gives.
//
// Here, the segment is one node (Node) that gathers its inputs into
// batches, hands each batch to a Transport as bytes, and finishes each
// input through the executor's deferred-input mechanism when the batch's
// result comes back, so order, input indexes and backpressure are the
// local run's. There, a Session runs the segment's own sub-pipeline as one
// streaming run: it sends a batch's frames, marks the run (executor Mark)
// and returns exactly that batch's outputs, each with the input it derives
// from. Batches travel in the encoding of batch.go, frames in the frame
// wire encoding v1 (docs/FRAMES.md).
package segment
