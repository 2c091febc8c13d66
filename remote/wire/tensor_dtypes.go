package wire

import (
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
)

// tensorDTypes are the TensorBuffer dtypes with a frame dtype. Tensors of
// other frame dtypes travel as NumpyBuffer, whose dtype is numpy's name,
// the same as frame.DType's.
var tensorDTypes = map[pb.TensorDtype]frame.DType{
	pb.TensorDtype_TENSOR_DTYPE_F32: frame.Float32,
	pb.TensorDtype_TENSOR_DTYPE_I32: frame.Int32,
	pb.TensorDtype_TENSOR_DTYPE_I8:  frame.Int8,
	pb.TensorDtype_TENSOR_DTYPE_U8:  frame.Uint8,
}

// wireDTypes is tensorDTypes reversed.
var wireDTypes = func() map[frame.DType]pb.TensorDtype {
	m := make(map[frame.DType]pb.TensorDtype, len(tensorDTypes))
	for w, d := range tensorDTypes {
		m[d] = w
	}
	return m
}()
