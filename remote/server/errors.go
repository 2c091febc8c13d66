package server

import (
	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/remote/pb"
)

// streamError is an ErrorResponse whose context names the stream error
// type and, for chunk errors, the chunk's sequence (docs/REMOTE.md).
func streamError(typ pb.ErrorType, streamType pb.StreamErrorType, nodeID, msg string, seq *uint64) *pb.StreamResponse {
	ctx := map[string]any{"stream_error_type": streamType.String()}
	if seq != nil {
		ctx["sequence"] = *seq
	}
	text, _ := core.EncodeJSON(ctx) // strings and an integer always encode
	return &pb.StreamResponse{Response: &pb.StreamResponse_Error{Error: &pb.ErrorResponse{
		ErrorType: typ, Message: msg, FailingNodeId: nodeID, Context: string(text),
	}}}
}

// errorType classifies an engine error for the protocol.
func errorType(err error) pb.ErrorType {
	switch core.ErrorCode(err) {
	case core.CodeInvalidManifest, core.CodeUnsupported:
		return pb.ErrorType_ERROR_TYPE_VALIDATION
	case core.CodeInvalidInput:
		return pb.ErrorType_ERROR_TYPE_TYPE_VALIDATION
	case core.CodeNodeFailed:
		return pb.ErrorType_ERROR_TYPE_NODE_EXECUTION
	}
	return pb.ErrorType_ERROR_TYPE_INTERNAL
}
